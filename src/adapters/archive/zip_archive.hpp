// Zip archives with libzip: ZipArchiveWriter packs proof bundles; ReadZipArchive unpacks one for
// `sealpost verify`. Entries are stored deflated with a fixed timestamp, so the same files give the
// same bytes. Thread-safe (no shared state).
#pragma once

#include <string>
#include <vector>

#include "app/ports/archive_writer.hpp"
#include "common/result.hpp"

namespace sealpost::adapters::archive {

class ZipArchiveWriter final : public app::ArchiveWriter {
 public:
  common::Result<std::string> Write(const std::vector<app::ArchiveEntry>& entries) override;
};

// Refuses archives with more than `max_entries` files or `max_bytes` of uncompressed content (a zip
// bomb is bad input like any other).
common::Result<std::vector<app::ArchiveEntry>> ReadZipArchive(const std::string& bytes,
                                                              std::size_t max_entries = 10000,
                                                              std::size_t max_bytes = 512u << 20);

}  // namespace sealpost::adapters::archive
