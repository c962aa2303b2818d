#include "adapters/pdf/cms_signature_check.hpp"

#include <openssl/ess.h>
#include <openssl/objects.h>

#include <cstring>

#include "adapters/crypto/asn1_time.hpp"
#include "adapters/crypto/pem.hpp"
#include "adapters/crypto/time_stamp_verifier.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::pdf {
namespace {

using crypto::DrainOpenSslErrors;

struct OpenSslFree {
  void operator()(unsigned char* p) const { OPENSSL_free(p); }
};

using EssSigningCertPtr =
    std::unique_ptr<ESS_SIGNING_CERT, crypto::OpenSslDeleter<&ESS_SIGNING_CERT_free>>;
using EssSigningCertV2Ptr =
    std::unique_ptr<ESS_SIGNING_CERT_V2, crypto::OpenSslDeleter<&ESS_SIGNING_CERT_V2_free>>;

std::string NameEntry(const X509_NAME* name, int nid) {
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, data);
  std::unique_ptr<unsigned char, OpenSslFree> owned(utf8);
  return length > 0 ? std::string(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length))
                    : std::string();
}

CMS_SignerInfo* OnlySigner(CMS_ContentInfo* cms) {
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  return infos != nullptr && sk_CMS_SignerInfo_num(infos) == 1 ? sk_CMS_SignerInfo_value(infos, 0)
                                                               : nullptr;
}

// The certificate the SignerInfo names, among those the CMS carries (nullptr if absent).
X509* SignerCertificate(CMS_ContentInfo* cms, CMS_SignerInfo* info) {
  crypto::X509StackPtr certificates(CMS_get1_certs(cms));
  if (!certificates) return nullptr;
  for (int i = 0; i < sk_X509_num(certificates.get()); ++i) {
    X509* candidate = sk_X509_value(certificates.get(), i);
    if (CMS_SignerInfo_cert_cmp(info, candidate) == 0) {
      CMS_SignerInfo_set1_signer_cert(info, candidate);
      X509* signer = nullptr;
      CMS_SignerInfo_get0_algs(info, nullptr, &signer, nullptr, nullptr);
      return signer;  // kept alive by the SignerInfo's reference
    }
  }
  return nullptr;
}

// True when no ESS signing-certificate attribute is present, or when it names `signer`.
bool EssBindingHolds(CMS_SignerInfo* info, X509* signer, std::vector<std::string>& problems) {
  const auto* v2 = static_cast<ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      info, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
  const auto* v1 = static_cast<ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      info, OBJ_nid2obj(NID_id_smime_aa_signingCertificate), -3, V_ASN1_SEQUENCE));
  if (v1 == nullptr && v2 == nullptr) return true;
  EssSigningCertV2Ptr ss_v2;
  EssSigningCertPtr ss_v1;
  if (v2 != nullptr) {
    const unsigned char* p = ASN1_STRING_get0_data(v2);
    ss_v2.reset(d2i_ESS_SIGNING_CERT_V2(nullptr, &p, ASN1_STRING_length(v2)));
  }
  if (v1 != nullptr) {
    const unsigned char* p = ASN1_STRING_get0_data(v1);
    ss_v1.reset(d2i_ESS_SIGNING_CERT(nullptr, &p, ASN1_STRING_length(v1)));
  }
  crypto::X509StackPtr chain(sk_X509_new_null());
  if (!chain || sk_X509_push(chain.get(), crypto::UpRef(signer).release()) <= 0 ||
      (v2 != nullptr && !ss_v2) || (v1 != nullptr && !ss_v1) ||
      OSSL_ESS_check_signing_certs(ss_v1.get(), ss_v2.get(), chain.get(), 1) <= 0) {
    problems.push_back(
        "the ESS signing-certificate attribute does not name the signer certificate");
    DrainOpenSslErrors();
    return false;
  }
  return true;
}

std::optional<common::TimePoint> SigningTimeAttribute(CMS_SignerInfo* info) {
  const int index = CMS_signed_get_attr_by_NID(info, NID_pkcs9_signingTime, -1);
  if (index < 0) return std::nullopt;
  const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(info, index), 0);
  if (value == nullptr ||
      (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) {
    return std::nullopt;
  }
  auto time = crypto::Asn1TimeToTimePoint(value->value.utctime);
  return time ? std::optional(*time) : std::nullopt;
}

// The RFC 3161 token in the unsigned signature-time-stamp attribute, if any.
std::optional<common::Bytes> TimeStampToken(CMS_SignerInfo* info) {
  const int index = CMS_unsigned_get_attr_by_NID(info, NID_id_smime_aa_timeStampToken, -1);
  if (index < 0) return std::nullopt;
  const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(info, index), 0);
  if (value == nullptr || value->type != V_ASN1_SEQUENCE) return common::Bytes{};
  const unsigned char* data = ASN1_STRING_get0_data(value->value.sequence);
  return common::Bytes(data, data + ASN1_STRING_length(value->value.sequence));
}

void CheckChain(X509* signer, CMS_ContentInfo* cms, const std::vector<X509*>& anchors,
                common::TimePoint at, CmsSignatureCheck& check) {
  check.chain_checked_at = at;
  auto store = crypto::NewTrustStore(anchors);
  crypto::X509StoreCtxPtr context(X509_STORE_CTX_new());
  crypto::X509StackPtr untrusted(CMS_get1_certs(cms));
  if (!store || !context ||
      X509_STORE_CTX_init(context.get(), store->get(), signer, untrusted.get()) != 1) {
    check.chain_error = "cannot set up chain verification";
    DrainOpenSslErrors();
    return;
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
  X509_VERIFY_PARAM_set_time(param, crypto::ToTimeT(at));
  // An anchor need not be self-signed: a caller may pin an intermediate CA (e.g. one Belgian
  // citizen CA) instead of a root.
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  if (X509_verify_cert(context.get()) == 1) {
    check.chain_trusted = true;
  } else {
    check.chain_error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get()));
    check.problems.push_back("the signer certificate does not chain to a trust anchor: " +
                             check.chain_error);
  }
  DrainOpenSslErrors();
}

// Size of the DER element at the start of `der` (tag, length, content); the whole input when
// the length is indefinite or does not fit.
std::size_t DerElementSize(const common::Bytes& der) {
  if (der.size() < 2) return der.size();
  std::size_t header = 2;
  std::size_t length = der[1];
  if (length & 0x80) {
    const std::size_t digits = length & 0x7f;
    if (digits == 0 || digits > sizeof(std::size_t) || der.size() < 2 + digits) return der.size();
    length = 0;
    for (std::size_t i = 0; i < digits; ++i) length = (length << 8) | der[2 + i];
    header += digits;
  }
  return length <= der.size() - header ? header + length : der.size();
}

crypto::CmsContentInfoPtr ParseCms(const common::Bytes& der) {
  // /Contents is zero-padded after the DER: d2i reads one ContentInfo and ignores the rest.
  const unsigned char* in = der.data();
  return crypto::CmsContentInfoPtr(
      d2i_CMS_ContentInfo(nullptr, &in, static_cast<long>(der.size())));
}

// The integrity of an RFC 3161 token, apart from trust in its TSA: its CMS signature verifies with
// the certificate it carries, and its TSTInfo's imprint is SHA-256 = `expected`. A token that
// fails this is broken or forged; one that passes but whose TSA is unknown is only untrusted.
bool TimeStampIntact(const common::Bytes& token_der, const common::Sha256Digest& expected,
                     std::string& problem) {
  crypto::CmsContentInfoPtr token = ParseCms(token_der);
  crypto::BioPtr content(BIO_new(BIO_s_mem()));
  if (!token || !content ||
      OBJ_obj2nid(CMS_get0_eContentType(token.get())) != NID_id_smime_ct_TSTInfo ||
      CMS_verify(token.get(), nullptr, nullptr, nullptr, content.get(),
                 CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    problem = "the time-stamp token's signature does not verify " + DrainOpenSslErrors();
    return false;
  }
  const unsigned char* data = nullptr;
  const long length = BIO_get_mem_data(content.get(), &data);
  crypto::TsTstInfoPtr info(d2i_TS_TST_INFO(nullptr, &data, length));
  if (!info) {
    problem = "the time-stamp token holds no TSTInfo";
    DrainOpenSslErrors();
    return false;
  }
  TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(info.get());
  const ASN1_OBJECT* algorithm = nullptr;
  X509_ALGOR_get0(&algorithm, nullptr, nullptr, TS_MSG_IMPRINT_get_algo(imprint));
  const ASN1_OCTET_STRING* digest = TS_MSG_IMPRINT_get_msg(imprint);
  if (algorithm == nullptr || OBJ_obj2nid(algorithm) != NID_sha256 ||
      ASN1_STRING_length(digest) != static_cast<int>(expected.size()) ||
      std::memcmp(ASN1_STRING_get0_data(digest), expected.data(), expected.size()) != 0) {
    problem = "the time-stamp token is not over this signature";
    return false;
  }
  return true;
}

}  // namespace

app::PdfSignerIdentity DescribeSigner(X509* certificate) {
  app::PdfSignerIdentity identity;
  const X509_NAME* subject = X509_get_subject_name(certificate);
  identity.common_name = NameEntry(subject, NID_commonName);
  identity.given_name = NameEntry(subject, NID_givenName);
  identity.surname = NameEntry(subject, NID_surname);
  identity.serial_number = NameEntry(subject, NID_serialNumber);
  identity.subject = crypto::NameToString(subject);
  identity.issuer = crypto::NameToString(X509_get_issuer_name(certificate));
  return identity;
}

CmsSignatureCheck CheckCmsSignature(const common::Bytes& cms_der, std::string_view covered,
                                    const std::vector<X509*>& trust_anchors,
                                    common::TimePoint now) {
  DrainOpenSslErrors();
  CmsSignatureCheck check;
  crypto::CmsContentInfoPtr cms = ParseCms(cms_der);
  CMS_SignerInfo* info = cms && OBJ_obj2nid(CMS_get0_type(cms.get())) == NID_pkcs7_signed
                             ? OnlySigner(cms.get())
                             : nullptr;
  if (info == nullptr) {
    check.problems.push_back("/Contents is not a CMS SignedData with exactly one signer");
    DrainOpenSslErrors();
    return check;
  }
  check.parsed = true;
  X509* signer = SignerCertificate(cms.get(), info);
  if (signer == nullptr) {
    check.problems.push_back("the signer certificate is not included in the signature");
    return check;
  }
  check.signer = DescribeSigner(signer);
  check.signing_time_attribute = SigningTimeAttribute(info);

  // Message digest over the covered bytes and the signature over the signed attributes; the
  // chain is checked separately below, against the caller's anchors only.
  crypto::BioPtr content(BIO_new_mem_buf(covered.data(), static_cast<int>(covered.size())));
  if (content && CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr,
                            CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1) {
    check.digest_ok = EssBindingHolds(info, signer, check.problems);
  } else {
    check.problems.push_back("the signature does not verify over the signed bytes: " +
                             crypto::DrainOpenSslErrors());
  }

  common::TimePoint chain_time = now;
  if (auto token = TimeStampToken(info)) {
    check.has_time_stamp = true;
    const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(info);
    const common::Sha256Digest imprint = common::Sha256(std::span<const std::uint8_t>(
        ASN1_STRING_get0_data(value), static_cast<std::size_t>(ASN1_STRING_length(value))));
    std::string problem;
    check.time_stamp_intact = TimeStampIntact(*token, imprint, problem);
    if (!check.time_stamp_intact) {
      check.problems.push_back(problem);
    } else if (auto verified = crypto::VerifyTimeStampToken(*token, imprint, trust_anchors)) {
      check.time_stamp_ok = true;
      check.time_stamp_time = verified->gen_time;
      chain_time = verified->gen_time;
    } else {
      check.problems.push_back("the signature time-stamp's TSA is not trusted: " +
                               verified.error().message);
    }
  }
  CheckChain(signer, cms.get(), trust_anchors, chain_time, check);
  return check;
}

CmsSignatureCheck CheckDocumentTimeStamp(const common::Bytes& token_der, std::string_view covered,
                                         const std::vector<X509*>& trust_anchors) {
  DrainOpenSslErrors();
  CmsSignatureCheck check;
  crypto::CmsContentInfoPtr cms = ParseCms(token_der);
  CMS_SignerInfo* info = cms ? OnlySigner(cms.get()) : nullptr;
  if (info == nullptr) {
    check.problems.push_back("/Contents is not a time-stamp token");
    DrainOpenSslErrors();
    return check;
  }
  check.parsed = true;
  if (X509* signer = SignerCertificate(cms.get(), info)) check.signer = DescribeSigner(signer);
  // VerifyTimeStampToken wants the token without the zero padding of /Contents.
  const common::Bytes exact(token_der.begin(),
                            token_der.begin() + static_cast<long>(DerElementSize(token_der)));
  check.has_time_stamp = true;
  const common::Sha256Digest digest = common::Sha256(covered);
  std::string problem;
  check.digest_ok = check.time_stamp_intact = TimeStampIntact(exact, digest, problem);
  if (!check.digest_ok) {
    check.problems.push_back(problem);
  } else if (auto verified = crypto::VerifyTimeStampToken(exact, digest, trust_anchors)) {
    check.chain_trusted = check.time_stamp_ok = true;
    check.time_stamp_time = verified->gen_time;
    check.chain_checked_at = verified->gen_time;
  } else {
    check.chain_error = verified.error().message;
    check.problems.push_back("the document time-stamp's TSA is not trusted: " + check.chain_error);
  }
  return check;
}

}  // namespace sealpost::adapters::pdf
