// The demo data of `sealpost serve --demo`: a sending company and a registered recipient company,
// each with an API key printed at start-up and written to DATA/demo-api-keys.txt; and demo
// citizens of the built-in identity provider with parts to play: Émile Dupont-Lefèvre admin and
// An Peeters sender of Demo Sender NV, Jan Janssens admin and recipient handler of Demo Recipient
// BV, Sophie Martin operator. Each demo company starts with EUR 1,000.00 on its prepaid balance (a
// paid "demo" top-up in the ledger); personal accounts start at zero. Idempotent: a restart keeps
// the same accounts and keys.
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
