#include "adapters/crypto/aes_gcm_content_cipher.hpp"

#include <gtest/gtest.h>

#include "common/random.hpp"

namespace sealpost::adapters::crypto {
namespace {

using common::Bytes;
using common::ErrorCode;

class AesGcmContentCipherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cipher = AesGcmContentCipher::Create(random_.Generate(32), random_);
    ASSERT_TRUE(cipher) << cipher.error().ToString();
    cipher_ = std::move(*cipher);
  }

  common::SecureRandom random_;
  std::unique_ptr<AesGcmContentCipher> cipher_;
  Bytes plaintext_ = common::ToBytes("Registered letter: the contract, page 1 of 3.");
  std::string aad_ = "item:42/attachment:1";
};

TEST_F(AesGcmContentCipherTest, RoundTripsAndHasTheDocumentedLayout) {
  app::ItemKey key = cipher_->NewItemKey();
  ASSERT_EQ(key.plain.size(), 32u);
  auto sealed = cipher_->Encrypt(key.plain, plaintext_, aad_);
  ASSERT_TRUE(sealed) << sealed.error().ToString();
  EXPECT_EQ(sealed->size(), 12 + plaintext_.size() + 16);
  auto opened = cipher_->Decrypt(key.plain, *sealed, aad_);
  ASSERT_TRUE(opened) << opened.error().ToString();
  EXPECT_EQ(*opened, plaintext_);
}

TEST_F(AesGcmContentCipherTest, EmptyContentRoundTrips) {
  app::ItemKey key = cipher_->NewItemKey();
  auto sealed = cipher_->Encrypt(key.plain, {}, aad_);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->size(), 28u);
  auto opened = cipher_->Decrypt(key.plain, *sealed, aad_);
  ASSERT_TRUE(opened);
  EXPECT_TRUE(opened->empty());
}

TEST_F(AesGcmContentCipherTest, SameInputTwiceGivesDifferentCiphertexts) {
  app::ItemKey key = cipher_->NewItemKey();
  auto a = cipher_->Encrypt(key.plain, plaintext_, aad_);
  auto b = cipher_->Encrypt(key.plain, plaintext_, aad_);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);  // fresh nonce each time
  EXPECT_NE(cipher_->NewItemKey().plain, key.plain);
}

TEST_F(AesGcmContentCipherTest, AnyTamperedByteFails) {
  app::ItemKey key = cipher_->NewItemKey();
  auto sealed = cipher_->Encrypt(key.plain, plaintext_, aad_);
  ASSERT_TRUE(sealed);
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    Bytes tampered = *sealed;
    tampered[i] ^= 0x80;
    auto opened = cipher_->Decrypt(key.plain, tampered, aad_);
    ASSERT_FALSE(opened) << "tampered byte " << i << " accepted";
    EXPECT_EQ(opened.error().code, ErrorCode::kInternal);
  }
  Bytes truncated(sealed->begin(), sealed->end() - 1);
  EXPECT_FALSE(cipher_->Decrypt(key.plain, truncated, aad_));
  Bytes extended = *sealed;
  extended.push_back(0);
  EXPECT_FALSE(cipher_->Decrypt(key.plain, extended, aad_));
  EXPECT_FALSE(cipher_->Decrypt(key.plain, Bytes(27, 0), aad_));
}

TEST_F(AesGcmContentCipherTest, WrongAadOrItemKeyFails) {
  app::ItemKey key = cipher_->NewItemKey();
  auto sealed = cipher_->Encrypt(key.plain, plaintext_, aad_);
  ASSERT_TRUE(sealed);
  auto wrong_aad = cipher_->Decrypt(key.plain, *sealed, "item:43/attachment:1");
  ASSERT_FALSE(wrong_aad);
  EXPECT_EQ(wrong_aad.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(cipher_->Decrypt(key.plain, *sealed, ""));
  EXPECT_FALSE(cipher_->Decrypt(cipher_->NewItemKey().plain, *sealed, aad_));
  EXPECT_EQ(cipher_->Decrypt(Bytes(31, 1), *sealed, aad_).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(cipher_->Encrypt(Bytes(16, 1), plaintext_, aad_).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(AesGcmContentCipherTest, WrappedKeyUnwrapsToTheSameKey) {
  app::ItemKey key = cipher_->NewItemKey();
  EXPECT_TRUE(key.wrapped.starts_with("v1:")) << key.wrapped;
  EXPECT_EQ(key.wrapped.find(common::Base64Encode(key.plain)), std::string::npos);
  auto unwrapped = cipher_->UnwrapItemKey(key.wrapped);
  ASSERT_TRUE(unwrapped) << unwrapped.error().ToString();
  EXPECT_EQ(*unwrapped, key.plain);
}

TEST_F(AesGcmContentCipherTest, WrappedKeyFailsUnderAnotherMasterKey) {
  app::ItemKey key = cipher_->NewItemKey();
  auto other = AesGcmContentCipher::Create(random_.Generate(32), random_);
  ASSERT_TRUE(other);
  auto unwrapped = (*other)->UnwrapItemKey(key.wrapped);
  ASSERT_FALSE(unwrapped);
  EXPECT_EQ(unwrapped.error().code, ErrorCode::kInternal);
}

TEST_F(AesGcmContentCipherTest, AlteredWrappedKeyFails) {
  app::ItemKey key = cipher_->NewItemKey();
  auto sealed = common::Base64Decode(key.wrapped.substr(3));
  ASSERT_TRUE(sealed);
  for (std::size_t i = 0; i < sealed->size(); ++i) {
    Bytes tampered = *sealed;
    tampered[i] ^= 0x01;
    EXPECT_FALSE(cipher_->UnwrapItemKey("v1:" + common::Base64Encode(tampered))) << i;
  }
  EXPECT_FALSE(cipher_->UnwrapItemKey("v2:" + key.wrapped.substr(3)));
  EXPECT_FALSE(cipher_->UnwrapItemKey(key.wrapped.substr(3)));
  EXPECT_FALSE(cipher_->UnwrapItemKey("v1:not base64!"));
  EXPECT_FALSE(cipher_->UnwrapItemKey(""));
}

TEST_F(AesGcmContentCipherTest, ContentCiphertextIsNotAWrappedKey) {
  // The wrap aad keeps content sealed under the master key from passing as a wrapped key.
  app::ItemKey key = cipher_->NewItemKey();
  auto sealed = common::Base64Decode(key.wrapped.substr(3));
  ASSERT_TRUE(sealed);
  auto as_content = cipher_->Decrypt(key.plain, *sealed, "");
  EXPECT_FALSE(as_content);
}

TEST(AesGcmContentCipherCreateTest, RefusesAMasterKeyOfTheWrongSize) {
  common::SecureRandom random;
  auto short_key = AesGcmContentCipher::Create(Bytes(16, 7), random);
  ASSERT_FALSE(short_key);
  EXPECT_EQ(short_key.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(AesGcmContentCipher::Create(Bytes(33, 7), random));
}

}  // namespace
}  // namespace sealpost::adapters::crypto
