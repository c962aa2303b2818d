// AuthenticateApiKey: unknown, malformed and revoked keys are refused alike, so the answer tells an
// attacker nothing about which keys exist; a valid key becomes a Caller of its own account.
#include <gtest/gtest.h>

#include "common/sha256.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

class AuthenticateApiKeyTest : public AppFixture {
 protected:
  // Inserts a key with a known secret for `account`.
  std::string IssueKey(const domain::Account& account, const std::string& scopes,
                       std::string* key_id) {
    std::string secret = "sp_test_" + common::NewToken(random_, 24);
    domain::ApiKey key;
    key.id = common::NewUuid(random_);
    key.account_id = account.id;
    key.label = "auth test";
    key.prefix = secret.substr(0, 12);
    key.secret_hash = common::HexEncode(common::Sha256(secret));
    key.scopes = scopes;
    key.created_at = clock_.Now();
    auto uow = database_->Begin().value();
    EXPECT_TRUE(uow->ApiKeys().Insert(key).has_value());
    EXPECT_TRUE(uow->Commit().has_value());
    *key_id = key.id;
    return secret;
  }
};

TEST_F(AuthenticateApiKeyTest, ValidKeyAuthenticatesItsOwnAccount) {
  std::string id;
  std::string secret = IssueKey(recipient_account_, "inbox", &id);
  auto caller = authenticate_->Execute(secret);
  ASSERT_TRUE(caller.has_value()) << caller.error().ToString();
  EXPECT_EQ(caller->account.id, recipient_account_.id);
  EXPECT_EQ(caller->credential_id, id);
  EXPECT_TRUE(caller->HasScope("inbox"));
  EXPECT_FALSE(caller->HasScope("send"));
}

TEST_F(AuthenticateApiKeyTest, RevokedUnknownAndMalformedKeysAreRefusedAlike) {
  std::string id;
  std::string secret = IssueKey(sender_account_, "send read", &id);
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
