// BlobStore: durable, content-addressed storage of opaque bytes (already-encrypted attachment
// content). The address is the lower-case hex SHA-256 of the stored bytes. Put is atomic (temp file
// + rename) and durable (fsync of file and directory) before it returns. Thread-safe.
#pragma once

#include <string>

#include "common/bytes.hpp"
#include "common/result.hpp"

namespace sealpost::app {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `data` and returns its address. Storing the same bytes twice is fine and returns the
  // same address.
  virtual common::Result<std::string> Put(const common::Bytes& data) = 0;
  // Like Put, but not yet durable: the blob becomes durable with the next SyncStaged(). Lets many
  // submissions share the cost of their fsyncs (group commit) — call SyncStaged() before committing
  // anything that refers to a staged blob.
  virtual common::Result<std::string> Stage(const common::Bytes& data) = 0;
  // Makes every blob staged so far durable.
  virtual common::Result<void> SyncStaged() = 0;
  // kNotFound when there is no such blob; kInternal when the stored bytes no longer match their
  // address.
  virtual common::Result<common::Bytes> Get(const std::string& address) = 0;
  virtual common::Result<void> Remove(const std::string& address) = 0;
};

}  // namespace sealpost::app
