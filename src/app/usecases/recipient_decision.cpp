#include "app/usecases/recipient_decision.hpp"

#include <nlohmann/json.hpp>

#include "app/audit.hpp"
#include "app/delivery_event.hpp"
#include "app/delivery_mails.hpp"
#include "app/party_identity.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "domain/recipient_match.hpp"

namespace sealpost::app {

namespace {

constexpr std::size_t kMaxTokenLength = 64;

common::Error UnknownLink() { return {common::ErrorCode::kNotFound, "this link is not valid", ""}; }

std::string MismatchMessage(domain::RecipientMismatch mismatch) {
  switch (mismatch) {
    case domain::RecipientMismatch::kNationalNumber:
      return "this item is addressed to another person: your national register number is not "
             "the one the sender gave";
    case domain::RecipientMismatch::kEnterpriseNumber:
      return "this item is addressed to a company: act for that company (enterprise number given "
             "by the sender) to decide";
    case domain::RecipientMismatch::kNotRecipientHandler:
      return "only a recipient handler of the company may decide on items addressed to it";
    case domain::RecipientMismatch::kName:
      return "your name does not match the name the sender gave";
  }
  return "you are not the recipient of this item";
}

common::Result<domain::Delivery> FindByToken(UnitOfWork& uow, std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenLength) return common::Fail(UnknownLink());
  auto found = uow.Deliveries().FindByLinkTokenHash(common::HexEncode(common::Sha256(token)));
  if (!found) return common::Fail(found.error());
  if (!*found) return common::Fail(UnknownLink());
  return std::move(**found);
}

}  // namespace

RecipientDecision::RecipientDecision(Database& database, EvidenceLog& log,
                                     const common::Clock& clock, common::Random& random,
                                     std::chrono::days handover_period, std::string public_base_url)
    : database_(database),
      log_(log),
      clock_(clock),
      random_(random),
      handover_period_(handover_period),
      public_base_url_(std::move(public_base_url)) {}

common::Result<LinkPreview> RecipientDecision::Preview(std::string_view token) {
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto delivery = FindByToken(**uow, token);
  if (!delivery) return common::Fail(delivery.error());
  auto context = LoadDeliveryContext(**uow, delivery->item_id);
  if (!context) return common::Fail(context.error());
  LinkPreview preview;
  preview.delivery_id = delivery->id;
  preview.sender_name = SenderName(*context);
  preview.recipient_name = delivery->recipient.name;
  preview.state = delivery->state;
  preview.deadline = delivery->deadline;
  const bool waiting = delivery->state == domain::DeliveryState::kAwaitingAcceptance;
  preview.can_decide = waiting && delivery->deadline && clock_.Now() < *delivery->deadline;
  return preview;
}

common::Result<domain::Delivery> RecipientDecision::Decidable(const Caller& caller,
                                                              std::string_view token,
                                                              domain::PartyIdentity& who) {
  if (caller.ViaApiKey() || caller.person_account_id.empty()) {
    return common::Fail(common::ErrorCode::kPermissionDenied,
                        "sign in with eID or itsme to accept or refuse a registered item");
  }
  const common::TimePoint now = clock_.Now();
  auto uow = database_.BeginReadOnly();
  if (!uow) return common::Fail(uow.error());
  auto delivery = FindByToken(**uow, token);
  if (!delivery) return common::Fail(delivery.error());
  if (delivery->state != domain::DeliveryState::kAwaitingAcceptance) {
    return common::Fail(common::ErrorCode::kFailedPrecondition,
                        "a decision on this item is no longer possible (" +
                            std::string(domain::StateName(delivery->state)) + ")");
  }
  if (!delivery->deadline || now >= *delivery->deadline) {
    return common::Fail(common::ErrorCode::kFailedPrecondition,
                        "the deadline to accept or refuse this item has passed");
  }
  auto person = (*uow)->Accounts().FindById(caller.person_account_id);
  if (!person) return common::Fail(person.error());
  if (!*person) return common::Fail(common::ErrorCode::kUnauthenticated, "please sign in");
  if (auto mismatch = domain::MatchRecipient(delivery->recipient, **person, caller.account,
                                             caller.Can(domain::Permission::kInbox))) {
    // Recorded, in its own transaction: the refusal to decide must not undo the record of it.
    auto item = (*uow)->Items().FindById(delivery->item_id);
    const std::string sender_account = item && *item ? (*item)->sender_account_id : "";
    const nlohmann::json details = {{"delivery_id", delivery->id},
                                    {"mismatch", domain::RecipientMismatchName(*mismatch)}};
    auto audit = database_.Begin();
    if (audit) {
      (void)(*audit)->AuditLog().Append(AuditEntryFor(
          caller, random_, now, sender_account, "delivery.identity_mismatch", details.dump()));
      (void)(*audit)->Commit();
    }
    return common::Fail(common::ErrorCode::kPermissionDenied, MismatchMessage(*mismatch));
  }
  // The identified person, and the company they act for when the item is addressed to it.
  who = RecipientIdentity(delivery->recipient, &**person);
  if (caller.account.kind == domain::AccountKind::kCompany &&
      !delivery->recipient.enterprise_number.empty()) {
    who.enterprise_number = caller.account.enterprise_number;
    who.name = caller.account.display_name + " (" + (*person)->display_name + ")";
  }
  who.assurance_level = (*person)->assurance_level;
  who.authentication_method = caller.authentication_method;
  who.authentication_time = caller.authenticated_at;
  return std::move(*delivery);
}

common::Result<domain::Delivery> RecipientDecision::Accept(const Caller& caller,
                                                           std::string_view token,
                                                           bool register_for_future) {
  domain::PartyIdentity who;
  auto delivery = Decidable(caller, token, who);
  if (!delivery) return delivery;
  const common::TimePoint now = clock_.Now();
  const std::string account_id = caller.account.id;
  DeliveryChange change;
  change.event = domain::EvidenceEvent::kConsignmentAcceptance;
  change.recipient = who;
  change.update = [&](domain::Delivery& d) {
    d.recipient_account_id = account_id;  // the content is theirs to open from now on
    d.deadline = now + handover_period_;
    d.next_reminder_at.reset();
  };
  change.mails = [&](const DeliveryContext& context,
                     const domain::Delivery& d) -> common::Result<std::vector<OutboxMail>> {
    auto told =
        SenderEventFor(context, d, SenderEvent::kAccepted, now, public_base_url_, random_, now);
    if (!told) return std::vector<OutboxMail>{};
    return std::vector<OutboxMail>{std::move(*told)};
  };
  change.extra = [&](UnitOfWork& uow) -> common::Result<void> {
    if (!register_for_future) return common::Ok();
    auto active = uow.Consents().FindActive(account_id, now);
    if (!active) return common::Fail(active.error());
    if (*active) return common::Ok();
    return uow.Consents().Insert(
        domain::Consent{common::NewUuid(random_), account_id, "all", who.name, now, std::nullopt});
  };
  auto applied = ApplyDeliveryEvent(database_, log_, random_, now, delivery->id, change);
  if (!applied) return common::Fail(applied.error());
  return std::move(applied->delivery);
}

common::Result<domain::Delivery> RecipientDecision::Refuse(const Caller& caller,
                                                           std::string_view token) {
  domain::PartyIdentity who;
  auto delivery = Decidable(caller, token, who);
  if (!delivery) return delivery;
  const common::TimePoint now = clock_.Now();
  DeliveryChange change;
  change.event = domain::EvidenceEvent::kConsignmentRejection;
  change.reason = domain::reasons::kRecipientRefused;
  change.recipient = who;
  change.update = [](domain::Delivery& d) {
    d.deadline.reset();
    d.next_reminder_at.reset();
  };
  change.mails = [&](const DeliveryContext& context,
                     const domain::Delivery& d) -> common::Result<std::vector<OutboxMail>> {
    auto told =
        SenderEventFor(context, d, SenderEvent::kRefused, now, public_base_url_, random_, now);
    if (!told) return std::vector<OutboxMail>{};
    return std::vector<OutboxMail>{std::move(*told)};
  };
  auto applied = ApplyDeliveryEvent(database_, log_, random_, now, delivery->id, change);
  if (!applied) return common::Fail(applied.error());
  return std::move(applied->delivery);
}

}  // namespace sealpost::app
