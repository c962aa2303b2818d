#include "adapters/evidence/signing_certificate.hpp"

#include <openssl/asn1.h>
#include <openssl/crypto.h>

#include "adapters/crypto/openssl_handles.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::evidence {
namespace {

using common::ErrorCode;

// DER tag-length-value with a definite length (short or long form).
common::Bytes Tlv(std::uint8_t tag, const common::Bytes& value) {
  common::Bytes out{tag};
  const std::size_t n = value.size();
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else {
    common::Bytes len;
    for (std::size_t v = n; v > 0; v >>= 8)
      len.insert(len.begin(), static_cast<std::uint8_t>(v & 0xff));
    out.push_back(static_cast<std::uint8_t>(0x80 | len.size()));
    out.insert(out.end(), len.begin(), len.end());
  }
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

template <typename T, typename Encode>
common::Result<common::Bytes> ToDer(const T* object, Encode encode, const char* what) {
  unsigned char* der = nullptr;  // reset before each i2d call (REFERENCE §2)
  int len = encode(object, &der);
  if (len <= 0 || der == nullptr) {
    return common::Fail(
        crypto::OpenSslError(ErrorCode::kInternal, std::string("cannot encode ") + what));
  }
  common::Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

}  // namespace

common::Result<SigningCertificateRef> DescribeSigningCertificate(X509* certificate) {
  if (certificate == nullptr) return common::Fail(ErrorCode::kInvalidArgument, "no certificate");
  auto der = ToDer(
      certificate, [](const X509* c, unsigned char** out) { return i2d_X509(c, out); },
      "certificate");
  if (!der) return common::Fail(der.error());
  auto issuer = ToDer(
      X509_get_issuer_name(certificate),
      [](const X509_NAME* n, unsigned char** out) { return i2d_X509_NAME(n, out); }, "issuer name");
  if (!issuer) return common::Fail(issuer.error());
  auto serial = ToDer(
      X509_get0_serialNumber(certificate),
      [](const ASN1_INTEGER* i, unsigned char** out) { return i2d_ASN1_INTEGER(i, out); },
      "serial number");
  if (!serial) return common::Fail(serial.error());

  // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
  // GeneralNames ::= SEQUENCE OF GeneralName; directoryName [4] is explicit (Name is a CHOICE).
  common::Bytes general_names = Tlv(0x30, Tlv(0xA4, *issuer));
  common::Bytes body = general_names;
  body.insert(body.end(), serial->begin(), serial->end());
  common::Bytes issuer_serial = Tlv(0x30, body);

  SigningCertificateRef ref;
  ref.digest_base64 = common::Base64Encode(common::Sha256(*der));
  ref.issuer_serial_v2 = common::Base64Encode(issuer_serial);
  ref.der = std::move(*der);
  return ref;
}

}  // namespace sealpost::adapters::evidence
