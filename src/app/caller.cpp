#include "app/caller.hpp"

namespace sealpost::app {

std::string Caller::ActorDescription() const {
  if (ViaApiKey()) return "api-key:" + credential_id;
  return "session:" + authentication_method;
}

}  // namespace sealpost::app
