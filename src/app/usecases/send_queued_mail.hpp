// SendQueuedMail: the job that empties the mail outbox. RunOnce takes the rows that are due (one
// batch, oldest first), composes each (MailComposer), hands it to the Mailer, and records the
// outcome, each in its own short transaction — no transaction is held open across SMTP:
//   sent                                        → MarkSent
//   kUnavailable or any other transient error   → MarkRetry with back-off: 1 min, 5 min, 30 min,
//                                                 2 h, then every 6 h, the last attempt exactly
//                                                 `give_up_after` (3 days) after the row was
//                                                 written; a failure at or after that → MarkFailed
//   kFailedPrecondition (bounce), kInvalidArgument (a malformed message) from the mailer, or any
//   compose error                               → MarkFailed at once: retrying cannot help
//
// Delivery is AT-LEAST-ONCE: a crash (or a failed MarkSent) after the relay took a message and
// before MarkSent committed leaves the row due, so that message is sent once more on the next run
// (the Message-ID, taken from the row id, stays the same, so the duplicate is recognisable). A mail
// is never lost and never sent again once MarkSent committed.
//
// Rows with a delivery_id are reported, so that the evidence follows the mail system's answer:
//   on_sent               the relay took the mail (NotificationForAcceptance,
//                         ConsignmentNotification);
//   on_permanent_failure  it bounced, could not be composed, or could not be sent for 3 days
//                         (NotificationForAcceptanceFailure, and the sender is told).
// Each is called BEFORE the row is marked, so a crash in between calls it again on the next run
// (after sending once more, or after another failed attempt): handlers must be idempotent (a
// delivery that already moved on ignores a repeated report) and log their own errors — the row's
// outcome does not depend on them, so a broken handler can never make the job resend in a loop.
//
// Logging names row ids, template names and error codes only — never an address, a link or the
// arguments, which may hold single-use tokens; the full error text goes to the row's last_error.
//
// Thread-safety: the object may be shared, but RunOnce must not run concurrently with itself (the
// scheduler never overlaps a job; run one sender per database), or a due row could be sent twice.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "app/ports/database.hpp"
#include "app/ports/mail_composer.hpp"
#include "app/ports/mail_outbox_repository.hpp"
#include "app/ports/mailer.hpp"
#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct SendQueuedMailSettings {
  std::size_t batch_size = 50;
  // Wait after the 1st, 2nd, … failed attempt; after the last one, `retry_every`.
  std::vector<std::chrono::seconds> backoff = {std::chrono::minutes(1), std::chrono::minutes(5),
                                               std::chrono::minutes(30), std::chrono::hours(2)};
  std::chrono::seconds retry_every = std::chrono::hours(6);
  // Counted from the row's created_at. A relay that is down for longer is an outage to fix; a
  // notification that old is reported as failed so the sender can switch to paper.
  std::chrono::seconds give_up_after = std::chrono::hours(72);
};

// What one RunOnce did, for logs and metrics.
struct SendQueuedMailReport {
  std::size_t sent = 0;
  std::size_t retried = 0;       // transient failure, another attempt is scheduled
  std::size_t failed = 0;        // given up: bounced, unsendable, or too old
  std::size_t store_errors = 0;  // the outcome could not be recorded (the row stays due)
};

class SendQueuedMail {
 public:
  using SentHandler = std::function<void(const OutboxMail& mail)>;
  using PermanentFailureHandler =
      std::function<void(const OutboxMail& mail, const common::Error& error)>;
  // One line per event, without a trailing newline. Empty: lines go to stderr.
  using LogSink = std::function<void(std::string_view line)>;

  // All references must outlive the job. The handlers may be empty.
  SendQueuedMail(Database& database, const MailComposer& composer, Mailer& mailer,
                 const common::Clock& clock, SendQueuedMailSettings settings,
                 PermanentFailureHandler on_permanent_failure, SentHandler on_sent = {},
                 LogSink log = {});

  // One batch. Fails only when the due rows cannot be read; a row whose outcome cannot be
  // recorded is counted in store_errors and logged, and stays due.
  common::Result<SendQueuedMailReport> RunOnce();

  // When to try again after `failed_attempts` failures (>= 1) at `now`, for a row written at
  // `created_at`; nullopt when it is time to give up.
  std::optional<common::TimePoint> NextAttempt(common::TimePoint created_at, common::TimePoint now,
                                               int failed_attempts) const;

 private:
  enum class Outcome { kSent, kRetried, kFailed, kStoreError };
  Outcome Process(const OutboxMail& mail);
  Outcome GiveUp(const OutboxMail& mail, const common::Error& error);
  void Log(const OutboxMail& mail, std::string_view what, const common::Error* error) const;

  Database& database_;
  const MailComposer& composer_;
  Mailer& mailer_;
  const common::Clock& clock_;
  const SendQueuedMailSettings settings_;
  const PermanentFailureHandler on_permanent_failure_;
  const SentHandler on_sent_;
  const LogSink log_;
};

}  // namespace sealpost::app
