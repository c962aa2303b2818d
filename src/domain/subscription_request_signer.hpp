// Whether the person who signed the approval form is one of the legal representatives the requester
// declared (PRODUCT.md §3 step 4). The signer comes from the signing certificate: its subject name
// and its serialNumber, which on Belgian eID / itsme certificates carries the national register
// number, either as 11 plain digits or in the ETSI EN 319 412-1 form "PNOBE-85073003328".
// A national number, when both sides have one, decides; otherwise the names must match (case,
// accents, hyphens and word order ignored). Pure, thread-safe.
#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/subscription_request.hpp"

namespace sealpost::domain {

struct CertificateSigner {
  std::string name;           // subject commonName, e.g. "Jan Peeters (Signature)"
  std::string serial_number;  // subject serialNumber, may be empty
};

// The Belgian national number in a certificate serialNumber: std::nullopt when the field is empty
// or names another country's identifier (e.g. "PNOFR-..."); kInvalidArgument when it claims to be a
// Belgian number but is not a valid one.
common::Result<std::optional<std::string>> BelgianNationalNumberFromSerial(
    std::string_view serial_number);

// The commonName without the role suffix Belgian eID certificates add ("(Signature)",
// "(Authentication)").
std::string SignerDisplayName(std::string_view common_name);

enum class SignerMatchBasis { kNationalNumber, kName };

struct SignerMatch {
  std::size_t representative_index = 0;
  SignerMatchBasis basis = SignerMatchBasis::kName;
};

enum class SignerMismatch {
  kNoRepresentatives,    // nothing to compare with
  kInvalidSerialNumber,  // the certificate claims a Belgian national number that is not valid
  kOtherNationalNumber,  // a declared number, but another person signed
  kOtherName,            // no numbers to compare and no declared name matches
};
std::string_view SignerMismatchName(SignerMismatch mismatch);

std::expected<SignerMatch, SignerMismatch> MatchSigner(
    const CertificateSigner& signer, const std::vector<LegalRepresentative>& representatives);

}  // namespace sealpost::domain
