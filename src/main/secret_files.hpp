// The small secret files of a deployment (master key, log key): hex text, written atomically with
// mode 0600 (adapters/files). Their content is never logged.
#pragma once

#include <filesystem>

#include "common/bytes.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::main {

// Reads `bytes` random bytes stored as hex; with `create`, makes the file first when it is missing.
common::Result<common::Bytes> LoadHexSecret(const std::filesystem::path& path, std::size_t bytes,
                                            bool create, common::Random& random);

}  // namespace sealpost::main
