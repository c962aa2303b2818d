// The demo data of `sealpost serve --demo`: a sending company and a registered recipient company,
// each with an API key printed at start-up and written to DATA/demo-api-keys.txt. Idempotent: a
// restart keeps the same accounts and keys.
#pragma once

#include <filesystem>
#include <string>

#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::main {

struct DemoKeys {
  std::string sender;
  std::string recipient;
};

common::Result<DemoKeys> SeedDemoData(app::Database& database,
                                      const std::filesystem::path& data_dir,
                                      const common::Clock& clock, common::Random& random);

}  // namespace sealpost::main
