#include "adapters/crypto/time_stamp_verifier.hpp"

#include <openssl/crypto.h>
#include <openssl/objects.h>

#include <cctype>

#include "adapters/crypto/asn1_time.hpp"
#include "adapters/crypto/pem.hpp"

namespace sealpost::adapters::crypto {
namespace {

using common::ErrorCode;

std::string SerialHex(const ASN1_INTEGER* serial) {
  BigNumPtr bn(ASN1_INTEGER_to_BN(serial, nullptr));
  if (!bn) return {};
  char* hex = BN_bn2hex(bn.get());
  if (hex == nullptr) return {};
  std::string out(hex);
  OPENSSL_free(hex);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string OidText(const ASN1_OBJECT* object) {
  char buf[128];
  int len = OBJ_obj2txt(buf, sizeof buf, object, 1);
  return len > 0 && static_cast<std::size_t>(len) < sizeof buf ? std::string(buf, len) : "";
}

}  // namespace

common::Result<TimeStampInfo> VerifyTimeStampToken(const common::Bytes& token_der,
                                                   const common::Sha256Digest& expected_imprint,
                                                   const std::vector<X509*>& trust_anchors) {
  const unsigned char* in = token_der.data();
  Pkcs7Ptr token(d2i_PKCS7(nullptr, &in, static_cast<long>(token_der.size())));
  if (!token || in != token_der.data() + token_der.size()) {
    return common::Fail(OpenSslError(ErrorCode::kInvalidArgument, "not a DER time-stamp token"));
  }
  TsTstInfoPtr tst_info(PKCS7_to_TS_TST_INFO(token.get()));
  if (!tst_info) {
    return common::Fail(OpenSslError(ErrorCode::kInvalidArgument, "the token holds no TSTInfo"));
  }
  auto gen_time = Asn1TimeToTimePoint(TS_TST_INFO_get_time(tst_info.get()));
  if (!gen_time) return common::Fail(gen_time.error());

  // OpenSSL only compares the imprint bytes when no algorithm is given (none can be set on a
  // TS_VERIFY_CTX by hand): require SHA-256 here so that a 32-byte digest of another hash cannot
  // pass.
  const ASN1_OBJECT* algorithm = nullptr;
  X509_ALGOR_get0(&algorithm, nullptr, nullptr,
                  TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(tst_info.get())));
  if (algorithm == nullptr || OBJ_obj2nid(algorithm) != NID_sha256) {
    return common::Fail(ErrorCode::kInvalidArgument, "the time-stamp imprint is not SHA-256");
  }

  auto store = NewTrustStore(trust_anchors);
  if (!store) return common::Fail(store.error());
  // Validate the chain as it was when the token was made (also sets X509_V_FLAG_USE_CHECK_TIME).
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store->get()), ToTimeT(*gen_time));

  TsVerifyCtxPtr verify(TS_VERIFY_CTX_new());
  auto* imprint_copy =
      static_cast<unsigned char*>(OPENSSL_memdup(expected_imprint.data(), expected_imprint.size()));
  if (!verify || imprint_copy == nullptr) {
    OPENSSL_free(imprint_copy);
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot allocate a TS_VERIFY_CTX"));
  }
  // TS_VERIFY_CTX takes ownership of the imprint buffer and of the store. TS_VFY_TSA_NAME stays
  // off: without an expected name OpenSSL 3.0 crashes; TS_VFY_SIGNER checks the token's own TSA
  // name (when present) against the certificate that signed.
  TS_VERIFY_CTX_set_imprint(verify.get(), imprint_copy, static_cast<long>(expected_imprint.size()));
  TS_VERIFY_CTX_set_store(verify.get(), store->release());
  TS_VERIFY_CTX_set_flags(verify.get(), static_cast<int>(TS_VFY_SIGNATURE | TS_VFY_VERSION |
                                                         TS_VFY_IMPRINT | TS_VFY_SIGNER));
  if (TS_RESP_verify_token(verify.get(), token.get()) != 1) {
    return common::Fail(
        OpenSslError(ErrorCode::kInvalidArgument, "the time-stamp token does not verify"));
  }

  TimeStampInfo info;
  info.gen_time = *gen_time;
  info.serial_hex = SerialHex(TS_TST_INFO_get_serial(tst_info.get()));
  info.policy_oid = OidText(TS_TST_INFO_get_policy_id(tst_info.get()));
  // The signature check above found exactly this signer among the token's certificates.
  STACK_OF(X509)* signers = PKCS7_get0_signers(token.get(), nullptr, 0);
  if (signers != nullptr && sk_X509_num(signers) > 0) {
    info.tsa_subject = NameToString(X509_get_subject_name(sk_X509_value(signers, 0)));
  }
  sk_X509_free(signers);  // the certificates belong to the token
  DrainOpenSslErrors();
  return info;
}

common::Result<TimeStampInfo> VerifyTimeStampToken(const common::Bytes& token_der,
                                                   const common::Sha256Digest& expected_imprint,
                                                   std::string_view trust_anchors_pem) {
  auto anchors = CertificatesFromPem(trust_anchors_pem);
  if (!anchors) return common::Fail(anchors.error());
  std::vector<X509*> raw;
  for (const auto& anchor : *anchors) raw.push_back(anchor.get());
  return VerifyTimeStampToken(token_der, expected_imprint, raw);
}

}  // namespace sealpost::adapters::crypto
