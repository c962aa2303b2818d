// Small files that must never be seen half-written (keys, certificates, secrets, demo data):
// written to a temp file with the final mode from the start, fsynced, renamed over the target,
// directory fsynced. A crash leaves the old file or the whole new one. Thread-safe for distinct
// paths.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace sealpost::adapters::files {

common::Result<void> WriteFileAtomically(const std::filesystem::path& path,
                                         std::string_view content, mode_t mode);
// The whole file; kNotFound when it cannot be opened.
common::Result<std::string> ReadWholeFile(const std::filesystem::path& path);
common::Result<void> FsyncDirectory(const std::filesystem::path& dir);

}  // namespace sealpost::adapters::files
