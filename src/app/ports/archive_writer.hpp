// ArchiveWriter: packs named files into one downloadable archive (a zip for proof bundles).
// Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"

namespace sealpost::app {

struct ArchiveEntry {
  std::string name;  // relative path inside the archive, '/'-separated
  std::string data;
};

class ArchiveWriter {
 public:
  virtual ~ArchiveWriter() = default;
  virtual common::Result<std::string> Write(const std::vector<ArchiveEntry>& entries) = 0;
};

}  // namespace sealpost::app
