// ExpireDeliveries: closes the deliveries whose deadline has passed with their negative evidence —
// ContentHandoverFailure when a recipient never opened the item in the handover period,
// AcceptanceRejectionExpiry when a recipient who is not registered neither accepted nor refused in
// time — and tells the sender by e-mail in the same transaction.
// Run periodically by the scheduler; safe to run concurrently with everything else (optimistic
// updates).
#pragma once

#include <cstddef>
#include <string>

#include "app/evidence_log.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::app {

class ExpireDeliveries {
 public:
  ExpireDeliveries(Database& database, EvidenceLog& log, const common::Clock& clock,
                   common::Random& random, std::string public_base_url = "");
  // Returns how many deliveries were closed in this pass (at most `batch`).
  common::Result<std::size_t> RunOnce(std::size_t batch = 100);

 private:
  Database& database_;
  EvidenceLog& log_;
  const common::Clock& clock_;
  common::Random& random_;
  std::string public_base_url_;  // for the link in the sender's e-mail
};

}  // namespace sealpost::app
