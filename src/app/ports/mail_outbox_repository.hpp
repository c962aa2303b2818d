// The mail outbox: e-mails are recorded in the transaction of the change that causes them (an
// invitation, a notification) and sent afterwards by a job, so a crash between the two neither
// loses a mail nor sends one for a change that was rolled back. A row names a template and its
// arguments; the text is rendered at send time in the recipient's language. Used only inside a
// UnitOfWork.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct OutboxMail {
  std::string id;             // UUID; also the Message-ID's local part
  std::string template_name;  // e.g. "invitation"
  std::string to;
  std::string to_name;
  std::string locale;       // "nl", "fr", "en", "de"
  std::string args_json;    // template arguments (a JSON object)
  std::string delivery_id;  // the delivery it notifies about, if any (for failure evidence)
  common::TimePoint created_at;
  common::TimePoint next_attempt_at;
  int attempts = 0;
  std::optional<common::TimePoint> sent_at;
  std::optional<common::TimePoint> failed_at;  // given up: bounced or too many attempts
  std::string last_error;
};

class MailOutboxRepository {
 public:
  virtual ~MailOutboxRepository() = default;
  virtual common::Result<void> Insert(const OutboxMail& mail) = 0;
  // Unsent, not given up, next_attempt_at <= now; oldest first.
  virtual common::Result<std::vector<OutboxMail>> Due(common::TimePoint now, std::size_t limit) = 0;
  virtual common::Result<std::optional<OutboxMail>> FindById(const std::string& id) = 0;
  virtual common::Result<void> MarkSent(const std::string& id, common::TimePoint at) = 0;
  virtual common::Result<void> MarkRetry(const std::string& id, common::TimePoint next_attempt_at,
                                         const std::string& error) = 0;
  virtual common::Result<void> MarkFailed(const std::string& id, common::TimePoint at,
                                          const std::string& error) = 0;
};

}  // namespace sealpost::app
