#include "app/webhook_secret_box.hpp"

#include "common/bytes.hpp"

namespace sealpost::app {

namespace {

std::string Aad(const std::string& endpoint_id) { return "sealpost webhook secret " + endpoint_id; }

}  // namespace

std::string WebhookSecretBox::NewWrappedKey() { return cipher_.NewItemKey().wrapped; }

common::Result<std::string> WebhookSecretBox::Seal(const std::string& wrapped_key,
                                                   const std::string& endpoint_id,
                                                   const std::string& secret) {
  auto key = cipher_.UnwrapItemKey(wrapped_key);
  if (!key) return common::Fail(key.error());
  auto sealed = cipher_.Encrypt(*key, common::ToBytes(secret), Aad(endpoint_id));
  if (!sealed) return common::Fail(sealed.error());
  return common::Base64Encode(*sealed);
}

common::Result<std::string> WebhookSecretBox::Open(const std::string& wrapped_key,
                                                   const std::string& endpoint_id,
                                                   const std::string& sealed) {
  auto key = cipher_.UnwrapItemKey(wrapped_key);
  if (!key) return common::Fail(key.error());
  auto bytes = common::Base64Decode(sealed);
  if (!bytes)
    return common::Fail(common::ErrorCode::kInternal, "a stored webhook secret is damaged");
  auto plain = cipher_.Decrypt(*key, *bytes, Aad(endpoint_id));
  if (!plain) return common::Fail(plain.error());
  return common::ToString(*plain);
}

}  // namespace sealpost::app
