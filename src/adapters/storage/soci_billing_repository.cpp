#include "adapters/storage/soci_billing_repository.hpp"

#include <soci/soci.h>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

using common::ErrorCode;
using common::Fail;

std::string ModeName(domain::BillingMode mode) {
  return mode == domain::BillingMode::kPostpaid ? "postpaid" : "prepaid";
}

}  // namespace

common::Result<void> SociBillingPlanRepository::Put(const app::BillingPlan& plan) {
  return WithSavepoint(session_, "set billing plan", [&]() -> common::Result<void> {
    const std::string mode = ModeName(plan.mode);
    const long long limit = plan.credit_limit;
    const long long at = ToMicros(plan.updated_at);
    session_ << "DELETE FROM billing_plan_prices WHERE account_id = :id",
        soci::use(plan.account_id, "id");
    session_ << "INSERT INTO billing_plans (account_id, mode, credit_limit_cents, invoicing, "
                "updated_at, updated_by) VALUES (:id, :mode, :limit, :invoicing, :at, :by) "
                "ON CONFLICT (account_id) DO UPDATE SET mode = excluded.mode, "
                "credit_limit_cents = excluded.credit_limit_cents, invoicing = "
                "excluded.invoicing, updated_at = excluded.updated_at, updated_by = "
                "excluded.updated_by",
        soci::use(plan.account_id, "id"), soci::use(mode, "mode"), soci::use(limit, "limit"),
        soci::use(plan.invoicing, "invoicing"), soci::use(at, "at"),
        soci::use(plan.updated_by, "by");
    for (const auto& [channel, cents] : plan.unit_prices) {
      const long long net = cents;
      session_ << "INSERT INTO billing_plan_prices (account_id, channel, net_cents) "
                  "VALUES (:id, :channel, :net)",
          soci::use(plan.account_id, "id"), soci::use(channel, "channel"), soci::use(net, "net");
    }
    return common::Ok();
  });
}

common::Result<std::optional<app::BillingPlan>> SociBillingPlanRepository::Find(
    const std::string& account_id) {
  return Guarded("find billing plan", [&]() -> common::Result<std::optional<app::BillingPlan>> {
    app::BillingPlan plan;
    std::string mode;
    long long limit = 0;
    long long at = 0;
    session_ << "SELECT account_id, mode, credit_limit_cents, invoicing, updated_at, updated_by "
                "FROM billing_plans WHERE account_id = :id",
        soci::into(plan.account_id), soci::into(mode), soci::into(limit),
        soci::into(plan.invoicing), soci::into(at), soci::into(plan.updated_by),
        soci::use(account_id, "id");
    if (!session_.got_data()) return std::nullopt;
    plan.mode = mode == "postpaid" ? domain::BillingMode::kPostpaid : domain::BillingMode::kPrepaid;
    plan.credit_limit = limit;
    plan.updated_at = FromMicros(at);
    std::string channel;
    long long net = 0;
    soci::statement st = (session_.prepare << "SELECT channel, net_cents FROM billing_plan_prices "
                                              "WHERE account_id = :id",
                          soci::into(channel), soci::into(net), soci::use(account_id, "id"));
    if (st.execute(true)) {
      do {
        plan.unit_prices[channel] = net;
      } while (st.fetch());
    }
    return plan;
  });
}

common::Result<void> SociTopUpRepository::Insert(const app::TopUp& t) {
  return WithSavepoint(session_, "insert top-up", [&]() -> common::Result<void> {
    const long long amount = t.amount;
    const std::string status(app::TopUpStatusName(t.status));
    const long long created = ToMicros(t.created_at);
    const long long paid = t.paid_at ? ToMicros(*t.paid_at) : 0;
    soci::indicator payment_ind = t.provider_payment_id.empty() ? soci::i_null : soci::i_ok;
    soci::indicator paid_ind = t.paid_at ? soci::i_ok : soci::i_null;
    session_ << "INSERT INTO top_ups (id, account_id, amount_cents, provider, provider_payment_id, "
                "status, created_at, paid_at) VALUES (:id, :account_id, :amount, :provider, "
                ":payment_id, :status, :created_at, :paid_at)",
        soci::use(t.id, "id"), soci::use(t.account_id, "account_id"), soci::use(amount, "amount"),
        soci::use(t.provider, "provider"),
        soci::use(t.provider_payment_id, payment_ind, "payment_id"), soci::use(status, "status"),
        soci::use(created, "created_at"), soci::use(paid, paid_ind, "paid_at");
    return common::Ok();
  });
}

common::Result<void> SociTopUpRepository::SetProviderPaymentId(
    const std::string& id, const std::string& provider_payment_id) {
  return WithSavepoint(session_, "set top-up payment id", [&]() -> common::Result<void> {
    std::string current;
    soci::indicator ind = soci::i_null;
    session_ << "SELECT provider_payment_id FROM top_ups WHERE id = :id", soci::into(current, ind),
        soci::use(id, "id");
    if (!session_.got_data()) return Fail(ErrorCode::kNotFound, "no such top-up");
    if (ind == soci::i_ok) {
      if (current == provider_payment_id) return common::Ok();
      return Fail(ErrorCode::kConflict, "the top-up already has another payment id");
    }
    session_ << "UPDATE top_ups SET provider_payment_id = :payment_id WHERE id = :id",
        soci::use(provider_payment_id, "payment_id"), soci::use(id, "id");
    return common::Ok();
  });
}

common::Result<void> SociTopUpRepository::UpdateStatus(const std::string& id,
                                                       app::TopUpStatus status,
                                                       std::optional<common::TimePoint> paid_at) {
  return WithSavepoint(session_, "update top-up status", [&]() -> common::Result<void> {
    const std::string name(app::TopUpStatusName(status));
    const long long paid = paid_at ? ToMicros(*paid_at) : 0;
    soci::indicator paid_ind = paid_at ? soci::i_ok : soci::i_null;
    soci::statement update =
        (session_.prepare << "UPDATE top_ups SET status = :status, paid_at = :paid_at WHERE id = "
                             ":id",
         soci::use(name, "status"), soci::use(paid, paid_ind, "paid_at"), soci::use(id, "id"));
    update.execute(true);
    if (update.get_affected_rows() == 0) return Fail(ErrorCode::kNotFound, "no such top-up");
    return common::Ok();
  });
}

common::Result<std::vector<app::TopUp>> SociTopUpRepository::Select(
    const std::string& where, const std::vector<std::string>& values, std::size_t limit) {
  return Guarded("read top-ups", [&]() -> common::Result<std::vector<app::TopUp>> {
    app::TopUp row;
    long long amount = 0;
    std::string payment_id;
    soci::indicator payment_ind = soci::i_null;
    std::string status;
    long long created = 0;
    long long paid = 0;
    soci::indicator paid_ind = soci::i_null;
    const int max_rows = static_cast<int>(limit);
    soci::statement st(session_);
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.account_id));
    st.exchange(soci::into(amount));
    st.exchange(soci::into(row.provider));
    st.exchange(soci::into(payment_id, payment_ind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(created));
    st.exchange(soci::into(paid, paid_ind));
    for (std::size_t i = 0; i < values.size(); ++i) {
      st.exchange(soci::use(values[i], "v" + std::to_string(i)));
    }
    st.exchange(soci::use(max_rows, "limit"));
    st.alloc();
    st.prepare(
        "SELECT id, account_id, amount_cents, provider, provider_payment_id, status, "
        "created_at, paid_at FROM top_ups WHERE " +
        where + " ORDER BY created_at DESC, id DESC LIMIT :limit");
    st.define_and_bind();
    std::vector<app::TopUp> out;
    if (!st.execute(true)) return out;
    do {
      app::TopUp t = row;
      t.amount = amount;
      t.provider_payment_id = payment_ind == soci::i_ok ? payment_id : "";
      t.status = app::TopUpStatusFromName(status).value_or(app::TopUpStatus::kOpen);
      t.created_at = FromMicros(created);
      if (paid_ind == soci::i_ok) t.paid_at = FromMicros(paid);
      out.push_back(std::move(t));
    } while (st.fetch());
    return out;
  });
}

common::Result<std::optional<app::TopUp>> SociTopUpRepository::Find(const std::string& id) {
  auto rows = Select("id = :v0", {id}, 1);
  if (!rows) return Fail(std::move(rows.error()));
  if (rows->empty()) return std::nullopt;
  return std::move(rows->front());
}

common::Result<std::optional<app::TopUp>> SociTopUpRepository::FindByProviderPayment(
    const std::string& provider, const std::string& provider_payment_id) {
  auto rows =
      Select("provider = :v0 AND provider_payment_id = :v1", {provider, provider_payment_id}, 1);
  if (!rows) return Fail(std::move(rows.error()));
  if (rows->empty()) return std::nullopt;
  return std::move(rows->front());
}

common::Result<std::vector<app::TopUp>> SociTopUpRepository::ListForAccount(
    const std::string& account_id, std::size_t limit) {
  return Select("account_id = :v0", {account_id}, limit);
}

}  // namespace sealpost::adapters::storage
