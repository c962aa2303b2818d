#include "adapters/storage/soci_unit_of_work.hpp"

#include "adapters/storage/soci_savepoint.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_connection_pool.hpp"
#include "adapters/storage/soci_error.hpp"

namespace sealpost::adapters::storage {

SociUnitOfWork::SociUnitOfWork(std::shared_ptr<SociConnectionPool> pool,
                               std::unique_ptr<soci::session> session)
    : pool_(std::move(pool)),
      session_(std::move(session)),
      accounts_(*session_),
      api_keys_(*session_),
      consents_(*session_),
      items_(*session_),
      deliveries_(*session_),
      evidence_(*session_),
      log_(*session_),
      sessions_(*session_),
      memberships_(*session_),
      invitations_(*session_),
      operators_(*session_),
      audit_log_(*session_),
      mail_outbox_(*session_),
      recipient_addresses_(*session_),
      notifications_(*session_),
      kbo_(*session_),
      ledger_(*session_),
      billing_plans_(*session_),
      top_ups_(*session_),
      subscriptions_(*session_),
      webhooks_(*session_) {}

common::Result<std::unique_ptr<SociUnitOfWork>> SociUnitOfWork::Begin(
    std::shared_ptr<SociConnectionPool> pool, std::string_view begin_statement) {
  auto session = pool->Acquire();
  if (!session) return common::Fail(std::move(session.error()));
  try {
    **session << std::string(begin_statement);
  } catch (const std::exception& error) {
    // A connection that cannot even begin is likely broken (server restarted): do not pool it
    // again.
    pool->Release(std::move(*session), false);
    return common::Fail(SociError(error, "begin transaction"));
  }
  return std::unique_ptr<SociUnitOfWork>(new SociUnitOfWork(std::move(pool), std::move(*session)));
}

SociUnitOfWork::~SociUnitOfWork() {
  bool reusable = true;
  if (!committed_) {
    try {
      *session_ << "ROLLBACK";
    } catch (const std::exception&) {
      reusable = false;  // the transaction state is unknown: close the connection, which rolls back
    }
  }
  pool_->Release(std::move(session_), reusable);
}

common::Result<void> SociUnitOfWork::Isolated(const std::function<common::Result<void>()>& body) {
  if (committed_) return common::Fail(common::ErrorCode::kFailedPrecondition, "already committed");
  return WithSavepoint(
      *session_, "isolated change",
      [&]() -> common::Result<void> {
        // Single writes inside are covered by this savepoint (see soci_savepoint.hpp).
        const soci::session* outer = isolated_session;
        isolated_session = session_.get();
        common::Result<void> result;
        try {
          result = body();
        } catch (...) {
          isolated_session = outer;
          throw;
        }
        isolated_session = outer;
        return result;
      },
      "sealpost_unit");
}

common::Result<void> SociUnitOfWork::Commit() {
  if (committed_)
    return common::Fail(common::ErrorCode::kFailedPrecondition, "unit of work already committed");
  return Guarded("commit", [&]() -> common::Result<void> {
    *session_ << "COMMIT";
    committed_ = true;
    return common::Ok();
  });
}

}  // namespace sealpost::adapters::storage
