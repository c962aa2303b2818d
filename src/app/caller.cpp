#include "app/caller.hpp"

#include "domain/api_key.hpp"

namespace sealpost::app {

bool Caller::HasScope(std::string_view scope) const {
  domain::ApiKey probe;
  probe.scopes = credential_scopes;
  return probe.HasScope(scope);
}

}  // namespace sealpost::app
