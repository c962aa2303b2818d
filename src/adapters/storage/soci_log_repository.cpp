#include "adapters/storage/soci_log_repository.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "adapters/storage/soci_error.hpp"
#include "adapters/storage/soci_savepoint.hpp"
#include "adapters/storage/sql_values.hpp"

namespace sealpost::adapters::storage {

namespace {

// Gap-free, so MAX(idx) + 1 is the size; it reads one index entry where COUNT(*) would scan.
long long QuerySize(soci::session& session) {
  long long size = 0;
  soci::indicator ind = soci::i_ok;
  session << "SELECT MAX(idx) + 1 FROM log_leaves", soci::into(size, ind);
  return ind == soci::i_null ? 0 : size;
}

}  // namespace

common::Result<std::int64_t> SociLogRepository::Size() {
  return Guarded("log size", [&]() -> common::Result<std::int64_t> { return QuerySize(session_); });
}

common::Result<void> SociLogRepository::Append(std::int64_t index,
                                               const common::Sha256Digest& leaf_hash,
                                               const std::string& evidence_id) {
  return WithSavepoint(session_, "append log leaf", [&]() -> common::Result<void> {
    const long long size = QuerySize(session_);
    if (index != size) {
      return common::Fail(common::ErrorCode::kConflict,
                          "log append at index " + std::to_string(index) + " but the log has " +
                              std::to_string(size) + " leaves");
    }
    const long long idx = index;
    const std::string hash_hex = common::HexEncode(leaf_hash);
    session_ << "INSERT INTO log_leaves (idx, leaf_hash, evidence_id) VALUES (:idx, :leaf_hash, "
                ":evidence_id)",
        soci::use(idx, "idx"), soci::use(hash_hex, "leaf_hash"),
        soci::use(evidence_id, "evidence_id");
    return common::Ok();
  });
}

common::Result<std::vector<common::Sha256Digest>> SociLogRepository::LeafHashes(std::int64_t begin,
                                                                                std::int64_t end) {
  return Guarded("log leaf hashes", [&]() -> common::Result<std::vector<common::Sha256Digest>> {
    const long long size = QuerySize(session_);
    if (begin < 0 || begin > end || end > size) {
      return common::Fail(common::ErrorCode::kInvalidArgument,
                          "leaf range [" + std::to_string(begin) + ", " + std::to_string(end) +
                              ") outside the log of " + std::to_string(size));
    }
    std::vector<common::Sha256Digest> hashes;
    if (begin == end) return hashes;
    hashes.reserve(static_cast<std::size_t>(end - begin));
    const long long first = begin, last = end;
    long long idx = 0;
    std::string hash_hex;
    soci::statement st =
        (session_.prepare << "SELECT idx, leaf_hash FROM log_leaves WHERE idx >= :first AND "
                             "idx < :last ORDER BY idx",
         soci::into(idx), soci::into(hash_hex), soci::use(first, "first"), soci::use(last, "last"));
    if (st.execute(true)) {
      do {
        const auto bytes = common::HexDecode(hash_hex);
        if (idx != first + static_cast<long long>(hashes.size()) || !bytes || bytes->size() != 32) {
          return common::Fail(common::ErrorCode::kInternal,
                              "log leaf " + std::to_string(idx) + " is corrupt");
        }
        common::Sha256Digest digest;
        std::copy(bytes->begin(), bytes->end(), digest.begin());
        hashes.push_back(digest);
      } while (st.fetch());
    }
    if (static_cast<long long>(hashes.size()) != last - first) {
      return common::Fail(common::ErrorCode::kInternal,
                          "log has a gap below " + std::to_string(last));
    }
    return hashes;
  });
}

common::Result<void> SociLogRepository::InsertCheckpoint(const app::StoredCheckpoint& checkpoint) {
  return WithSavepoint(session_, "insert checkpoint", [&]() -> common::Result<void> {
    const long long size = checkpoint.size;
    const long long created_at = ToMicros(checkpoint.created_at);
    const std::string token = common::Base64Encode(checkpoint.timestamp_token);
    session_ << "INSERT INTO checkpoints (size, root_hex, signed_note, timestamp_token, "
                "created_at) VALUES "
                "(:size, :root_hex, :signed_note, :timestamp_token, :created_at)",
        soci::use(size, "size"), soci::use(checkpoint.root_hex, "root_hex"),
        soci::use(checkpoint.signed_note, "signed_note"), soci::use(token, "timestamp_token"),
        soci::use(created_at, "created_at");
    return common::Ok();
  });
}

common::Result<std::optional<app::StoredCheckpoint>> SociLogRepository::LatestCheckpoint() {
  return Guarded(
      "latest checkpoint", [&]() -> common::Result<std::optional<app::StoredCheckpoint>> {
        app::StoredCheckpoint checkpoint;
        long long size = 0, created_at = 0;
        std::string token;
        session_
            << "SELECT size, root_hex, signed_note, timestamp_token, created_at FROM checkpoints "
               "ORDER BY size DESC LIMIT 1",
            soci::into(size), soci::into(checkpoint.root_hex), soci::into(checkpoint.signed_note),
            soci::into(token), soci::into(created_at);
        if (!session_.got_data()) return std::optional<app::StoredCheckpoint>();
        auto bytes = common::Base64Decode(token);
        if (!bytes)
          return common::Fail(common::ErrorCode::kInternal,
                              "checkpoint timestamp token is not base64");
        checkpoint.size = size;
        checkpoint.timestamp_token = std::move(*bytes);
        checkpoint.created_at = FromMicros(created_at);
        return std::optional(std::move(checkpoint));
      });
}

}  // namespace sealpost::adapters::storage
