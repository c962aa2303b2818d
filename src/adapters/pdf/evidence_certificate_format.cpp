#include "adapters/pdf/evidence_certificate_format.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <string_view>

#include "domain/belgian_identifiers.hpp"

namespace sealpost::adapters::pdf {

std::string ProofTime(const ui::Formatter& formatter, common::TimePoint time) {
  const std::string zoned = formatter.FormatDateTime({time, ui::DateTimeStyle::kDateTimeWithZone});
  const std::string plain = formatter.FormatDateTime({time, ui::DateTimeStyle::kDateTime});
  const std::string clock = formatter.FormatDateTime({time, ui::DateTimeStyle::kTime});
  if (!zoned.starts_with(plain) || !plain.ends_with(clock) || clock.size() != 5) return zoned;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           time - std::chrono::floor<std::chrono::minutes>(time))
                           .count();
  char suffix[4];
  std::snprintf(suffix, sizeof suffix, ":%02d", static_cast<int>(seconds));
  return plain + suffix + zoned.substr(plain.size());
}

std::string IdentifierText(const std::string& eidas_identifier) {
  constexpr std::string_view kBelgian = "BE/BE/";
  if (!eidas_identifier.starts_with(kBelgian)) return eidas_identifier;
  const std::string_view digits = std::string_view(eidas_identifier).substr(kBelgian.size());
  if (digits.size() == 10) {
    if (auto number = domain::EnterpriseNumber::Parse(digits)) {
      return number->Formatted() + " (" + eidas_identifier + ")";
    }
  } else if (digits.size() == 11) {
    if (auto number = domain::NationalNumber::Parse(digits)) {
      return number->Formatted() + " (" + eidas_identifier + ")";
    }
  }
  return eidas_identifier;
}

std::string LevelOfAssuranceText(const ui::Translator& translator, ui::Language language,
                                 const std::string& level_uri) {
  constexpr std::string_view kPrefix = "http://eidas.europa.eu/LoA/";
  if (!level_uri.starts_with(kPrefix)) return level_uri;
  const std::string_view level = std::string_view(level_uri).substr(kPrefix.size());
  if (level != "low" && level != "substantial" && level != "high") return level_uri;
  return translator.Text(language, "certificate.level." + std::string(level));
}

std::string AuthenticationMethodText(const ui::Translator& translator, ui::Language language,
                                     const std::string& method) {
  if (method == "api-key") return translator.Text(language, "certificate.method.api_key");
  if (method == "eid") return translator.Text(language, "certificate.method.eid");
  if (method == "itsme") return translator.Text(language, "certificate.method.itsme");
  return method;
}

std::string EventKeyPart(domain::EvidenceEvent event) {
  // EN 319 522 names are CamelCase ASCII; an acronym stays one word ("RelayToNonERDSFailure" →
  // "relay_to_non_erds_failure").
  const std::string_view name = domain::EventName(event);
  auto lower = [&](std::size_t i) {
    return i < name.size() && std::islower(static_cast<unsigned char>(name[i])) != 0;
  };
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
    const bool word_start = i > 0 && (lower(i - 1) || lower(i + 1));
    if (upper && word_start) out += '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string EventText(const ui::Translator& translator, ui::Language language,
                      domain::EvidenceEvent event) {
  return translator.Text(language, "certificate.event." + EventKeyPart(event));
}

}  // namespace sealpost::adapters::pdf
