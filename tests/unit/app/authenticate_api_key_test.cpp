// AuthenticateApiKey: unknown, malformed and revoked keys are refused alike, so the answer tells an
// attacker nothing about which keys exist; a valid key becomes a Caller of its own account.
#include <gtest/gtest.h>

#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

class AuthenticateApiKeyTest : public AppFixture {};

TEST_F(AuthenticateApiKeyTest, ValidKeyAuthenticatesItsOwnAccount) {
  auto [secret, id] = IssueApiKey(recipient_account_, "inbox");
  auto caller = authenticate_->Execute(secret);
  ASSERT_TRUE(caller.has_value()) << caller.error().ToString();
  EXPECT_EQ(caller->account.id, recipient_account_.id);
  EXPECT_EQ(caller->credential_id, id);
  EXPECT_TRUE(caller->Can(domain::Permission::kInbox));
  EXPECT_FALSE(caller->Can(domain::Permission::kSend));
}

TEST_F(AuthenticateApiKeyTest, RevokedUnknownAndMalformedKeysAreRefusedAlike) {
  auto [secret, id] = IssueApiKey(sender_account_, "send read");
  ASSERT_TRUE(authenticate_->Execute(secret).has_value());
  {
    auto uow = database_->Begin().value();
    ASSERT_TRUE(uow->ApiKeys().Revoke(id, sender_account_.id, clock_.Now()).has_value());
    ASSERT_TRUE(uow->Commit().has_value());
  }
  std::string unknown = "sp_test_" + common::NewToken(random_, 24);
  std::vector<std::string> refused = {secret, unknown, "short", std::string(500, 'a'), ""};
  std::string first_message;
  for (const auto& s : refused) {
    auto caller = authenticate_->Execute(s);
    ASSERT_FALSE(caller.has_value()) << "accepted: " << s.substr(0, 12);
    EXPECT_EQ(caller.error().code, common::ErrorCode::kUnauthenticated);
    if (first_message.empty()) first_message = caller.error().message;
    EXPECT_EQ(caller.error().message, first_message);
  }
}

}  // namespace
}  // namespace sealpost::app
