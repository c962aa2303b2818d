// PEM and DER conversion of certificates and keys, so that other adapters (XAdES, CAdES, TSA) can
// exchange them as text or bytes. Pure functions over memory; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/crypto/openssl_handles.hpp"
#include "common/bytes.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::crypto {

common::Result<X509Ptr> CertificateFromPem(std::string_view pem);
// Every certificate in `pem`, in order (a bundle); kInvalidArgument when there is none.
common::Result<std::vector<X509Ptr>> CertificatesFromPem(std::string_view pem);
common::Result<X509Ptr> CertificateFromDer(const common::Bytes& der);
// Unencrypted PKCS#8 ("BEGIN PRIVATE KEY") or traditional PEM private key.
common::Result<EvpPkeyPtr> PrivateKeyFromPem(std::string_view pem);

common::Result<std::string> CertificateToPem(X509* cert);
common::Result<common::Bytes> CertificateToDer(X509* cert);
// Unencrypted PKCS#8 PEM: the caller is responsible for where it goes (files 0600, never logs).
common::Result<std::string> PrivateKeyToPem(EVP_PKEY* key);

// A fresh store trusting exactly `anchors` (each up-referenced).
common::Result<X509StorePtr> NewTrustStore(const std::vector<X509*>& anchors);

// One-line RFC 2253 rendering of a name, e.g. "CN=sealpost demo TSA,O=sealpost demo,C=BE".
std::string NameToString(const X509_NAME* name);

}  // namespace sealpost::adapters::crypto
