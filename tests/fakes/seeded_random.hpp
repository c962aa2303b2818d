// SeededRandom: a deterministic common::Random for tests (SplitMix64 stream from a seed), so that
// ids, keys and nonces repeat from run to run; print the seed on failure to replay a run.
// Thread-safe. Never use outside tests: the output is predictable by design.
#pragma once

#include <cstdint>
#include <mutex>

#include "common/random.hpp"

namespace sealpost::testing {

class SeededRandom final : public common::Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : seed_(seed), state_(seed) {}
  common::Bytes Generate(std::size_t count) override;
  std::uint64_t seed() const { return seed_; }

 private:
  const std::uint64_t seed_;
  std::mutex mutex_;
  std::uint64_t state_;  // guarded by mutex_
};

}  // namespace sealpost::testing
