#include "ui/language_negotiation.hpp"

#include <algorithm>
#include <optional>

namespace sealpost::ui {
namespace {

constexpr std::size_t kMaxEntries = 32;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), as thousandths.
std::optional<int> ParseQValue(std::string_view v) {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  int whole = v[0] - '0';
  int thousandths = 0;
  if (v.size() > 1) {
    if (v[1] != '.' || v.size() > 5) return std::nullopt;
    int scale = 100;
    for (char c : v.substr(2)) {
      if (c < '0' || c > '9') return std::nullopt;
      thousandths += (c - '0') * scale;
      scale /= 10;
    }
  }
  int q = whole * 1000 + thousandths;
  if (q > 1000) return std::nullopt;
  return q;
}

}  // namespace

std::vector<Language> ParseAcceptLanguage(std::string_view header) {
  struct Candidate {
    Language language;
    int q;
    std::size_t order;
  };
  std::vector<Candidate> candidates;
  std::size_t entries = 0;
  while (!header.empty() && entries < kMaxEntries) {
    std::size_t comma = header.find(',');
    std::string_view entry = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    entry = Trim(entry);
    if (entry.empty()) continue;  // "a,,b" is allowed by the list syntax
    ++entries;
    std::size_t semicolon = entry.find(';');
    std::string_view range = Trim(entry.substr(0, semicolon));
    int q = 1000;
    bool malformed = false;
    std::string_view params =
        semicolon == std::string_view::npos ? std::string_view() : entry.substr(semicolon + 1);
    while (!params.empty()) {
      std::size_t next = params.find(';');
      std::string_view param = Trim(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        auto parsed = ParseQValue(param.substr(2));
        if (parsed) {
          q = *parsed;
        } else {
          malformed = true;
        }
      }
    }
    if (malformed || q == 0) continue;
    auto language = LanguageFromTag(range);
    if (!language) continue;
    candidates.push_back({*language, q, candidates.size()});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.q > b.q; });
  std::vector<Language> out;
  for (const Candidate& c : candidates) {
    if (std::find(out.begin(), out.end(), c.language) == out.end()) out.push_back(c.language);
  }
  return out;
}

Language NegotiateLanguage(std::initializer_list<std::string_view> explicit_choices,
                           std::string_view accept_language) {
  for (std::string_view choice : explicit_choices) {
    if (auto language = LanguageFromTag(choice)) return *language;
  }
  auto preferred = ParseAcceptLanguage(accept_language);
  return preferred.empty() ? kDefaultLanguage : preferred.front();
}

}  // namespace sealpost::ui
