// RecipientRegistration: a person, or a company's admin, registers the account as a recipient of
// registered items in electronic form (PRODUCT §4.2 A) — and can stop it again. The law's rule
// lives here: nobody is reached electronically without having agreed to it.
//
// Register names an e-mail address and requires the consent to be given explicitly; it sends a
// verification link to that address (through the mail outbox, in the same transaction). Verify,
// reached from the link, proves the address: the address starts routing items to the account and,
// when the account has no active consent, the consent starts — recorded with the time, the scope
// ("all": every sender) and the identity of the person who asked. The link works once and expires
// after domain::kAddressVerificationLifetime; whoever holds it may use it (it proves the mailbox,
// the sign-in at Register proved the person). Revoke ends the consent: new items follow procedure
// B (acceptance first) from that moment; items already in the inbox stay there. Every step is in
// the audit log.
//
// Authorization: a signed-in person acting for their own personal account, or a company admin
// (company permission). Never through an API key. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/caller.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "domain/consent.hpp"
#include "domain/recipient_address.hpp"

namespace sealpost::app {

struct RecipientRegistrationStatus {
  std::optional<domain::Consent> consent;           // the active one
  std::vector<domain::RecipientAddress> addresses;  // not removed; token hashes cleared
};

struct VerifiedAddress {
  domain::RecipientAddress address;  // token hash cleared
  bool consent_started = false;      // this verification started the standing consent
};

class RecipientRegistration {
 public:
  static constexpr std::string_view kScopeAll = "all";

  RecipientRegistration(Database& database, const common::Clock& clock, common::Random& random,
                        std::string public_base_url);

  common::Result<RecipientRegistrationStatus> Status(const Caller& caller);
  // kInvalidArgument for an address that is not one, or when `consent_given` is false;
  // kFailedPrecondition when the address is verified for this account already.
  // Returns the pending address (token hash cleared). The mail is written in `locale`.
  common::Result<domain::RecipientAddress> Register(const Caller& caller,
                                                    std::string_view email_text, bool consent_given,
                                                    std::string_view locale);
  // kNotFound for an unknown token; kFailedPrecondition for an expired, used or removed link.
  common::Result<VerifiedAddress> Verify(std::string_view token);
  // kFailedPrecondition when there is no active consent.
  common::Result<domain::Consent> Revoke(const Caller& caller);
  // Stops routing by that address. kNotFound for another account's or an unknown address.
  common::Result<void> RemoveAddress(const Caller& caller, const std::string& address_id);

 private:
  Database& database_;
  const common::Clock& clock_;
  common::Random& random_;
  std::string public_base_url_;
};

}  // namespace sealpost::app
