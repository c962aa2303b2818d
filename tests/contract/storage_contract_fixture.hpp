// The fixture of the storage contract suites (app/ports/database.hpp and the repositories), run
// unchanged on SQLite and on PostgreSQL: one fresh database per test, and the values the suites
// share. Every TEST_P(StorageContract, …) in any file of the suite runs on both backends (one
// INSTANTIATE in storage_contract_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "adapters/storage/soci_database.hpp"
#include "storage_test_database.hpp"

namespace sealpost::testing {

using namespace std::chrono_literals;

inline const common::TimePoint kT0 =
    common::TimePoint(std::chrono::microseconds(1'780'000'000'123'456LL));

inline std::string Id(int n) {  // UUID-shaped, ordered like n
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "00000000-0000-4000-8000-%012d", n);
  return buffer;
}

inline domain::Account Person(const std::string& id, const std::string& email,
                              const std::string& national, common::TimePoint created = kT0) {
  domain::Account a;
  a.id = id;
  a.kind = domain::AccountKind::kPerson;
  a.display_name = "Jan Peeters";
  a.email = email;
  a.national_number = national;
  a.assurance_level = "http://eidas.europa.eu/LoA/high";
  a.authentication_method = "eid";
  a.can_send = true;
  a.created_at = created;
  return a;
}

inline domain::Account Company(const std::string& id, const std::string& enterprise,
                               common::TimePoint created = kT0) {
  domain::Account a;
  a.id = id;
  a.kind = domain::AccountKind::kCompany;
  a.display_name = "Acme NV";
  a.email = "legal@acme.example";
  a.enterprise_number = enterprise;
  a.assurance_level = "http://eidas.europa.eu/LoA/substantial";
  a.authentication_method = "itsme";
  a.can_send = false;
  a.created_at = created;
  return a;
}

inline domain::Item MakeItem(const std::string& id, const std::string& sender,
                             common::TimePoint submitted, int attachments = 0) {
  domain::Item item;
  item.id = id;
  item.sender_account_id = sender;
  item.subject = "Ingebrekestelling – factuur 42";  // non-ASCII on purpose
  item.message = "Line one\nLine 'two'";
  item.status = domain::ItemStatus::kSubmitted;
  item.wrapped_key = "d3JhcHBlZA==";
  item.submitted_at = submitted;
  for (int i = 0; i < attachments; ++i) {
    domain::Attachment a;
    a.id = id + "-a" + std::to_string(i);
    a.position = i;
    a.file_name = "file" + std::to_string(i) + ".pdf";
    a.content_type = "application/pdf";
    a.size = 5'000'000'000ULL + static_cast<unsigned>(i);  // above 32 bits
    a.sha256 = std::string(64, 'a');
    a.blob_address = "blob/" + a.id;
    item.attachments.push_back(a);
  }
  return item;
}

inline domain::Delivery MakeDelivery(const std::string& id, const std::string& item_id,
                                     int position, const std::string& account_id = "") {
  domain::Delivery d;
  d.id = id;
  d.item_id = item_id;
  d.position = position;
  d.recipient = {"r@example.org", "Recipient", "", "85073003328"};
  d.recipient_account_id = account_id;
  d.state = domain::DeliveryState::kAccepted;
  d.state_changed_at = kT0;
  d.version = 0;
  return d;
}

#define ASSERT_OK(expr)                                             \
  do {                                                              \
    auto&& result_ = (expr);                                        \
    ASSERT_TRUE(result_.has_value()) << result_.error().ToString(); \
  } while (0)

#define ASSERT_ERROR(expr, expected_code)                                                     \
  do {                                                                                        \
    auto&& result_ = (expr);                                                                  \
    ASSERT_FALSE(result_.has_value()) << "expected " << common::ErrorCodeName(expected_code); \
    EXPECT_EQ(result_.error().code, expected_code) << result_.error().ToString();             \
  } while (0)

class StorageContract : public ::testing::TestWithParam<StorageBackend> {
 protected:
  void SetUp() override {
    test_database_ = std::make_unique<StorageTestDatabase>(GetParam());
    if (test_database_->url().empty()) {
      if (GetParam() == StorageBackend::kPostgresql && !PostgresRequired()) {
        GTEST_SKIP() << test_database_->unavailable_reason();
      }
      FAIL() << test_database_->unavailable_reason();
    }
    Reopen();
  }

  void TearDown() override {
    database_.reset();
    test_database_.reset();
  }

  void Reopen() {
    database_.reset();
    auto opened = adapters::storage::SociDatabase::Open(test_database_->url(), 4);
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    database_ = std::move(*opened);
  }

  std::unique_ptr<app::UnitOfWork> Begin() {
    auto unit = database_->Begin();
    EXPECT_TRUE(unit.has_value()) << unit.error().ToString();
    return unit ? std::move(*unit) : nullptr;
  }
  std::unique_ptr<app::UnitOfWork> BeginReadOnly() {
    auto unit = database_->BeginReadOnly();
    EXPECT_TRUE(unit.has_value()) << unit.error().ToString();
    return unit ? std::move(*unit) : nullptr;
  }

  // Commits `body`'s writes in their own UnitOfWork.
  template <typename F>
  void InTransaction(F&& body) {
    auto unit = Begin();
    ASSERT_NE(unit, nullptr);
    body(*unit);
    ASSERT_OK(unit->Commit());
  }

  // An account, an item of it and `n` deliveries of the item, committed.
  void Seed() {
    InTransaction([](app::UnitOfWork& u) {
      ASSERT_OK(u.Accounts().Insert(Person(Id(1), "a@example.org", "85073003328")));
      ASSERT_OK(u.Accounts().Insert(Company(Id(2), "0417497106")));
      ASSERT_OK(u.Items().Insert(MakeItem(Id(100), Id(1), kT0, 1)));
      ASSERT_OK(u.Deliveries().Insert(MakeDelivery(Id(200), Id(100), 0, Id(2))));
    });
  }

  std::unique_ptr<StorageTestDatabase> test_database_;
  std::unique_ptr<adapters::storage::SociDatabase> database_;
};

}  // namespace sealpost::testing
