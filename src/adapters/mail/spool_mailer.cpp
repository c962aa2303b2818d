#include "adapters/mail/spool_mailer.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <system_error>

#include "adapters/files/atomic_file.hpp"
#include "adapters/mail/mime_parser.hpp"

namespace sealpost::adapters::mail {
namespace {

namespace fs = std::filesystem;
using common::ErrorCode;
using common::Fail;

constexpr std::string_view kExtension = ".eml";
constexpr std::size_t kStampLength = 22;   // "20261127T221000123456Z"
constexpr std::size_t kMaxIdLength = 200;  // stamp + '-' + message id (at most 128)
constexpr std::size_t kMaxHeaderBlock = 64 * 1024;

bool IsIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::string FormatStamp(common::TimePoint time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{time - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02d%02d%02d%06lldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<long long>(hms.subseconds().count()));
  return buffer;
}

std::optional<common::TimePoint> ParseStamp(std::string_view stamp) {
  if (stamp.size() != kStampLength || stamp[8] != 'T' || stamp[21] != 'Z') return std::nullopt;
  const auto number = [&](std::size_t pos, std::size_t len) -> std::optional<long long> {
    long long value = 0;
    for (char c : stamp.substr(pos, len)) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  const auto year = number(0, 4), month = number(4, 2), day = number(6, 2), hour = number(9, 2),
             minute = number(11, 2), second = number(13, 2), micros = number(15, 6);
  if (!year || !month || !day || !hour || !minute || !second || !micros) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(*year)),
                                        std::chrono::month(static_cast<unsigned>(*month)),
                                        std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  return common::TimePoint(std::chrono::sys_days(ymd)) + std::chrono::hours(*hour) +
         std::chrono::minutes(*minute) + std::chrono::seconds(*second) +
         std::chrono::microseconds(*micros);
}

// A spool id is "<stamp>-<rest>" over [A-Za-z0-9_-]: no '.', '/' or '%' can reach the file
// system, whatever the caller passes.
bool IsSpoolId(std::string_view id) {
  return id.size() > kStampLength + 1 && id.size() <= kMaxIdLength && id[kStampLength] == '-' &&
         std::all_of(id.begin(), id.end(), IsIdChar) && ParseStamp(id.substr(0, kStampLength));
}

std::string SpoolId(common::TimePoint time, std::string_view message_id) {
  std::string id = FormatStamp(time) + "-";
  for (char c : message_id) id.push_back(IsIdChar(c) ? c : '_');
  return id;
}

// Spool ids of the messages in the directory, oldest first (temp files and strangers skipped).
std::vector<std::string> SpoolIds(const fs::path& directory) {
  std::vector<std::string> ids;
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.ends_with(kExtension)) continue;
    std::string id = name.substr(0, name.size() - kExtension.size());
    if (IsSpoolId(id)) ids.push_back(std::move(id));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

fs::path PathOf(const fs::path& directory, std::string_view id) {
  return directory / (std::string(id) + std::string(kExtension));
}

// The header block of a file (up to the first empty line), without reading attachments.
std::optional<std::string> ReadHeaderBlock(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string block;
  std::string line;
  while (block.size() < kMaxHeaderBlock && std::getline(in, line)) {
    if (line.empty() || line == "\r") break;
    block += line + "\n";
  }
  return block;
}

std::string HeaderOr(const std::vector<std::pair<std::string, std::string>>& headers,
                     std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return {};
}

app::SpooledMailSummary Summary(std::string id,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
  app::SpooledMailSummary summary;
  summary.time = *ParseStamp(std::string_view(id).substr(0, kStampLength));
  summary.id = std::move(id);
  summary.to = HeaderOr(headers, "To");
  summary.subject = HeaderOr(headers, "Subject");
  summary.message_id = HeaderOr(headers, "Message-ID");
  return summary;
}

}  // namespace

common::Result<std::unique_ptr<SpoolMailer>> SpoolMailer::Create(SpoolMailerSettings settings,
                                                                 const common::Clock& clock) {
  if (auto ok = ValidateSender(settings.sender); !ok) return Fail(ok.error());
  if (settings.directory.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "mail spool directory is not set");
  }
  if (settings.max_messages == 0) {
    return Fail(ErrorCode::kInvalidArgument, "mail spool must keep at least one message");
  }
  std::error_code error;
  if (fs::create_directories(settings.directory, error)) {
    fs::permissions(settings.directory, fs::perms::owner_all, error);
  }
  if (error || !fs::is_directory(settings.directory, error)) {
    return Fail(ErrorCode::kUnavailable, "cannot create the mail spool directory " +
                                             settings.directory.string() + ": " + error.message());
  }
  return std::unique_ptr<SpoolMailer>(new SpoolMailer(std::move(settings), clock));
}

SpoolMailer::SpoolMailer(SpoolMailerSettings settings, const common::Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {}

common::Result<void> SpoolMailer::Send(const app::MailMessage& message) {
  std::lock_guard lock(send_mutex_);
  // Strictly increasing times keep the list order total and two sends of the same message
  // apart, even when the clock stands still (tests) or steps back.
  common::TimePoint time = clock_.Now();
  if (time <= last_time_) time = last_time_ + std::chrono::microseconds(1);
  auto raw = BuildMimeMessage(message, settings_.sender, time);
  if (!raw) return Fail(raw.error());
  const std::string id = SpoolId(time, message.id);
  if (auto written = files::WriteFileAtomically(PathOf(settings_.directory, id), *raw, 0600);
      !written) {
    return Fail(ErrorCode::kUnavailable, "mail spool: " + written.error().message);
  }
  last_time_ = time;
  Prune();
  return common::Ok();
}

void SpoolMailer::Prune() const {
  const std::vector<std::string> ids = SpoolIds(settings_.directory);
  if (ids.size() <= settings_.max_messages) return;
  const std::size_t excess = ids.size() - settings_.max_messages;
  for (std::size_t i = 0; i < excess; ++i) {
    std::error_code ignored;  // best effort: the next Send tries again
    fs::remove(PathOf(settings_.directory, ids[i]), ignored);
  }
}

common::Result<std::vector<app::SpooledMailSummary>> SpoolMailer::List(std::size_t limit) const {
  std::vector<std::string> ids = SpoolIds(settings_.directory);
  std::reverse(ids.begin(), ids.end());
  std::vector<app::SpooledMailSummary> out;
  for (std::string& id : ids) {
    if (out.size() >= limit) break;
    auto block = ReadHeaderBlock(PathOf(settings_.directory, id));
    if (!block) continue;  // pruned since the directory was read
    out.push_back(Summary(std::move(id), ParseMimeHeaders(*block)));
  }
  return out;
}

common::Result<app::SpooledMail> SpoolMailer::Get(std::string_view id) const {
  if (!IsSpoolId(id)) return Fail(ErrorCode::kInvalidArgument, "not a mail spool id");
  auto raw = files::ReadWholeFile(PathOf(settings_.directory, id));
  if (!raw) {
    if (raw.error().code == ErrorCode::kNotFound) {
      return Fail(ErrorCode::kNotFound, "no such message in the mail spool");
    }
    return Fail(raw.error());
  }
  ParsedMail parsed = ParseMimeMessage(*raw);
  app::SpooledMail mail;
  mail.summary = Summary(std::string(id), parsed.headers);
  mail.headers = std::move(parsed.headers);
  mail.raw = std::move(*raw);
  mail.text_body = std::move(parsed.text_body);
  mail.html_body = std::move(parsed.html_body);
  for (auto& attachment : parsed.attachments) {
    mail.attachments.push_back(
        {std::move(attachment.file_name), std::move(attachment.content_type), attachment.size});
  }
  return mail;
}

}  // namespace sealpost::adapters::mail
