#include "domain/api_key.hpp"

#include <iterator>

namespace sealpost::domain {

bool ApiKey::HasScope(std::string_view scope) const {
  std::string_view rest = scopes;
  while (!rest.empty()) {
    auto space = rest.find(' ');
    if (rest.substr(0, space) == scope) return true;
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return false;
}

std::optional<std::string> CanonicalApiKeyScopes(std::string_view requested) {
  bool wanted[std::size(kApiKeyScopes)] = {};
  std::string_view rest = requested;
  bool any = false;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    rest.remove_prefix(space == std::string_view::npos ? rest.size() : space + 1);
    if (word.empty()) continue;  // tolerate repeated spaces
    bool known = false;
    for (std::size_t i = 0; i < std::size(kApiKeyScopes); ++i) {
      if (word == kApiKeyScopes[i]) {
        wanted[i] = known = any = true;
      }
    }
    if (!known) return std::nullopt;
  }
  if (!any) return std::nullopt;
  std::string canonical;
  for (std::size_t i = 0; i < std::size(kApiKeyScopes); ++i) {
    if (!wanted[i]) continue;
    if (!canonical.empty()) canonical += ' ';
    canonical += kApiKeyScopes[i];
  }
  return canonical;
}

}  // namespace sealpost::domain
