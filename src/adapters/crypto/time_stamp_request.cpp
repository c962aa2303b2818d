#include "adapters/crypto/time_stamp_request.hpp"

#include <openssl/objects.h>

#include "adapters/crypto/asn1_time.hpp"

namespace sealpost::adapters::crypto {
namespace {

using common::ErrorCode;

constexpr std::size_t kNonceBytes = 8;

// PKIStatus values (RFC 3161 §2.4.2) under which the response carries a token.
constexpr long kStatusGranted = 0;
constexpr long kStatusGrantedWithMods = 1;

std::string StatusText(TS_STATUS_INFO* info) {
  std::string out;
  const STACK_OF(ASN1_UTF8STRING)* texts = TS_STATUS_INFO_get0_text(info);
  for (int i = 0; texts != nullptr && i < sk_ASN1_UTF8STRING_num(texts); ++i) {
    const ASN1_UTF8STRING* text = sk_ASN1_UTF8STRING_value(texts, i);
    if (!out.empty()) out += "; ";
    out.append(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
               static_cast<std::size_t>(ASN1_STRING_length(text)));
  }
  return out;
}

}  // namespace

common::Result<TimeStampRequest> NewTimeStampRequest(const common::Sha256Digest& imprint,
                                                     common::Random& random,
                                                     const std::optional<std::string>& policy_oid) {
  TsReqPtr request(TS_REQ_new());
  TsMsgImprintPtr message_imprint(TS_MSG_IMPRINT_new());
  X509AlgorPtr algorithm(X509_ALGOR_new());
  if (!request || !message_imprint || !algorithm) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot allocate a TS_REQ"));
  }
  // Hash AlgorithmIdentifier with explicit NULL parameters, as `openssl ts -query` writes it.
  X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);

  common::Bytes nonce_bytes = random.Generate(kNonceBytes);
  nonce_bytes[0] &= 0x7f;  // a positive INTEGER; still 63 bits of unpredictability
  BigNumPtr nonce_bn(BN_bin2bn(nonce_bytes.data(), static_cast<int>(nonce_bytes.size()), nullptr));
  Asn1IntegerPtr nonce(nonce_bn ? BN_to_ASN1_INTEGER(nonce_bn.get(), nullptr) : nullptr);

  if (!nonce || TS_REQ_set_version(request.get(), 1) != 1 ||
      TS_MSG_IMPRINT_set_algo(message_imprint.get(), algorithm.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(message_imprint.get(), const_cast<unsigned char*>(imprint.data()),
                             static_cast<int>(imprint.size())) != 1 ||
      TS_REQ_set_msg_imprint(request.get(), message_imprint.get()) != 1 ||
      TS_REQ_set_nonce(request.get(), nonce.get()) != 1 ||
      TS_REQ_set_cert_req(request.get(), 1) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot build the TS_REQ"));
  }
  if (policy_oid) {
    Asn1ObjectPtr policy(OBJ_txt2obj(policy_oid->c_str(), 1));
    if (!policy) {
      return common::Fail(OpenSslError(ErrorCode::kInvalidArgument,
                                       "invalid time-stamp policy OID " + *policy_oid));
    }
    if (TS_REQ_set_policy_id(request.get(), policy.get()) != 1) {
      return common::Fail(OpenSslError(ErrorCode::kInternal, "TS_REQ_set_policy_id failed"));
    }
  }

  int len = i2d_TS_REQ(request.get(), nullptr);
  if (len <= 0) return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_TS_REQ failed"));
  TimeStampRequest out{std::move(request), common::Bytes(static_cast<std::size_t>(len))};
  unsigned char* p = out.der.data();  // reset before each i2d call: it advances the pointer
  if (i2d_TS_REQ(out.request.get(), &p) != len) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_TS_REQ failed"));
  }
  return out;
}

common::Result<app::TimeStampToken> TokenFromResponse(TS_REQ* request,
                                                      const common::Bytes& response_der) {
  const unsigned char* in = response_der.data();
  TsRespPtr response(d2i_TS_RESP(nullptr, &in, static_cast<long>(response_der.size())));
  if (!response || in != response_der.data() + response_der.size()) {
    return common::Fail(
        OpenSslError(ErrorCode::kUnavailable, "the TSA answer is not a TimeStampResp"));
  }
  return TokenFromResponse(request, response.get());
}

common::Result<app::TimeStampToken> TokenFromResponse(TS_REQ* request, TS_RESP* response) {
  if (request == nullptr || response == nullptr) {
    return common::Fail(ErrorCode::kInvalidArgument, "no time-stamp request or response");
  }
  TS_STATUS_INFO* status_info = TS_RESP_get_status_info(response);
  long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status_info));
  if (status != kStatusGranted && status != kStatusGrantedWithMods) {
    return common::Fail(ErrorCode::kUnavailable, "the TSA refused the request (status " +
                                                     std::to_string(status) + ": " +
                                                     StatusText(status_info) + ")");
  }
  PKCS7* token = TS_RESP_get_token(response);
  TS_TST_INFO* tst_info = TS_RESP_get_tst_info(response);
  if (token == nullptr || tst_info == nullptr) {
    return common::Fail(ErrorCode::kUnavailable, "the TSA granted the request without a token");
  }

  // TS_REQ_to_TS_VERIFY_CTX copies the imprint (with its algorithm), the nonce and the policy and
  // leaves TS_VFY_SIGNATURE and TS_VFY_TSA_NAME off. TS_VFY_SIGNER must go too: with no signature
  // check there is no signer, and OpenSSL 3.0 dereferences it when the token names its TSA.
  TsVerifyCtxPtr verify(TS_REQ_to_TS_VERIFY_CTX(request, nullptr));
  if (!verify) return common::Fail(OpenSslError(ErrorCode::kInternal, "TS_REQ_to_TS_VERIFY_CTX"));
  int flags = TS_VERIFY_CTX_add_flags(verify.get(), 0);
  TS_VERIFY_CTX_set_flags(verify.get(),
                          static_cast<int>(static_cast<unsigned>(flags) &
                                           ~(TS_VFY_SIGNER | TS_VFY_SIGNATURE | TS_VFY_TSA_NAME)));
  if (TS_RESP_verify_response(verify.get(), response) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kUnavailable,
                                     "the time-stamp does not match the request (imprint/nonce)"));
  }

  auto gen_time = Asn1TimeToTimePoint(TS_TST_INFO_get_time(tst_info));
  if (!gen_time)
    return common::Fail(ErrorCode::kUnavailable, "the time-stamp has an invalid genTime");

  int len = i2d_PKCS7(token, nullptr);
  if (len <= 0) return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_PKCS7 failed"));
  app::TimeStampToken out{common::Bytes(static_cast<std::size_t>(len)), *gen_time};
  unsigned char* p = out.der.data();
  if (i2d_PKCS7(token, &p) != len) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_PKCS7 failed"));
  }
  return out;
}

}  // namespace sealpost::adapters::crypto
