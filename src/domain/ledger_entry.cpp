#include "domain/ledger_entry.hpp"

#include <set>
#include <utility>

#include "common/bytes.hpp"
#include "common/sha256.hpp"

namespace sealpost::domain {
namespace {

using common::ErrorCode;
using common::Fail;

std::unexpected<common::Error> Invalid(std::string message) {
  return Fail(ErrorCode::kInvalidArgument, std::move(message), "invalid_journal_entry");
}

}  // namespace

common::Result<JournalEntry> JournalEntry::Create(std::string id, common::TimePoint at,
                                                  std::string description, std::string reference,
                                                  std::vector<Posting> postings) {
  if (id.empty()) return Invalid("a journal entry needs an id");
  if (postings.size() < 2)
    return Invalid("a journal entry moves money between two accounts or more");
  std::set<LedgerAccount> seen;
  Cents sum = 0;
  for (const Posting& posting : postings) {
    if (auto ok = posting.account.Validate(); !ok) return Fail(ok.error());
    if (!seen.insert(posting.account).second) {
      return Invalid("a journal entry posts to " + posting.account.Key() + " more than once");
    }
    if (posting.amount == 0) return Invalid("a posting of zero moves nothing");
    auto next = AddCents(sum, posting.amount);
    if (!next) return Fail(next.error());
    sum = *next;
  }
  if (sum != 0) {
    return Invalid("the postings of a journal entry must sum to zero, not " +
                   FormatDecimalAmount(sum));
  }
  JournalEntry entry;
  entry.id_ = std::move(id);
  entry.at_ = at;
  entry.description_ = std::move(description);
  entry.reference_ = std::move(reference);
  entry.postings_ = std::move(postings);
  return entry;
}

Cents JournalEntry::AmountFor(const LedgerAccount& account) const {
  for (const Posting& posting : postings_) {
    if (posting.account == account) return posting.amount;
  }
  return 0;
}

common::Result<void> CheckReplay(const JournalEntry& incoming, const JournalEntry& recorded) {
  if (incoming.id() != recorded.id()) {
    return Fail(ErrorCode::kInternal, "a replay is compared with the entry of the same id");
  }
  auto same_postings = [&] {
    auto a = incoming.postings();
    auto b = recorded.postings();
    if (a.size() != b.size()) return false;
    for (const Posting& posting : a) {
      if (recorded.AmountFor(posting.account) != posting.amount) return false;
    }
    return true;
  };
  if (incoming.reference() != recorded.reference() || !same_postings()) {
    return Fail(ErrorCode::kConflict,
                "transfer " + incoming.id() + " is already recorded with other amounts",
                "transfer_id_conflict");
  }
  return common::Ok();
}

std::string DeriveTransferId(std::string_view purpose, std::string_view source,
                             std::string_view external_id) {
  // Length-prefixed parts: ("a:b", "c") and ("a", "b:c") must not give the same id.
  std::string material = "sealpost-ledger-transfer-v1";
  for (std::string_view part : {purpose, source, external_id}) {
    material += "|" + std::to_string(part.size()) + ":";
    material += part;
  }
  common::Sha256Digest digest = common::Sha256(material);
  digest[6] = static_cast<std::uint8_t>((digest[6] & 0x0f) | 0x80);  // version 8
  digest[8] = static_cast<std::uint8_t>((digest[8] & 0x3f) | 0x80);  // RFC 9562 variant
  std::string hex = common::HexEncode(std::span(digest).first(16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace sealpost::domain
