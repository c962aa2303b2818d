// SpoolMailer: the demo-mode Mailer. Instead of talking to a relay it writes each message — the
// exact bytes the SMTP adapter would send, from the same builder — as an RFC 5322 .eml file into
// a spool directory, and reads them back for the local mail viewer (app::MailSpool).
//
// Files are named "<UTC time, µs>-<message id>.eml" (e.g. "20261127T221000123456Z-4f1c….eml"),
// so name order is time order; the file name without ".eml" is the spool id. Each file is written
// atomically (temp file, fsync, rename, directory fsync): the viewer never sees half a message.
// Only the newest `max_messages` are kept; older ones are deleted after each Send.
//
// Thread-safety: thread-safe. Sends are serialised (so times are strictly increasing and the
// pruning sees a consistent directory); List and Get do not block them and skip a file that is
// pruned while they read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>

#include "adapters/mail/mime_message.hpp"
#include "app/ports/mail_spool.hpp"
#include "app/ports/mailer.hpp"
#include "common/clock.hpp"

namespace sealpost::adapters::mail {

struct SpoolMailerSettings {
  std::filesystem::path directory;  // created (mode 0700) when missing
  std::size_t max_messages = 500;   // at least 1
  MailSender sender;
};

class SpoolMailer final : public app::Mailer, public app::MailSpool {
 public:
  // kInvalidArgument for bad settings; kUnavailable when the directory cannot be created.
  // `clock` must outlive the mailer.
  static common::Result<std::unique_ptr<SpoolMailer>> Create(SpoolMailerSettings settings,
                                                             const common::Clock& clock);

  // kInvalidArgument for a malformed message (nothing is written); kUnavailable when the file
  // cannot be written.
  [[nodiscard]] common::Result<void> Send(const app::MailMessage& message) override;

  [[nodiscard]] common::Result<std::vector<app::SpooledMailSummary>> List(
      std::size_t limit) const override;
  [[nodiscard]] common::Result<app::SpooledMail> Get(std::string_view id) const override;

 private:
  SpoolMailer(SpoolMailerSettings settings, const common::Clock& clock);
  void Prune() const;  // requires send_mutex_

  const SpoolMailerSettings settings_;
  const common::Clock& clock_;
  std::mutex send_mutex_;
  common::TimePoint last_time_{};  // guarded by send_mutex_
};

}  // namespace sealpost::adapters::mail
