// Database and UnitOfWork: the transaction boundary. Everything a use case writes in one UnitOfWork
// commits together or not at all — a state change and its sealed evidence, an item and its debit.
// A UnitOfWork destroyed without Commit() rolls back. Database is thread-safe (it hands out pooled
// connections); a UnitOfWork is used by one thread at a time.
#pragma once

#include <functional>
#include <memory>

#include "app/ports/account_repository.hpp"
#include "app/ports/audit_log_repository.hpp"
#include "app/ports/billing_plan_repository.hpp"
#include "app/ports/evidence_repository.hpp"
#include "app/ports/item_repository.hpp"
#include "app/ports/kbo_registry.hpp"
#include "app/ports/ledger_repository.hpp"
#include "app/ports/mail_outbox_repository.hpp"
#include "app/ports/membership_repository.hpp"
#include "app/ports/notification_repository.hpp"
#include "app/ports/operator_repository.hpp"
#include "app/ports/recipient_address_repository.hpp"
#include "app/ports/session_repository.hpp"
#include "app/ports/subscription_repository.hpp"
#include "app/ports/top_up_repository.hpp"
#include "app/ports/webhook_repository.hpp"
#include "common/result.hpp"

namespace sealpost::app {

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual AccountRepository& Accounts() = 0;
  virtual ApiKeyRepository& ApiKeys() = 0;
  virtual ConsentRepository& Consents() = 0;
  virtual ItemRepository& Items() = 0;
  virtual DeliveryRepository& Deliveries() = 0;
  virtual EvidenceRepository& Evidence() = 0;
  virtual LogRepository& Log() = 0;
  virtual SessionRepository& Sessions() = 0;
  virtual MembershipRepository& Memberships() = 0;
  virtual InvitationRepository& Invitations() = 0;
  virtual OperatorRepository& Operators() = 0;
  virtual AuditLogRepository& AuditLog() = 0;
  virtual MailOutboxRepository& MailOutbox() = 0;
  virtual RecipientAddressRepository& RecipientAddresses() = 0;
  virtual NotificationRepository& Notifications() = 0;
  virtual KboRegistry& Kbo() = 0;
  virtual LedgerRepository& Ledger() = 0;
  virtual BillingPlanRepository& BillingPlans() = 0;
  virtual TopUpRepository& TopUps() = 0;
  virtual SubscriptionRepository& Subscriptions() = 0;
  virtual WebhookRepository& Webhooks() = 0;
  // Runs `body` so that when it fails, everything it wrote is undone while the UnitOfWork stays
  // usable (a savepoint). Group commit relies on it: independent changes share one transaction, and
  // one refused change does not take the others down.
  virtual common::Result<void> Isolated(const std::function<common::Result<void>()>& body) = 0;
  // Durable when it returns (fsync'd by the database).
  virtual common::Result<void> Commit() = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  // A UnitOfWork that may write.
  virtual common::Result<std::unique_ptr<UnitOfWork>> Begin() = 0;
  // A UnitOfWork that only reads and is never committed: it does not wait for writers.
  virtual common::Result<std::unique_ptr<UnitOfWork>> BeginReadOnly() { return Begin(); }
};

}  // namespace sealpost::app
