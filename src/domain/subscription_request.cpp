#include "domain/subscription_request.hpp"

#include <array>
#include <utility>

#include "domain/belgian_identifiers.hpp"

namespace sealpost::domain {

namespace {

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> FromName(const std::array<std::pair<E, std::string_view>, N>& names,
                          std::string_view name) {
  for (const auto& [v, n] : names) {
    if (n == name) return v;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<SubscriptionPath, std::string_view>, 2> kPathNames{{
    {SubscriptionPath::kElectronic, "electronic"},
    {SubscriptionPath::kPaper, "paper"},
}};

constexpr std::array<std::pair<SubscriptionState, std::string_view>, 5> kStateNames{{
    {SubscriptionState::kDraft, "draft"},
    {SubscriptionState::kAwaitingPaper, "awaiting_paper"},
    {SubscriptionState::kSubmitted, "submitted"},
    {SubscriptionState::kApproved, "approved"},
    {SubscriptionState::kRefused, "refused"},
}};

constexpr std::array<std::pair<SubscriptionDocumentKind, std::string_view>, 5> kKindNames{{
    {SubscriptionDocumentKind::kSignedForm, "signed_form"},
    {SubscriptionDocumentKind::kKboExtract, "kbo_extract"},
    {SubscriptionDocumentKind::kGazette, "gazette"},
    {SubscriptionDocumentKind::kPowerOfAttorney, "power_of_attorney"},
    {SubscriptionDocumentKind::kPaperScan, "paper_scan"},
}};

constexpr std::array<std::pair<SignatureVerdict, std::string_view>, 6> kVerdictNames{{
    {SignatureVerdict::kNotChecked, "not_checked"},
    {SignatureVerdict::kValid, "valid"},
    {SignatureVerdict::kUnsigned, "unsigned"},
    {SignatureVerdict::kModifiedAfterSigning, "modified_after_signing"},
    {SignatureVerdict::kUntrustedChain, "untrusted_chain"},
    {SignatureVerdict::kMalformed, "malformed"},
}};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view SubscriptionPathName(SubscriptionPath path) { return NameOf(kPathNames, path); }
std::optional<SubscriptionPath> SubscriptionPathFromName(std::string_view name) {
  return FromName(kPathNames, name);
}

std::string_view SubscriptionStateName(SubscriptionState state) {
  return NameOf(kStateNames, state);
}
std::optional<SubscriptionState> SubscriptionStateFromName(std::string_view name) {
  return FromName(kStateNames, name);
}

std::string_view SubscriptionDocumentKindName(SubscriptionDocumentKind kind) {
  return NameOf(kKindNames, kind);
}
std::optional<SubscriptionDocumentKind> SubscriptionDocumentKindFromName(std::string_view name) {
  return FromName(kKindNames, name);
}

std::string_view SignatureVerdictName(SignatureVerdict verdict) {
  return NameOf(kVerdictNames, verdict);
}
std::optional<SignatureVerdict> SignatureVerdictFromName(std::string_view name) {
  return FromName(kVerdictNames, name);
}

common::Result<LegalRepresentative> LegalRepresentative::Make(std::string_view name,
                                                              std::string_view national_number) {
  std::string_view trimmed = Trim(name);
  if (trimmed.empty()) {
    return common::Fail(common::ErrorCode::kInvalidArgument, "a legal representative needs a name",
                        "representative_name_missing");
  }
  LegalRepresentative rep{std::string(trimmed), std::nullopt};
  if (!Trim(national_number).empty()) {
    auto parsed = NationalNumber::Parse(Trim(national_number));
    if (!parsed) return std::unexpected(parsed.error());
    rep.national_number = parsed->digits;
  }
  return rep;
}

bool SubscriptionRequest::HasDocument(SubscriptionDocumentKind kind) const {
  for (const SubscriptionDocument& d : documents) {
    if (d.kind == kind) return true;
  }
  return false;
}

}  // namespace sealpost::domain
