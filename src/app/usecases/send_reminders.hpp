// SendReminders: the reminders of procedure B (PRODUCT §4.2: days 3, 7 and 13 by default). A
// periodic job queues a reminder e-mail — the same single-use link, the days left — for every
// delivery still awaiting the recipient's decision whose reminder is due, and schedules the next
// one. The state lives in the database (next_reminder_at), so a reminder that fell due while the
// service was down is sent at the next run, once. No evidence: a reminder changes nothing legally.
// Thread-safe; run from one job thread.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/ports/content_cipher.hpp"
#include "app/ports/database.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"

namespace sealpost::app {

class SendReminders {
 public:
  // `reminder_days`: days after submission, ascending.
  SendReminders(Database& database, ContentCipher& cipher, const common::Clock& clock,
                common::Random& random, std::vector<int> reminder_days,
                std::string public_base_url);

  // Queues the due reminders; returns how many.
  common::Result<std::size_t> RunOnce(std::size_t batch = 100);

 private:
  Database& database_;
  ContentCipher& cipher_;
  const common::Clock& clock_;
  common::Random& random_;
  std::vector<int> reminder_days_;
  std::string public_base_url_;
};

}  // namespace sealpost::app
