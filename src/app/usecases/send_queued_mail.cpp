#include "app/usecases/send_queued_mail.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace sealpost::app {
namespace {

using common::ErrorCode;

// Runs `body` in a transaction of its own and commits it.
template <class Body>
common::Result<void> InTransaction(Database& database, Body body) {
  auto uow = database.Begin();
  if (!uow) return common::Fail(uow.error());
  if (auto done = body((*uow)->MailOutbox()); !done) return done;
  return (*uow)->Commit();
}

bool IsPermanent(const common::Error& error) {
  // A bounce, or a message the mailer refuses to build: the same row would fail the same way.
  return error.code == ErrorCode::kFailedPrecondition || error.code == ErrorCode::kInvalidArgument;
}

}  // namespace

SendQueuedMail::SendQueuedMail(Database& database, const MailComposer& composer, Mailer& mailer,
                               const common::Clock& clock, SendQueuedMailSettings settings,
                               PermanentFailureHandler on_permanent_failure, SentHandler on_sent,
                               LogSink log)
    : database_(database),
      composer_(composer),
      mailer_(mailer),
      clock_(clock),
      settings_(std::move(settings)),
      on_permanent_failure_(std::move(on_permanent_failure)),
      on_sent_(std::move(on_sent)),
      log_(std::move(log)) {}

std::optional<common::TimePoint> SendQueuedMail::NextAttempt(common::TimePoint created_at,
                                                             common::TimePoint now,
                                                             int failed_attempts) const {
  const common::TimePoint deadline = created_at + settings_.give_up_after;
  if (now >= deadline) return std::nullopt;
  const auto index = static_cast<std::size_t>(std::max(failed_attempts, 1) - 1);
  const std::chrono::seconds delay =
      index < settings_.backoff.size() ? settings_.backoff[index] : settings_.retry_every;
  // The last attempt lands on the deadline itself rather than being skipped.
  return std::min<common::TimePoint>(now + delay, deadline);
}

common::Result<SendQueuedMailReport> SendQueuedMail::RunOnce() {
  std::vector<OutboxMail> due;
  {
    auto uow = database_.BeginReadOnly();
    if (!uow) return common::Fail(uow.error());
    auto rows = (*uow)->MailOutbox().Due(clock_.Now(), settings_.batch_size);
    if (!rows) return common::Fail(rows.error());
    due = std::move(*rows);
  }  // read only: the UnitOfWork rolls back and returns its connection before any SMTP
  SendQueuedMailReport report;
  for (const OutboxMail& mail : due) {
    switch (Process(mail)) {
      case Outcome::kSent:
        ++report.sent;
        break;
      case Outcome::kRetried:
        ++report.retried;
        break;
      case Outcome::kFailed:
        ++report.failed;
        break;
      case Outcome::kStoreError:
        ++report.store_errors;
        break;
    }
  }
  return report;
}

SendQueuedMail::Outcome SendQueuedMail::Process(const OutboxMail& mail) {
  auto message = composer_.Compose(mail);
  if (!message) return GiveUp(mail, message.error());
  auto sent = mailer_.Send(*message);
  const common::TimePoint now = clock_.Now();
  if (sent) {
    // Before MarkSent, like GiveUp: a crash in between repeats the report rather than losing it.
    if (!mail.delivery_id.empty() && on_sent_) on_sent_(mail);
    auto recorded = InTransaction(
        database_, [&](MailOutboxRepository& outbox) { return outbox.MarkSent(mail.id, now); });
    if (!recorded) {
      Log(mail, "was sent but could not be marked sent; it will be sent again", &recorded.error());
      return Outcome::kStoreError;
    }
    Log(mail, "sent", nullptr);
    return Outcome::kSent;
  }
  const common::Error& error = sent.error();
  if (IsPermanent(error)) return GiveUp(mail, error);
  const std::optional<common::TimePoint> next =
      NextAttempt(mail.created_at, now, mail.attempts + 1);
  if (!next) {
    const auto hours = std::chrono::duration_cast<std::chrono::hours>(settings_.give_up_after);
    return GiveUp(mail, {error.code,
                         "no attempt succeeded within " + std::to_string(hours.count()) +
                             " h; the last one: " + error.message,
                         error.reason});
  }
  auto recorded = InTransaction(database_, [&](MailOutboxRepository& outbox) {
    return outbox.MarkRetry(mail.id, *next, error.ToString());
  });
  if (!recorded) {
    Log(mail, "could not be scheduled for another attempt", &recorded.error());
    return Outcome::kStoreError;
  }
  Log(mail, "will be tried again at " + common::FormatRfc3339(*next), &error);
  return Outcome::kRetried;
}

SendQueuedMail::Outcome SendQueuedMail::GiveUp(const OutboxMail& mail, const common::Error& error) {
  // Before MarkFailed: a crash in between repeats the report rather than losing it.
  if (!mail.delivery_id.empty() && on_permanent_failure_) on_permanent_failure_(mail, error);
  auto recorded = InTransaction(database_, [&](MailOutboxRepository& outbox) {
    return outbox.MarkFailed(mail.id, clock_.Now(), error.ToString());
  });
  if (!recorded) {
    Log(mail, "failed for good but could not be marked failed", &recorded.error());
    return Outcome::kStoreError;
  }
  Log(mail, "failed for good", &error);
  return Outcome::kFailed;
}

void SendQueuedMail::Log(const OutboxMail& mail, std::string_view what,
                         const common::Error* error) const {
  // Ids, template, attempt number and error code only: addresses, links and error texts (which
  // may quote an address) stay in the database.
  std::string line = "mail " + mail.id + " (" + mail.template_name + ", attempt " +
                     std::to_string(mail.attempts + 1) + ") " + std::string(what);
  if (error != nullptr) {
    line += ": ";
    line += common::ErrorCodeName(error->code);
    if (!error->reason.empty()) line += " " + error->reason;
  }
  if (log_) {
    log_(line);
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
}

}  // namespace sealpost::app
