// What the outbox, compose and inbox pages share: the sign-in redirect, the catalogue keys of
// delivery states, evidence events and reason codes, Brussels calendar dates for the date filter,
// and a scan that filters a cursor-paged listing page by page. Pure functions and a function
// template; thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ports/item_repository.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/delivery_state.hpp"
#include "domain/evidence_event.hpp"
#include "http/http_request.hpp"
#include "http/http_response.hpp"
#include "ui/view.hpp"

namespace sealpost::http::web {

// 303 to the sign-in page, which comes back to this page (path and query) afterwards.
HttpResponse SignInFirst(const HttpRequest& request);

// Percent-encodes a query value (RFC 3986: unreserved characters and '/' stay as they are).
std::string QueryEscape(std::string_view text);

// "items.state.handed_over": the state's name as the sender or recipient reads it.
std::string StateMessageKey(domain::DeliveryState state);
// "open", "done" or "failed": how a state is drawn (a CSS modifier, never shown as text).
std::string_view StateTone(domain::DeliveryState state);
// "items.event.content_handover".
std::string EventMessageKey(domain::EvidenceEvent event);
// "items.reason.ra03", or "items.reason.other" for a code without its own message.
std::string ReasonMessageKey(std::string_view reason_code);
// The state a recipient still has to act in: the content waits to be opened.
bool AwaitsOpening(domain::DeliveryState state);

// The lines of a message as rows of section "lines" ({{text}} each): HTML escaping turns line
// breaks into spaces, so the template shows each line as a block of its own.
void AddMessageLines(std::string_view message, ui::View& view);

// The instant a calendar day begins in Europe/Brussels. Belgium keeps CET (UTC+1) and, from the
// last Sunday of March to the last Sunday of October at 01:00 UTC, CEST (UTC+2) — the EU rule of
// Directive 2000/84/EC. g++ 12 has no time-zone database in <chrono>, and the ICU formatter lives
// in the ui layer, so the rule is spelled out here; it only has to place a date filter's bounds.
// Local midnight is never in a DST gap (the clocks change at 02:00 and 03:00).
common::TimePoint BrusselsDayStart(std::chrono::year_month_day day);
// "2026-03-29" → that date; nullopt for anything else.
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

// One page of a filtered listing: up to `wanted` matching rows, and where the next page starts.
template <typename Row>
struct ScanResult {
  std::vector<Row> rows;
  std::string next_cursor;      // empty when the listing is exhausted
  bool scan_limit_hit = false;  // stopped after max_scanned rows; next_cursor continues the search
};

// Walks a newest-first, cursor-paged listing (`fetch(PageRequest)` → Result<vector<Row>>) from
// `after`, keeping the rows `keep` accepts, until `wanted` are found, the listing ends, `past_end`
// says no later row can match (e.g. older than a date filter), or `max_scanned` rows were read.
// The repositories cannot filter, so a page handler filters here; max_scanned bounds the work of
// one request, and the cursor lets the visitor continue the search.
template <typename Row, typename Fetch, typename Keep, typename PastEnd, typename IdOf>
common::Result<ScanResult<Row>> ScanListing(Fetch&& fetch, Keep&& keep, PastEnd&& past_end,
                                            IdOf&& id_of, std::string after, std::size_t wanted,
                                            std::size_t max_scanned) {
  constexpr std::size_t kBatch = 100;
  ScanResult<Row> result;
  std::size_t scanned = 0;
  for (;;) {
    auto batch = fetch(app::PageRequest{kBatch, after});
    if (!batch) return common::Fail(batch.error());
    for (Row& row : *batch) {
      ++scanned;
      if (past_end(row)) return result;
      after = id_of(row);
      if (!keep(row)) continue;
      if (result.rows.size() == wanted) {
        // One match more than asked: there is a next page, and it starts after the last shown.
        result.next_cursor = id_of(result.rows.back());
        return result;
      }
      result.rows.push_back(std::move(row));
    }
    if (batch->size() < kBatch) return result;
    if (scanned >= max_scanned) {
      result.next_cursor = after;
      result.scan_limit_hit = true;
      return result;
    }
  }
}

}  // namespace sealpost::http::web
