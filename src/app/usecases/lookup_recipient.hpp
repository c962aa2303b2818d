// LookupRecipient: tells a sender, before submitting, whether a recipient as they describe them is
// registered on sealpost with a standing consent to electronic delivery (PRODUCT.md §4.1: "the
// sender sees whether each recipient is registered"), using the very rule SubmitItem routes by
// (recipient_directory.hpp): an enterprise or national number decides alone, otherwise the e-mail
// address together with a matching name. Only callers who may send ask: the answer says something
// about other people. It reveals nothing but yes or no — never the account found. Read-only;
// thread-safe (stateless apart from its injected dependencies).
#pragma once

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/delivery.hpp"

namespace sealpost::app {

struct RecipientStatus {
  bool registered = false;
};

class LookupRecipient {
 public:
  LookupRecipient(Database& database, const common::Clock& clock);

  // kPermissionDenied without the send permission. kInvalidArgument when the recipient has neither
  // an e-mail address nor an identifier, or an identifier is malformed (its message names it).
  common::Result<RecipientStatus> Execute(const Caller& caller, domain::Recipient recipient) const;

 private:
  Database& database_;
  const common::Clock& clock_;
};

}  // namespace sealpost::app
