#include "domain/api_key.hpp"

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

}  // namespace sealpost::domain
