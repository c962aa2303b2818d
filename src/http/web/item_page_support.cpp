#include "http/web/item_page_support.hpp"

#include <algorithm>
#include <cctype>

#include "http/web/web_context.hpp"

namespace sealpost::http::web {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_days;

using E = domain::EvidenceEvent;
using S = domain::DeliveryState;

// 01:00 UTC on the last Sunday of `m`: when EU clocks change.
std::chrono::sys_seconds ChangeOver(std::chrono::year y, std::chrono::month m) {
  const sys_days last_day{y / m / std::chrono::last};
  const sys_days sunday = last_day - (std::chrono::weekday{last_day} - std::chrono::Sunday);
  return std::chrono::sys_seconds{sunday + hours(1)};
}

bool SummerTime(std::chrono::sys_seconds t) {
  const std::chrono::year y = std::chrono::year_month_day{std::chrono::floor<days>(t)}.year();
  return t >= ChangeOver(y, std::chrono::March) && t < ChangeOver(y, std::chrono::October);
}

}  // namespace

HttpResponse SignInFirst(const HttpRequest& request) {
  return SeeOther("/sign-in?return_to=" + QueryEscape(request.target));
}

std::string QueryEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string StateMessageKey(domain::DeliveryState state) {
  return "items.state." + std::string(domain::StateName(state));
}

std::string_view StateTone(domain::DeliveryState state) {
  if (state == S::kHandedOver || state == S::kRelayedToPost) return "done";
  return domain::IsFinal(state) ? "failed" : "open";
}

std::string EventMessageKey(domain::EvidenceEvent event) {
  std::string_view name;
  switch (event) {
    case E::kSubmissionAcceptance:
      name = "submission_acceptance";
      break;
    case E::kSubmissionRejection:
      name = "submission_rejection";
      break;
    case E::kNotificationForAcceptance:
      name = "notification_for_acceptance";
      break;
    case E::kNotificationForAcceptanceFailure:
      name = "notification_for_acceptance_failure";
      break;
    case E::kConsignmentAcceptance:
      name = "consignment_acceptance";
      break;
    case E::kConsignmentRejection:
      name = "consignment_rejection";
      break;
    case E::kAcceptanceRejectionExpiry:
      name = "acceptance_rejection_expiry";
      break;
    case E::kContentConsignment:
      name = "content_consignment";
      break;
    case E::kConsignmentNotification:
      name = "consignment_notification";
      break;
    case E::kContentHandover:
      name = "content_handover";
      break;
    case E::kContentHandoverFailure:
      name = "content_handover_failure";
      break;
    case E::kRelayToNonErds:
      name = "relay_to_non_erds";
      break;
    case E::kRelayToNonErdsFailure:
      name = "relay_to_non_erds_failure";
      break;
  }
  return "items.event." + std::string(name);
}

std::string ReasonMessageKey(std::string_view reason_code) {
  static constexpr std::string_view kKnown[] = {"RA03", "RA05", "RA06", "RA08", "RA09",
                                                "RC02", "RC08", "RC09", "RE02", "RF01"};
  if (std::find(std::begin(kKnown), std::end(kKnown), reason_code) == std::end(kKnown)) {
    return "items.reason.other";
  }
  std::string key = "items.reason.";
  for (char c : reason_code) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

bool AwaitsOpening(domain::DeliveryState state) {
  return domain::ContentAvailable(state) && state != S::kHandedOver;
}

void AddMessageLines(std::string_view message, ui::View& view) {
  std::size_t start = 0;
  while (start <= message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string_view::npos) end = message.size();
    std::string_view line = message.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    view.AddRow("lines").Set("text", std::string(line));
    start = end + 1;
  }
}

common::TimePoint BrusselsDayStart(std::chrono::year_month_day day) {
  // Local midnight is 22:00 UTC the day before in summer, 23:00 UTC in winter.
  const std::chrono::sys_seconds summer{sys_days{day} - hours(2)};
  const std::chrono::sys_seconds start = SummerTime(summer) ? summer : summer + hours(1);
  return std::chrono::time_point_cast<std::chrono::microseconds>(start);
}

std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return std::nullopt;
  }
  for (std::size_t i = 0; i < 4; ++i) y = y * 10 + (text[i] - '0');
  m = static_cast<unsigned>((text[5] - '0') * 10 + (text[6] - '0'));
  d = static_cast<unsigned>((text[8] - '0') * 10 + (text[9] - '0'));
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m},
                                         std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace sealpost::http::web
