#include "adapters/mail/smtp_mailer.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string_view>

namespace sealpost::adapters::mail {
namespace {

using common::ErrorCode;
using common::Fail;

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct CurlString {
  char* text = nullptr;
  ~CurlString() { curl_free(text); }
};

// The message handed to libcurl piece by piece for DATA.
struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

common::Result<void> InitCurlOnce() {
  // curl_global_init is not thread-safe on every build: once per process, before any handle.
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(once, [] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK) {
    return Fail(ErrorCode::kInternal,
                std::string("curl_global_init failed: ") + curl_easy_strerror(init));
  }
  return common::Ok();
}

bool IsLoopback(std::string_view host) {
  return host == "localhost" || host.starts_with("127.") || host == "::1" || host == "[::1]";
}

common::Result<void> ValidateTransport(const SmtpMailerSettings& settings) {
  std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
  if (!url) return Fail(ErrorCode::kInternal, "out of memory");
  if (curl_url_set(url.get(), CURLUPART_URL, settings.url.c_str(), 0) != CURLUE_OK) {
    return Fail(ErrorCode::kInvalidArgument, "SMTP URL is not a URL: " + settings.url);
  }
  CurlString scheme, host, user;
  curl_url_get(url.get(), CURLUPART_SCHEME, &scheme.text, 0);
  const std::string_view scheme_text = scheme.text ? scheme.text : "";
  if (scheme_text != "smtp" && scheme_text != "smtps") {
    return Fail(ErrorCode::kInvalidArgument, "SMTP URL must start with smtp:// or smtps://");
  }
  // The URL may end up in logs and error reports: credentials belong in username/password.
  if (curl_url_get(url.get(), CURLUPART_USER, &user.text, 0) == CURLUE_OK) {
    return Fail(ErrorCode::kInvalidArgument,
                "SMTP URL must not contain credentials; set the username and password instead");
  }
  if (curl_url_get(url.get(), CURLUPART_HOST, &host.text, 0) != CURLUE_OK || !host.text ||
      !*host.text) {
    return Fail(ErrorCode::kInvalidArgument, "SMTP URL has no host");
  }
  const bool encrypted = scheme_text == "smtps" || settings.require_starttls;
  if (!settings.username.empty() && !encrypted && !IsLoopback(host.text)) {
    return Fail(ErrorCode::kInvalidArgument,
                std::string("refusing to send SMTP credentials in clear text to ") + host.text +
                    ": require STARTTLS or use smtps://");
  }
  if (!settings.password.empty() && settings.username.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "SMTP password set without a username");
  }
  if (settings.connect_timeout.count() <= 0 || settings.timeout.count() <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "SMTP timeouts must be positive");
  }
  return common::Ok();
}

// Turns a failed transfer into the port's retry-or-bounce distinction. The reply code is the
// relay's last answer (0 when it never answered).
common::Error Failure(CURLcode rc, long code, const char* detail) {
  std::string what = detail != nullptr && *detail ? detail : curl_easy_strerror(rc);
  std::string reason = code > 0 ? "smtp:" + std::to_string(code) : std::string();
  // RFC 4954: 530 authentication required, 535 credentials invalid, 538 encryption required.
  // Our configuration is wrong, not the message: retrying after the fix must succeed.
  if (rc == CURLE_LOGIN_DENIED || code == 530 || code == 535 || code == 538) {
    return {ErrorCode::kUnavailable, "SMTP relay refused our authentication: " + what, reason};
  }
  if (code >= 500 && code <= 599) {
    return {ErrorCode::kFailedPrecondition,
            "SMTP relay refused the recipient or the message: " + what, reason};
  }
  if (code >= 400 && code <= 499) {
    return {ErrorCode::kUnavailable, "SMTP relay deferred the message: " + what, reason};
  }
  return {ErrorCode::kUnavailable, "SMTP relay unreachable: " + what, reason};
}

}  // namespace

common::Result<std::unique_ptr<SmtpMailer>> SmtpMailer::Create(SmtpMailerSettings settings,
                                                               const common::Clock& clock) {
  if (auto ok = ValidateSender(settings.sender); !ok) return Fail(ok.error());
  if (auto ok = ValidateTransport(settings); !ok) return Fail(ok.error());
  if (auto ok = InitCurlOnce(); !ok) return Fail(ok.error());
  return std::unique_ptr<SmtpMailer>(new SmtpMailer(std::move(settings), clock));
}

SmtpMailer::SmtpMailer(SmtpMailerSettings settings, const common::Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {}

common::Result<void> SmtpMailer::Send(const app::MailMessage& message) {
  // Everything is checked while building: a malformed message never opens a connection.
  auto raw = BuildMimeMessage(message, settings_.sender, clock_.Now());
  if (!raw) return Fail(raw.error());

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Fail(ErrorCode::kInternal, "curl_easy_init failed");
  std::unique_ptr<curl_slist, SlistDeleter> recipients(
      curl_slist_append(nullptr, ("<" + message.to + ">").c_str()));
  if (!recipients) return Fail(ErrorCode::kInternal, "out of memory");
  const std::string mail_from = "<" + settings_.sender.from_address + ">";
  Upload upload{*raw};
  char error_buffer[CURL_ERROR_SIZE] = {0};

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(settings_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  if (settings_.require_starttls)
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(raw->size()));

  const CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) return common::Ok();
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  return Fail(Failure(rc, code, error_buffer));
}

}  // namespace sealpost::adapters::mail
