#include "fakes/seeded_random.hpp"

namespace sealpost::testing {

common::Bytes SeededRandom::Generate(std::size_t count) {
  std::lock_guard lock(mutex_);
  common::Bytes out;
  out.reserve(count);
  while (out.size() < count) {
    // SplitMix64 (Steele, Lea, Flood 2014).
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (int i = 0; i < 8 && out.size() < count; ++i)
      out.push_back(static_cast<std::uint8_t>(z >> (8 * i)));
  }
  return out;
}

}  // namespace sealpost::testing
