// EvidenceSealer: turns an evidence model into the sealed EN 319 522-3 XML document (XAdES baseline
// B-T, enveloped, sealed with the provider's key and time-stamped). The bytes returned are final:
// they are stored and served exactly as returned. Thread-safe (called from several workers at
// once).
#pragma once

#include <string>

#include "common/result.hpp"
#include "domain/evidence.hpp"

namespace sealpost::app {

class EvidenceSealer {
 public:
  virtual ~EvidenceSealer() = default;
  virtual common::Result<std::string> Seal(const domain::Evidence& evidence) = 0;
};

}  // namespace sealpost::app
