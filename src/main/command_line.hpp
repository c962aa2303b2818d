// The options every sealpost command that opens the service's data shares (serve, admin):
// --demo, --config FILE, --data DIR, --port N, --database URL. Pure parsing; thread-compatible.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "main/config.hpp"

namespace sealpost::main {

struct ServiceOptions {
  CommandLineOverrides overrides;
  std::optional<std::filesystem::path> config_file;
  std::vector<std::string> rest;  // arguments that are not service options, in order
};

// kInvalidArgument (with a message for the user) for an option without its value or a bad port.
common::Result<ServiceOptions> ParseServiceOptions(const std::vector<std::string>& args);

}  // namespace sealpost::main
