// Application: the composition root. Builds every adapter from the Config, injects them into the
// use cases, the HTTP routes and the jobs, and owns them all for the lifetime of the process.
// Nothing else in sealpost constructs a concrete adapter.
#pragma once

#include <cstdint>
#include <memory>

#include "common/result.hpp"
#include "main/config.hpp"

namespace sealpost::main {

class Application {
 public:
  static common::Result<std::unique_ptr<Application>> Create(const Config& config);
  ~Application();

  // Starts the HTTP server and the jobs; returns the bound port.
  common::Result<std::uint16_t> Start();
  void Stop();

  struct Parts;  // the wired object graph (application.cpp)

 private:
  explicit Application(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace sealpost::main
