// A journal entry of the billing ledger: one immutable, balanced movement of money.
//
// Immutable: a JournalEntry can only be made by Create, which validates it, and has no setters; a
// mistake is corrected by a new entry (e.g. a credit note), never by changing an old one.
// Idempotent: the entry id is the "transfer id". Where a movement has a natural external key (a
// payment provider's payment id, a delivery id) the id is derived from it (DeriveTransferId), so
// that a replayed webhook or a retried debit produces the same id, which storage refuses to insert
// twice (a unique key) — crediting once.
// Sign convention: see ledger_account.hpp (debit > 0, credit < 0, postings sum to zero).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/ledger_account.hpp"
#include "domain/money.hpp"

namespace sealpost::domain {

struct Posting {
  LedgerAccount account;
  Cents amount = 0;  // > 0 debit, < 0 credit, never 0

  friend bool operator==(const Posting&, const Posting&) = default;
};

class JournalEntry {
 public:
  // Refused (kInvalidArgument, reason "invalid_journal_entry") unless: id non-empty; at least two
  // postings; every account valid; no account twice; no zero amount; amounts sum to exactly zero
  // (overflow-checked).
  static common::Result<JournalEntry> Create(std::string id, common::TimePoint at,
                                             std::string description, std::string reference,
                                             std::vector<Posting> postings);

  const std::string& id() const { return id_; }
  common::TimePoint at() const { return at_; }
  const std::string& description() const { return description_; }
  // What the entry is about, for people and reconciliation: "mollie:tr_WDqYK6vllg",
  // "delivery:<id>", "invoice:2026-000012".
  const std::string& reference() const { return reference_; }
  std::span<const Posting> postings() const { return postings_; }
  // The signed amount this entry posts to `account` (0 when it does not touch it).
  Cents AmountFor(const LedgerAccount& account) const;

  friend bool operator==(const JournalEntry&, const JournalEntry&) = default;

 private:
  JournalEntry() = default;
  std::string id_;
  common::TimePoint at_;
  std::string description_;
  std::string reference_;
  std::vector<Posting> postings_;
};

// What storage does when an entry's id is already recorded (the unique key refused the insert):
// the same movement built again — a replayed webhook, a retried debit — is a harmless replay
// (Ok: record nothing, answer as before); the same id with other postings or reference means the
// provider reported something different for the same payment, which must not be glossed over
// (kConflict, reason "transfer_id_conflict"). Time and description are not compared: a replay is
// built later.
common::Result<void> CheckReplay(const JournalEntry& incoming, const JournalEntry& recorded);

// A deterministic transfer id: the same (purpose, source, external id) always gives the same id,
// different inputs practically never collide. The id is a UUID (RFC 9562 version 8, built from
// SHA-256 of the three parts), so it fits the same columns as the other ids.
// Example: DeriveTransferId("top-up", "mollie", "tr_WDqYK6vllg").
std::string DeriveTransferId(std::string_view purpose, std::string_view source,
                             std::string_view external_id);

}  // namespace sealpost::domain
