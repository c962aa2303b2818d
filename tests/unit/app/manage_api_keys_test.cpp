// ManageApiKeys: a key is shown once and stored hashed, carries only known scopes, is listed
// without its secret with its last use (recorded at most once a minute), and is revoked by its
// own account only — after which AuthenticateApiKey refuses it.
#include <gtest/gtest.h>

#include "common/sha256.hpp"
#include "domain/membership.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

using namespace std::chrono_literals;
using common::ErrorCode;

class ManageApiKeysTest : public AppFixture {
 protected:
  // An admin of `account` acting in the web UI (a session Caller).
  Caller WebCaller(const domain::Account& account) {
    Caller caller;
    caller.account = account;
    caller.person_account_id = person_account_.id;
    caller.credential_id = std::string(64, 'a');
    caller.permissions = domain::PermissionsOfRoles({domain::Role::kAdmin});
    caller.authentication_method = "itsme";
    caller.authenticated_at = clock_.Now();
    return caller;
  }

  std::optional<domain::ApiKey> StoredKey(const std::string& secret) {
    auto uow = database_->BeginReadOnly().value();
    return uow->ApiKeys().FindBySecretHash(common::HexEncode(common::Sha256(secret))).value();
  }
};

TEST_F(ManageApiKeysTest, CreateShowsTheSecretOnceAndStoresItsHash) {
  auto created = manage_keys_->Create(WebCaller(sender_account_), "ERP-koppeling", "read send");
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  const std::string& secret = created->secret;
  EXPECT_TRUE(secret.starts_with("sp_live_"));
  EXPECT_EQ(secret.size(), 8u + 43u);  // 32 random bytes, base64url
  EXPECT_EQ(created->key.prefix, secret.substr(0, 12));
  EXPECT_EQ(created->key.scopes, "send read");  // canonical order
  EXPECT_EQ(created->key.label, "ERP-koppeling");
  EXPECT_TRUE(created->key.secret_hash.empty());

  auto stored = StoredKey(secret);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->id, created->key.id);
  EXPECT_EQ(stored->account_id, sender_account_.id);
  EXPECT_EQ(stored->secret_hash, common::HexEncode(common::Sha256(secret)));

  auto caller = authenticate_->Execute(secret);
  ASSERT_TRUE(caller.has_value()) << caller.error().ToString();
  EXPECT_EQ(caller->account.id, sender_account_.id);
  EXPECT_TRUE(caller->Can(domain::Permission::kSend));
  EXPECT_FALSE(caller->Can(domain::Permission::kInbox));

  // Nothing that lists keys shows the secret again.
  auto listed = manage_keys_->List(WebCaller(sender_account_));
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 2u);  // the fixture's key and the new one
  for (const auto& key : *listed) EXPECT_TRUE(key.secret_hash.empty());
  EXPECT_EQ(listed->back().prefix, secret.substr(0, 12));
}

TEST_F(ManageApiKeysTest, LabelsAndScopesAreValidated) {
  const Caller web = WebCaller(sender_account_);
  for (std::string scopes : {"", "  ", "admin", "send admin", "Send"}) {
    auto r = manage_keys_->Create(web, "label", scopes);
    ASSERT_FALSE(r.has_value()) << "scopes '" << scopes << "'";
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  for (std::string label : {std::string(), std::string(101, 'x'), std::string("tab\there"),
                            std::string("bad \xff utf8"), std::string("\xc3")}) {
    auto r = manage_keys_->Create(web, label, "send");
    ASSERT_FALSE(r.has_value()) << "label '" << label << "'";
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  // 100 characters, not bytes; all four scopes, duplicates folded.
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "é";
  auto ok = manage_keys_->Create(web, accents, "billing inbox read send send");
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  EXPECT_EQ(ok->key.scopes, "send read inbox billing");
}

TEST_F(ManageApiKeysTest, ApiKeyCallersCannotManageKeys) {
  auto created = manage_keys_->Create(*sender_, "from a key", "send");
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(manage_keys_->List(*sender_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(manage_keys_->Revoke(*sender_, sender_->credential_id).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(ManageApiKeysTest, ListShowsOwnKeysWithLastUseAndRevocation) {
  const Caller web = WebCaller(recipient_account_);
  auto a = manage_keys_->Create(web, "inbox robot", "inbox").value();
  clock_.Advance(1s);
  auto b = manage_keys_->Create(web, "unused", "read").value();
  clock_.Advance(1min);
  ASSERT_TRUE(authenticate_->Execute(a.secret).has_value());
  const common::TimePoint used_at = clock_.Now();
  ASSERT_TRUE(manage_keys_->Revoke(web, b.key.id).has_value());

  auto listed = manage_keys_->List(web);
  ASSERT_TRUE(listed.has_value()) << listed.error().ToString();
  // The fixture's own key first (oldest first), then the two new ones; nobody else's.
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ(listed->at(0).id, recipient_->credential_id);
  const domain::ApiKey& la = listed->at(1);
  const domain::ApiKey& lb = listed->at(2);
  EXPECT_EQ(la.id, a.key.id);
  EXPECT_EQ(la.label, "inbox robot");
  EXPECT_EQ(la.scopes, "inbox");
  EXPECT_EQ(la.last_used_at, used_at);
  EXPECT_FALSE(la.revoked_at.has_value());
  EXPECT_EQ(lb.id, b.key.id);
  EXPECT_FALSE(lb.last_used_at.has_value());
  EXPECT_EQ(lb.revoked_at, used_at);
  for (const auto& key : *listed) EXPECT_EQ(key.account_id, recipient_account_.id);
}

TEST_F(ManageApiKeysTest, LastUseIsRecordedAtMostOnceAMinute) {
  auto created = manage_keys_->Create(WebCaller(sender_account_), "busy", "send").value();
  ASSERT_FALSE(StoredKey(created.secret)->last_used_at.has_value());
  const common::TimePoint first = clock_.Now();
  ASSERT_TRUE(authenticate_->Execute(created.secret).has_value());
  EXPECT_EQ(StoredKey(created.secret)->last_used_at, first);
  clock_.Advance(59s);
  ASSERT_TRUE(authenticate_->Execute(created.secret).has_value());
  EXPECT_EQ(StoredKey(created.secret)->last_used_at, first) << "written again within a minute";
  clock_.Advance(1s);
  ASSERT_TRUE(authenticate_->Execute(created.secret).has_value());
  EXPECT_EQ(StoredKey(created.secret)->last_used_at, first + 1min);
}

TEST_F(ManageApiKeysTest, RevokedKeyIsRefusedAndOtherAccountsKeysCannotBeRevoked) {
  auto created = manage_keys_->Create(WebCaller(sender_account_), "to revoke", "send").value();
  ASSERT_TRUE(authenticate_->Execute(created.secret).has_value());

  auto foreign = manage_keys_->Revoke(WebCaller(outsider_account_), created.key.id);
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  auto unknown = manage_keys_->Revoke(WebCaller(sender_account_), "no-such-key");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(authenticate_->Execute(created.secret).has_value()) << "still valid";

  ASSERT_TRUE(manage_keys_->Revoke(WebCaller(sender_account_), created.key.id).has_value());
  auto refused = authenticate_->Execute(created.secret);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(manage_keys_->Revoke(WebCaller(sender_account_), created.key.id).has_value());
}

}  // namespace
}  // namespace sealpost::app
