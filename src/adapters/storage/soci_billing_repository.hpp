// BillingPlanRepository and TopUpRepository on a SOCI session (SQLite or PostgreSQL). Live inside
// one SociUnitOfWork and share its transaction: not thread-safe.
#pragma once

#include "app/ports/billing_plan_repository.hpp"
#include "app/ports/top_up_repository.hpp"

namespace soci {
class session;
}

namespace sealpost::adapters::storage {

class SociBillingPlanRepository final : public app::BillingPlanRepository {
 public:
  explicit SociBillingPlanRepository(soci::session& session) : session_(session) {}
  common::Result<void> Put(const app::BillingPlan& plan) override;
  common::Result<std::optional<app::BillingPlan>> Find(const std::string& account_id) override;

 private:
  soci::session& session_;
};

class SociTopUpRepository final : public app::TopUpRepository {
 public:
  explicit SociTopUpRepository(soci::session& session) : session_(session) {}
  common::Result<void> Insert(const app::TopUp& top_up) override;
  common::Result<void> SetProviderPaymentId(const std::string& id,
                                            const std::string& provider_payment_id) override;
  common::Result<void> UpdateStatus(const std::string& id, app::TopUpStatus status,
                                    std::optional<common::TimePoint> paid_at) override;
  common::Result<std::optional<app::TopUp>> Find(const std::string& id) override;
  common::Result<std::optional<app::TopUp>> FindByProviderPayment(
      const std::string& provider, const std::string& provider_payment_id) override;
  common::Result<std::vector<app::TopUp>> ListForAccount(const std::string& account_id,
                                                         std::size_t limit) override;

 private:
  common::Result<std::vector<app::TopUp>> Select(const std::string& where,
                                                 const std::vector<std::string>& values,
                                                 std::size_t limit);
  soci::session& session_;
};

}  // namespace sealpost::adapters::storage
