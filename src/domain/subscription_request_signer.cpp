#include "domain/subscription_request_signer.hpp"

#include <algorithm>

#include "domain/belgian_identifiers.hpp"
#include "domain/name_match.hpp"

namespace sealpost::domain {

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Normalised name with its words sorted, so that "Peeters Jan" and "Jan Peeters" compare equal.
std::string NameKey(std::string_view name) {
  std::string normalised = NormaliseName(name);
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < normalised.size()) {
    std::size_t end = normalised.find(' ', start);
    if (end == std::string::npos) end = normalised.size();
    if (end > start) words.emplace_back(normalised.substr(start, end - start));
    start = end + 1;
  }
  std::sort(words.begin(), words.end());
  std::string key;
  for (const std::string& w : words) {
    if (!key.empty()) key.push_back(' ');
    key += w;
  }
  return key;
}

}  // namespace

common::Result<std::optional<std::string>> BelgianNationalNumberFromSerial(
    std::string_view serial_number) {
  std::string_view s = serial_number;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::optional<std::string>{};
  // ETSI EN 319 412-1 §5.1.3 semantics identifier: 3-letter type, 2-letter country, "-", value.
  if (s.size() > 6 && s[5] == '-' && !AllDigits(s.substr(0, 1))) {
    std::string_view type = s.substr(0, 3);
    std::string_view country = s.substr(3, 2);
    if (type != "PNO" || country != "BE") return std::optional<std::string>{};
    s.remove_prefix(6);
  } else if (!AllDigits(s)) {
    return std::optional<std::string>{};  // some other identifier scheme
  }
  auto parsed = NationalNumber::Parse(s);
  if (!parsed) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the certificate's serialNumber is not a valid national register number",
                        "invalid_certificate_serial_number");
  }
  return std::optional<std::string>{parsed->digits};
}

std::string SignerDisplayName(std::string_view common_name) {
  std::string_view s = common_name;
  for (std::string_view suffix :
       {std::string_view("(Signature)"), std::string_view("(Authentication)")}) {
    if (s.ends_with(suffix)) {
      s.remove_suffix(suffix.size());
      break;
    }
  }
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

std::string_view SignerMismatchName(SignerMismatch mismatch) {
  switch (mismatch) {
    case SignerMismatch::kNoRepresentatives:
      return "no_representatives";
    case SignerMismatch::kInvalidSerialNumber:
      return "invalid_serial_number";
    case SignerMismatch::kOtherNationalNumber:
      return "other_national_number";
    case SignerMismatch::kOtherName:
      return "other_name";
  }
  return "unknown";
}

std::expected<SignerMatch, SignerMismatch> MatchSigner(
    const CertificateSigner& signer, const std::vector<LegalRepresentative>& representatives) {
  if (representatives.empty()) return std::unexpected(SignerMismatch::kNoRepresentatives);
  auto number = BelgianNationalNumberFromSerial(signer.serial_number);
  if (!number) return std::unexpected(SignerMismatch::kInvalidSerialNumber);

  const std::string signer_key = NameKey(SignerDisplayName(signer.name));
  bool compared_numbers = false;
  for (std::size_t i = 0; i < representatives.size(); ++i) {
    const LegalRepresentative& rep = representatives[i];
    if (rep.national_number && *number) {
      compared_numbers = true;
      if (*rep.national_number == **number)
        return SignerMatch{i, SignerMatchBasis::kNationalNumber};
      continue;  // a declared number that differs is decisive for this representative
    }
    if (!signer_key.empty() && NameKey(rep.name) == signer_key) {
      return SignerMatch{i, SignerMatchBasis::kName};
    }
  }
  return std::unexpected(compared_numbers ? SignerMismatch::kOtherNationalNumber
                                          : SignerMismatch::kOtherName);
}

}  // namespace sealpost::domain
