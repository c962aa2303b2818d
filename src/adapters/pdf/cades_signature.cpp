#include "adapters/pdf/cades_signature.hpp"

#include <openssl/objects.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace sealpost::adapters::pdf {
namespace {

using common::ErrorCode;
using crypto::OpenSslError;

struct OpenSslFree {
  void operator()(unsigned char* p) const { OPENSSL_free(p); }
};
using OpenSslBuffer = std::unique_ptr<unsigned char, OpenSslFree>;

void AppendDerLength(common::Bytes& out, std::size_t length) {
  if (length < 0x80) {
    out.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  common::Bytes digits;
  for (std::size_t rest = length; rest != 0; rest >>= 8) {
    digits.insert(digits.begin(), static_cast<std::uint8_t>(rest & 0xff));
  }
  out.push_back(static_cast<std::uint8_t>(0x80 | digits.size()));
  out.insert(out.end(), digits.begin(), digits.end());
}

// DER of the signed attributes as the signature input: a SET OF (tag 0x31, RFC 5652 5.4), the
// elements in ascending order of their encodings (X.690 11.6) — the order in which OpenSSL
// writes them into the SignerInfo, so that verifiers re-encode exactly these bytes.
common::Result<common::Bytes> EncodeSignedAttributes(CMS_SignerInfo* info) {
  std::vector<common::Bytes> encodings;
  const int count = CMS_signed_get_attr_count(info);
  for (int i = 0; i < count; ++i) {
    unsigned char* der = nullptr;
    const int length = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(info, i), &der);
    OpenSslBuffer owned(der);
    if (length <= 0) return common::Fail(OpenSslError(ErrorCode::kInternal, "signed attribute"));
    encodings.emplace_back(der, der + length);
  }
  std::sort(encodings.begin(), encodings.end(), [](const common::Bytes& a, const common::Bytes& b) {
    const int order = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    return order != 0 ? order < 0 : a.size() < b.size();
  });
  std::size_t content = 0;
  for (const auto& encoding : encodings) content += encoding.size();
  common::Bytes out{0x31};
  AppendDerLength(out, content);
  for (const auto& encoding : encodings) out.insert(out.end(), encoding.begin(), encoding.end());
  return out;
}

common::Result<common::Bytes> SignBytes(EVP_PKEY* key, const common::Bytes& input) {
  crypto::EvpMdCtxPtr context(EVP_MD_CTX_new());
  std::size_t length = 0;
  if (!context ||
      EVP_DigestSignInit_ex(context.get(), nullptr, "SHA256", nullptr, nullptr, key, nullptr) !=
          1 ||
      EVP_DigestSign(context.get(), nullptr, &length, input.data(), input.size()) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot sign the signed attributes"));
  }
  common::Bytes signature(length);
  if (EVP_DigestSign(context.get(), signature.data(), &length, input.data(), input.size()) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot sign the signed attributes"));
  }
  signature.resize(length);
  return signature;
}

}  // namespace

common::Result<common::Bytes> SignDetachedCades(const common::Sha256Digest& content_digest,
                                                const CadesSigner& signer,
                                                app::TimeStamper* time_stamper) {
  crypto::DrainOpenSslErrors();  // start from a clean per-thread error queue
  constexpr unsigned kFlags = CMS_PARTIAL | CMS_DETACHED | CMS_BINARY;
  crypto::CmsContentInfoPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, kFlags));
  if (!cms) return common::Fail(OpenSslError(ErrorCode::kInternal, "CMS_sign"));
  // CMS_CADES adds the ESS signing-certificate-v2 attribute (SHA-256 of the certificate and its
  // issuer and serial number); no S/MIME capabilities, which mean nothing in a PDF.
  CMS_SignerInfo* info = CMS_add1_signer(cms.get(), signer.certificate, signer.key, EVP_sha256(),
                                         CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES);
  if (info == nullptr) return common::Fail(OpenSslError(ErrorCode::kInternal, "CMS_add1_signer"));
  for (X509* certificate : signer.chain) {
    if (CMS_add1_cert(cms.get(), certificate) != 1) {
      return common::Fail(OpenSslError(ErrorCode::kInternal, "CMS_add1_cert"));
    }
  }
  if (CMS_signed_add1_attr_by_NID(info, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                  OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
      CMS_signed_add1_attr_by_NID(info, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                  content_digest.data(),
                                  static_cast<int>(content_digest.size())) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot add the signed attributes"));
  }
  auto signed_attributes = EncodeSignedAttributes(info);
  if (!signed_attributes) return common::Fail(signed_attributes.error());
  auto signature = SignBytes(signer.key, *signed_attributes);
  if (!signature) return common::Fail(signature.error());
  if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(info), signature->data(),
                      static_cast<int>(signature->size())) != 1) {
    return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot set the signature value"));
  }

  if (time_stamper != nullptr) {
    // B-T: the time-stamp's imprint is SHA-256 of the SignerInfo's signature value octets
    // (RFC 3161 appendix A, EN 319 122-1 5.3).
    auto token = time_stamper->TimeStamp(common::Sha256(*signature));
    if (!token) return common::Fail(token.error());
    if (CMS_unsigned_add1_attr_by_NID(info, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE,
                                      token->der.data(),
                                      static_cast<int>(token->der.size())) != 1) {
      return common::Fail(OpenSslError(ErrorCode::kInternal, "cannot attach the time-stamp"));
    }
  }

  unsigned char* der = nullptr;
  const int length = i2d_CMS_ContentInfo(cms.get(), &der);
  OpenSslBuffer owned(der);
  if (length <= 0) return common::Fail(OpenSslError(ErrorCode::kInternal, "i2d_CMS_ContentInfo"));
  return common::Bytes(der, der + length);
}

}  // namespace sealpost::adapters::pdf
