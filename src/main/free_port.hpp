// Picks a free TCP port on `address` for `--port 0`: the port must be known before the server
// starts, because the identity providers' redirect URIs and the demo provider's issuer contain it.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.hpp"

namespace sealpost::main {

common::Result<std::uint16_t> PickFreePort(const std::string& address);

}  // namespace sealpost::main
