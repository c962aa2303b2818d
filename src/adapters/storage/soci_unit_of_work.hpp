// SociUnitOfWork: one database transaction on one pooled connection, with the repositories bound to
// it. Destroying it without Commit() rolls back; either way the connection goes back to the pool.
// Used by one thread at a time. Do not use the repositories after Commit().
#pragma once

#include <memory>
#include <string_view>

#include "adapters/storage/soci_account_repository.hpp"
#include "adapters/storage/soci_api_key_repository.hpp"
#include "adapters/storage/soci_audit_log_repository.hpp"
#include "adapters/storage/soci_billing_repository.hpp"
#include "adapters/storage/soci_consent_repository.hpp"
#include "adapters/storage/soci_delivery_repository.hpp"
#include "adapters/storage/soci_evidence_repository.hpp"
#include "adapters/storage/soci_item_repository.hpp"
#include "adapters/storage/soci_kbo_registry.hpp"
#include "adapters/storage/soci_ledger_repository.hpp"
#include "adapters/storage/soci_log_repository.hpp"
#include "adapters/storage/soci_mail_outbox_repository.hpp"
#include "adapters/storage/soci_membership_repository.hpp"
#include "adapters/storage/soci_notification_repository.hpp"
#include "adapters/storage/soci_operator_repository.hpp"
#include "adapters/storage/soci_recipient_address_repository.hpp"
#include "adapters/storage/soci_session_repository.hpp"
#include "adapters/storage/soci_subscription_repository.hpp"
#include "adapters/storage/soci_webhook_repository.hpp"
#include "app/ports/database.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociConnectionPool;

class SociUnitOfWork final : public app::UnitOfWork {
 public:
  // Takes a connection from `pool` and begins a transaction on it with `begin_statement`
  // ("BEGIN", or SQLite's "BEGIN IMMEDIATE").
  static common::Result<std::unique_ptr<SociUnitOfWork>> Begin(
      std::shared_ptr<SociConnectionPool> pool, std::string_view begin_statement);

  ~SociUnitOfWork() override;
  SociUnitOfWork(const SociUnitOfWork&) = delete;
  SociUnitOfWork& operator=(const SociUnitOfWork&) = delete;

  app::AccountRepository& Accounts() override { return accounts_; }
  app::ApiKeyRepository& ApiKeys() override { return api_keys_; }
  app::ConsentRepository& Consents() override { return consents_; }
  app::ItemRepository& Items() override { return items_; }
  app::DeliveryRepository& Deliveries() override { return deliveries_; }
  app::EvidenceRepository& Evidence() override { return evidence_; }
  app::LogRepository& Log() override { return log_; }
  app::SessionRepository& Sessions() override { return sessions_; }
  app::MembershipRepository& Memberships() override { return memberships_; }
  app::InvitationRepository& Invitations() override { return invitations_; }
  app::OperatorRepository& Operators() override { return operators_; }
  app::AuditLogRepository& AuditLog() override { return audit_log_; }
  app::MailOutboxRepository& MailOutbox() override { return mail_outbox_; }
  app::RecipientAddressRepository& RecipientAddresses() override { return recipient_addresses_; }
  app::NotificationRepository& Notifications() override { return notifications_; }
  app::KboRegistry& Kbo() override { return kbo_; }
  app::LedgerRepository& Ledger() override { return ledger_; }
  app::BillingPlanRepository& BillingPlans() override { return billing_plans_; }
  app::TopUpRepository& TopUps() override { return top_ups_; }
  app::SubscriptionRepository& Subscriptions() override { return subscriptions_; }
  app::WebhookRepository& Webhooks() override { return webhooks_; }
  // kFailedPrecondition when already committed. On failure nothing is committed (the transaction is
  // rolled back when this object is destroyed).
  common::Result<void> Isolated(const std::function<common::Result<void>()>& body) override;
  common::Result<void> Commit() override;

 private:
  SociUnitOfWork(std::shared_ptr<SociConnectionPool> pool, std::unique_ptr<soci::session> session);

  std::shared_ptr<SociConnectionPool> pool_;
  std::unique_ptr<soci::session> session_;
  bool committed_ = false;
  SociAccountRepository accounts_;
  SociApiKeyRepository api_keys_;
  SociConsentRepository consents_;
  SociItemRepository items_;
  SociDeliveryRepository deliveries_;
  SociEvidenceRepository evidence_;
  SociLogRepository log_;
  SociSessionRepository sessions_;
  SociMembershipRepository memberships_;
  SociInvitationRepository invitations_;
  SociOperatorRepository operators_;
  SociAuditLogRepository audit_log_;
  SociMailOutboxRepository mail_outbox_;
  SociRecipientAddressRepository recipient_addresses_;
  SociNotificationRepository notifications_;
  SociKboRegistry kbo_;
  SociLedgerRepository ledger_;
  SociBillingPlanRepository billing_plans_;
  SociTopUpRepository top_ups_;
  SociSubscriptionRepository subscriptions_;
  SociWebhookRepository webhooks_;
};

}  // namespace sealpost::adapters::storage
