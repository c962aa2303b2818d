#include "app/usecases/recipient_registration.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/mail_templates.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "common/text.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/email_address.hpp"

namespace sealpost::app {

namespace {

constexpr std::size_t kTokenBytes = 32;

common::Result<void> MayRegister(const Caller& caller) {
  if (caller.ViaApiKey()) {
    return common::Fail(
        common::ErrorCode::kPermissionDenied,
        "registering as a recipient is done in the web application after signing in");
  }
  const bool own_personal_account = caller.account.kind == domain::AccountKind::kPerson &&
                                    caller.person_account_id == caller.account.id;
  if (!own_personal_account && !caller.Can(domain::Permission::kManageCompany)) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "only an administrator registers a company as a recipient");
  }
  return common::Ok();
}

// The person as identified when they asked: the consent records who gave it.
std::string IdentityOf(const domain::Account& person) {
  std::string out = person.display_name;
  if (!person.national_number.empty()) {
    domain::NationalNumber number{person.national_number};
    out += " (" + number.Formatted() + ")";
  }
  return out;
}

}  // namespace

RecipientRegistration::RecipientRegistration(Database& database, const common::Clock& clock,
                                             common::Random& random, std::string public_base_url)
    : database_(database),
      clock_(clock),
      random_(random),
      public_base_url_(std::move(public_base_url)) {}

common::Result<RecipientRegistrationStatus> RecipientRegistration::Status(const Caller& caller) {
  if (auto ok = MayRegister(caller); !ok) return common::Fail(ok.error());
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  RecipientRegistrationStatus status;
  auto consent = (*uow)->Consents().FindActive(caller.account.id, clock_.Now());
  if (!consent) return common::Fail(consent.error());
  status.consent = std::move(*consent);
  auto addresses = (*uow)->RecipientAddresses().ListByAccount(caller.account.id);
  if (!addresses) return common::Fail(addresses.error());
  for (auto& a : *addresses) {
    if (a.removed_at) continue;
    a.token_hash.clear();
    status.addresses.push_back(std::move(a));
  }
  return status;
}

common::Result<domain::RecipientAddress> RecipientRegistration::Register(
    const Caller& caller, std::string_view email_text, bool consent_given,
    std::string_view locale) {
  if (auto ok = MayRegister(caller); !ok) return common::Fail(ok.error());
  const std::string email(common::TrimAscii(email_text));
  if (!domain::LooksLikeEmail(email)) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the e-mail address is not valid: " + email);
  }
  if (!consent_given) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "registering as a recipient needs your consent to electronic delivery");
  }
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto existing = (*uow)->RecipientAddresses().ListByAccount(caller.account.id);
  if (!existing) return common::Fail(existing.error());
  for (const auto& a : *existing) {
    if (a.StatusAt(now) == domain::RecipientAddressStatus::kVerified &&
        domain::SameEmail(a.email, email)) {
      return common::Fail(common::ErrorCode::kFailedPrecondition,
                          "this address is confirmed already");
    }
  }
  auto person = (*uow)->Accounts().FindById(caller.ActorAccountId());
  if (!person) return common::Fail(person.error());
  if (!*person) return common::Fail(common::ErrorCode::kNotFound, "the person is not known");

  const std::string token = common::NewToken(random_, kTokenBytes);
  domain::RecipientAddress address;
  address.id = common::NewUuid(random_);
  address.account_id = caller.account.id;
  address.email = email;
  address.token_hash = common::HexEncode(common::Sha256(token));
  address.requested_by_account_id = (*person)->id;
  address.requested_by = IdentityOf(**person);
  address.locale = std::string(locale);
  address.requested_at = now;
  address.expires_at = now + domain::kAddressVerificationLifetime;
  if (auto inserted = (*uow)->RecipientAddresses().Insert(address); !inserted) {
    return common::Fail(inserted.error());
  }
  EmailVerificationMail verification;
  verification.link = public_base_url_ + "/recipient/verify/" + token;
  verification.expires_at = address.expires_at;
  MailEnvelope envelope;
  envelope.id = common::NewUuid(random_);
  envelope.to = email;
  envelope.to_name = caller.account.display_name;
  envelope.locale = std::string(locale);
  envelope.now = now;
  auto mail = BuildOutboxMail(envelope, verification);
  if (!mail) return common::Fail(mail.error());
  if (auto queued = (*uow)->MailOutbox().Insert(*mail); !queued) {
    return common::Fail(queued.error());
  }
  const nlohmann::json details = {{"address_id", address.id}, {"email", email}};
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(
          caller, random_, now, caller.account.id, "recipient.address_requested", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  address.token_hash.clear();
  return address;
}

common::Result<VerifiedAddress> RecipientRegistration::Verify(std::string_view token) {
  const common::TimePoint now = clock_.Now();
  const std::string hash = common::HexEncode(common::Sha256(token));
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto found = (*uow)->RecipientAddresses().FindByTokenHash(hash);
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(common::ErrorCode::kNotFound, "unknown verification link");
  VerifiedAddress verified;
  verified.address = std::move(**found);
  domain::RecipientAddress& address = verified.address;
  address.token_hash.clear();
  switch (address.StatusAt(now)) {
    case domain::RecipientAddressStatus::kPending:
      break;
    case domain::RecipientAddressStatus::kVerified:
      return common::Fail(common::ErrorCode::kFailedPrecondition,
                          "this link was used already: the address is confirmed");
    case domain::RecipientAddressStatus::kExpired:
      return common::Fail(common::ErrorCode::kFailedPrecondition, "this link has expired");
    case domain::RecipientAddressStatus::kRemoved:
      return common::Fail(common::ErrorCode::kFailedPrecondition,
                          "this address was removed meanwhile");
  }
  if (auto marked = (*uow)->RecipientAddresses().MarkVerified(address.id, now); !marked) {
    return common::Fail(marked.error());
  }
  address.verified_at = now;
  auto active = (*uow)->Consents().FindActive(address.account_id, now);
  if (!active) return common::Fail(active.error());
  std::string consent_id;
  if (!*active) {
    domain::Consent consent{common::NewUuid(random_),
                            address.account_id,
                            std::string(kScopeAll),
                            address.requested_by,
                            now,
                            std::nullopt};
    if (auto inserted = (*uow)->Consents().Insert(consent); !inserted) {
      return common::Fail(inserted.error());
    }
    consent_id = consent.id;
    verified.consent_started = true;
  }
  // The person who asked acts here, through the link sent to the address they named.
  domain::AuditEntry entry;
  entry.id = common::NewUuid(random_);
  entry.at = now;
  entry.actor_account_id = address.requested_by_account_id;
  entry.actor = "email-link:" + address.id;
  entry.account_id = address.account_id;
  entry.action = "recipient.address_verified";
  nlohmann::json details = {{"address_id", address.id}, {"email", address.email}};
  if (verified.consent_started) {
    details["consent_id"] = consent_id;
    details["consent_scope"] = kScopeAll;
    details["consent_identity"] = address.requested_by;
  }
  entry.details_json = details.dump();
  if (auto logged = (*uow)->AuditLog().Append(entry); !logged) return common::Fail(logged.error());
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return verified;
}

common::Result<domain::Consent> RecipientRegistration::Revoke(const Caller& caller) {
  if (auto ok = MayRegister(caller); !ok) return common::Fail(ok.error());
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  auto active = (*uow)->Consents().FindActive(caller.account.id, now);
  if (!active) return common::Fail(active.error());
  if (!*active) {
    return common::Fail(common::ErrorCode::kFailedPrecondition,
                        "there is no consent to electronic delivery to revoke");
  }
  domain::Consent consent = std::move(**active);
  if (auto revoked = (*uow)->Consents().Revoke(consent.id, now); !revoked) {
    return common::Fail(revoked.error());
  }
  consent.revoked_at = now;
  const nlohmann::json details = {{"consent_id", consent.id}, {"scope", consent.scope}};
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(
          caller, random_, now, caller.account.id, "recipient.consent_revoked", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  if (auto committed = (*uow)->Commit(); !committed) return common::Fail(committed.error());
  return consent;
}

common::Result<void> RecipientRegistration::RemoveAddress(const Caller& caller,
                                                          const std::string& address_id) {
  if (auto ok = MayRegister(caller); !ok) return common::Fail(ok.error());
  const common::TimePoint now = clock_.Now();
  auto uow = database_.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto removed = (*uow)->RecipientAddresses().Remove(address_id, caller.account.id, now);
      !removed) {
    return common::Fail(removed.error());
  }
  const nlohmann::json details = {{"address_id", address_id}};
  if (auto logged = (*uow)->AuditLog().Append(AuditEntryFor(
          caller, random_, now, caller.account.id, "recipient.address_removed", details.dump()));
      !logged) {
    return common::Fail(logged.error());
  }
  return (*uow)->Commit();
}

}  // namespace sealpost::app
