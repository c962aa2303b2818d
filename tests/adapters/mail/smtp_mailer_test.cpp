// SmtpMailer against a real SMTP server (npm smtp-server) whose messages are parsed by an
// independent MIME parser (npm mailparser): what a recipient's mail client would see.
#include "adapters/mail/smtp_mailer.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "adapters/mail/capture_smtp_server.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/shell_command.hpp"

namespace sealpost::adapters::mail {
namespace {

using namespace std::chrono_literals;
using common::ErrorCode;
using nlohmann::json;

constexpr char kFromAddress[] = "notifications@sealpost.test";
constexpr char kFromName[] = "Sealpost — Société Générale Müller";
constexpr char kDomain[] = "mail.sealpost.test";
// Fri, 27 Nov 2026 22:10:00 UTC
const common::TimePoint kNow =
    common::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 27)) + 22h + 10min;

app::MailMessage BasicMessage(std::string subject) {
  app::MailMessage message;
  message.to = "jan.peeters@example.be";
  message.to_name = "Jan Peeters";
  message.subject = std::move(subject);
  message.text_body = "Beste Jan,\n\nU hebt een aangetekende zending ontvangen.\n";
  message.language = "nl";
  message.id = "4f1c2b6e-0d7a-4e59-9a51-7c3f0e8d2a10";
  return message;
}

std::string Sha256Hex(std::string_view bytes) {
  const auto digest = common::Sha256(bytes);
  return common::HexEncode(digest);
}

// The raw message as the server received it.
std::string Raw(const json& mail) {
  auto bytes = common::Base64Decode(mail["rawBase64"].get<std::string>());
  return bytes ? common::ToString(*bytes) : std::string();
}

// The raw header block (up to the first empty line), with its CRLFs.
std::string HeaderBlock(const json& mail) {
  const std::string raw = Raw(mail);
  return raw.substr(0, raw.find("\r\n\r\n") + 2);
}

// Unfolded value of the first raw header line named `name` (case-insensitive key).
std::string RawHeader(const json& mail, const std::string& lower_name) {
  for (const auto& line : mail["headerLines"]) {
    if (line["key"] == lower_name) {
      std::string text = line["line"].get<std::string>();
      text = std::regex_replace(text, std::regex("\r?\n[ \t]"), " ");
      return text.substr(text.find(':') + 1);
    }
  }
  return {};
}

// A TCP port on 127.0.0.1 that refuses connections: bound (so nobody else takes it) but not
// listening. Closed by the destructor.
struct RefusingPort {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int port = 0;
  explicit RefusingPort(bool listening) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return;
    if (listening && listen(fd, 4) != 0) return;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
  }
  ~RefusingPort() { close(fd); }
};

class SmtpMailerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One plain server (no AUTH, no STARTTLS) per suite; tests tell their messages apart by
    // reading events in order.
    std::string error;
    server_ = CaptureSmtpServer::Start({}, error).release();
    setup_error_ = error;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr) << setup_error_;
    server_->Drain();
  }

  SmtpMailerSettings Settings(std::string url) const {
    SmtpMailerSettings settings;
    settings.url = std::move(url);
    settings.sender = {kFromAddress, kFromName, kDomain};
    settings.connect_timeout = 5s;
    settings.timeout = 10s;
    return settings;
  }

  std::unique_ptr<SmtpMailer> Mailer(SmtpMailerSettings settings) {
    auto mailer = SmtpMailer::Create(std::move(settings), clock_);
    EXPECT_TRUE(mailer.has_value()) << mailer.error().ToString();
    return mailer ? std::move(*mailer) : nullptr;
  }
  std::unique_ptr<SmtpMailer> Mailer() { return Mailer(Settings(server_->Url())); }

  // Sends and returns the message as the server parsed it.
  json Deliver(const app::MailMessage& message) {
    auto mailer = Mailer();
    auto sent = mailer->Send(message);
    EXPECT_TRUE(sent.has_value()) << sent.error().ToString();
    auto mail = server_->NextEventOf("message");
    EXPECT_TRUE(mail.has_value()) << "the server received no message";
    return mail.value_or(json::object());
  }

  // Proves that nothing reached the server since the last Drain: the next events are exactly
  // the connection and the message of a marker sent now.
  void ExpectServerReceivedNothing() {
    ASSERT_TRUE(Mailer()->Send(BasicMessage("marker")).has_value());
    auto first = server_->NextEvent();
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ((*first)["event"], "connect") << first->dump();
    auto second = server_->NextEvent();
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ((*second)["event"], "message") << "something reached the server: " << second->dump();
    EXPECT_EQ((*second)["subject"], "marker");
  }

  static inline CaptureSmtpServer* server_ = nullptr;
  static inline std::string setup_error_;
  testing::FakeClock clock_{kNow};
};

TEST_F(SmtpMailerTest, PlainTextMessageArrivesWithBodyAndEnvelopeIntact) {
  app::MailMessage message = BasicMessage("Your registered item");
  // Lines a naive encoder breaks: longer than 76, a leading dot (SMTP end-of-data), a lone dot,
  // '=' signs, trailing spaces, non-ASCII.
  message.text_body =
      "Beste Jan,\n\n"
      "Deze regel is bewust veel langer dan zesenzeventig tekens zodat quoted-printable hem moet "
      "afbreken met zachte regeleinden, en dat mag de ontvanger niet merken.\n"
      ".startsWithDot\n"
      ".\n"
      "a = b == c; trailing spaces   \n"
      "Ça coûte 0 € — Grüße\n";
  json mail = Deliver(message);

  EXPECT_EQ(mail["envelope"]["from"], kFromAddress);
  EXPECT_EQ(mail["envelope"]["to"], json::array({"jan.peeters@example.be"}));
  EXPECT_EQ(mail["text"], message.text_body);
  EXPECT_TRUE(mail["html"].is_null());
  EXPECT_TRUE(mail["attachments"].empty());
  EXPECT_EQ(mail["headers"]["content-type"]["value"], "text/plain");
  EXPECT_EQ(mail["headers"]["content-type"]["params"]["charset"], "utf-8");
  EXPECT_EQ(mail["headers"]["mime-version"], "1.0");
}

TEST_F(SmtpMailerTest, NonAsciiSubjectAndDisplayNamesArriveDecodedExactly) {
  app::MailMessage message = BasicMessage(
      "Aangetekende zending — Société Générale Müller: één bericht voor u, à lire "
      "avant le 12 décembre, Grüße aus Brüssel");
  message.to_name = "Françoise Müller-Dubois";
  json mail = Deliver(message);

  EXPECT_EQ(mail["subject"], message.subject);
  ASSERT_EQ(mail["to"]["value"].size(), 1u);
  EXPECT_EQ(mail["to"]["value"][0]["name"], "Françoise Müller-Dubois");
  EXPECT_EQ(mail["to"]["value"][0]["address"], "jan.peeters@example.be");
  ASSERT_EQ(mail["from"]["value"].size(), 1u);
  EXPECT_EQ(mail["from"]["value"][0]["name"], kFromName);
  EXPECT_EQ(mail["from"]["value"][0]["address"], kFromAddress);

  // Headers are 7-bit and folded: no line over 78 characters, no bare CR or LF.
  const std::string headers = HeaderBlock(mail);
  std::size_t start = 0;
  while (start < headers.size()) {
    const std::size_t end = headers.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = headers.substr(start, end - start);
    EXPECT_LE(line.size(), 78u) << line;
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << line;
    for (unsigned char c : line) EXPECT_LT(c, 0x80) << line;
    start = end + 2;
  }
}

TEST_F(SmtpMailerTest, AsciiNamesWithSpecialsAndLongSubjectsSurvive) {
  app::MailMessage message = BasicMessage(
      "Reminder: a registered item from the Federal Public Service Finance is waiting for you "
      "and will expire soon if you do not accept it");
  message.to_name = "Peeters, Jan \"JP\" (Leuven)";  // unquoted, the comma would split the list
  json mail = Deliver(message);

  EXPECT_EQ(mail["subject"], message.subject);
  ASSERT_EQ(mail["to"]["value"].size(), 1u);
  EXPECT_EQ(mail["to"]["value"][0]["name"], message.to_name);
  EXPECT_EQ(mail["to"]["value"][0]["address"], "jan.peeters@example.be");
}

TEST_F(SmtpMailerTest, MessageIdDateLanguageAndExtraHeadersAreWellFormed) {
  app::MailMessage message = BasicMessage("Headers");
  message.language = "fr-BE";
  message.headers = {{"X-Sealpost-Delivery", "d-42"}, {"Auto-Submitted", "auto-generated"}};
  json mail = Deliver(message);

  const std::string message_id = std::string("<") + message.id + "@" + kDomain + ">";
  EXPECT_EQ(mail["messageId"], message_id);
  EXPECT_EQ(RawHeader(mail, "message-id"), " " + message_id);
  EXPECT_EQ(RawHeader(mail, "date"), " Fri, 27 Nov 2026 22:10:00 +0000");
  EXPECT_EQ(mail["date"], "2026-11-27T22:10:00.000Z");
  EXPECT_EQ(mail["headers"]["content-language"], "fr-BE");
  EXPECT_EQ(mail["headers"]["x-sealpost-delivery"], "d-42");
  EXPECT_EQ(mail["headers"]["auto-submitted"], "auto-generated");
}

TEST_F(SmtpMailerTest, HtmlBodyMakesAMultipartAlternative) {
  app::MailMessage message = BasicMessage("HTML");
  message.html_body =
      "<!doctype html><html><body><p>Beste Jan,</p><p style=\"color:#123\">Société — "
      "<a href=\"https://sealpost.test/d/1?a=1&amp;b=2\">openen</a></p></body></html>";
  json mail = Deliver(message);

  EXPECT_EQ(mail["headers"]["content-type"]["value"], "multipart/alternative");
  EXPECT_EQ(mail["text"], message.text_body);
  EXPECT_EQ(mail["html"], message.html_body);
  EXPECT_TRUE(mail["attachments"].empty());
}

TEST_F(SmtpMailerTest, AttachmentsArriveByteIdenticalWithTheirNames) {
  std::string binary;
  for (int round = 0; round < 40; ++round) {
    for (int b = 0; b < 256; ++b) binary.push_back(static_cast<char>(b));
    binary += "\r\n.\r\n";  // the SMTP end-of-data sequence inside the content
  }
  app::MailMessage message = BasicMessage("Attachments");
  message.html_body = "<p>zie bijlagen</p>";
  message.attachments = {
      {"Aangetekende zending — Société Générale Müller, ontvangstbewijs.pdf", "application/pdf",
       binary},
      {"notice.txt", "text/plain", "line one\nline two without final newline"},
      {"empty.bin", "application/octet-stream", ""},
  };
  json mail = Deliver(message);

  EXPECT_EQ(mail["headers"]["content-type"]["value"], "multipart/mixed");
  EXPECT_EQ(mail["text"], message.text_body);
  EXPECT_EQ(mail["html"], message.html_body);
  ASSERT_EQ(mail["attachments"].size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& got = mail["attachments"][i];
    const auto& want = message.attachments[i];
    EXPECT_EQ(got["filename"], want.file_name);
    EXPECT_EQ(got["contentType"], want.content_type);
    EXPECT_EQ(got["contentDisposition"], "attachment");
    EXPECT_EQ(got["size"], want.bytes.size());
    EXPECT_EQ(got["sha256"], Sha256Hex(want.bytes)) << want.file_name;
  }
}

TEST_F(SmtpMailerTest, RecipientRefusedWith550IsAPermanentFailure) {
  app::MailMessage message = BasicMessage("Bounce");
  message.to = "bounce.me@example.be";
  auto sent = Mailer()->Send(message);

  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kFailedPrecondition) << sent.error().ToString();
  EXPECT_EQ(sent.error().reason, "smtp:550");
  auto rejected = server_->NextEventOf("rcpt-rejected");
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ((*rejected)["address"], "bounce.me@example.be");
  ExpectServerReceivedNothing();
}

TEST_F(SmtpMailerTest, RecipientDeferredWith451IsTransient) {
  app::MailMessage message = BasicMessage("Later");
  message.to = "later@example.be";
  auto sent = Mailer()->Send(message);

  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable) << sent.error().ToString();
  EXPECT_EQ(sent.error().reason, "smtp:451");
  auto rejected = server_->NextEventOf("rcpt-rejected");
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ((*rejected)["code"], 451);
  ExpectServerReceivedNothing();
}

TEST_F(SmtpMailerTest, MessageRefusedAfterDataIsAPermanentFailure) {
  auto sent = Mailer()->Send(BasicMessage("please REFUSE-DATA"));

  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kFailedPrecondition) << sent.error().ToString();
  EXPECT_EQ(sent.error().reason, "smtp:554");
}

TEST_F(SmtpMailerTest, NothingListeningIsTransient) {
  RefusingPort refusing(/*listening=*/false);
  ASSERT_NE(refusing.port, 0);
  auto sent = Mailer(Settings("smtp://127.0.0.1:" + std::to_string(refusing.port)))
                  ->Send(BasicMessage("nobody home"));

  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable) << sent.error().ToString();
}

TEST_F(SmtpMailerTest, SilentRelayTimesOutAsTransient) {
  RefusingPort silent(/*listening=*/true);  // accepts in the kernel, never greets
  ASSERT_NE(silent.port, 0);
  SmtpMailerSettings settings = Settings("smtp://127.0.0.1:" + std::to_string(silent.port));
  settings.connect_timeout = 1s;
  settings.timeout = 1s;
  const auto start = std::chrono::steady_clock::now();
  auto sent = Mailer(settings)->Send(BasicMessage("silence"));

  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable) << sent.error().ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST_F(SmtpMailerTest, HeaderInjectionAndBadAddressesAreRefusedBeforeConnecting) {
  auto mailer = Mailer();
  std::vector<app::MailMessage> bad(8, BasicMessage("Injection"));
  bad[0].subject = "Hello\r\nBcc: victim@example.org";
  bad[1].subject = "Hello\nBcc: victim@example.org";
  bad[2].to_name = "Jan\r\nBcc: victim@example.org";
  bad[3].headers = {{"X-Sealpost-Delivery", "d-1\r\nBcc: victim@example.org"}};
  bad[4].to = "jan@example.be>\r\nRCPT TO:<victim@example.org";
  bad[5].to = "jan.example.be";
  bad[6].to = "";
  bad[7].headers = {{"Bcc", "victim@example.org"}};
  for (std::size_t i = 0; i < bad.size(); ++i) {
    auto sent = mailer->Send(bad[i]);
    ASSERT_FALSE(sent.has_value()) << "case " << i;
    EXPECT_EQ(sent.error().code, ErrorCode::kInvalidArgument) << "case " << i;
  }
  ExpectServerReceivedNothing();
}

TEST_F(SmtpMailerTest, SettingsThatWouldLeakOrMisrouteAreRefusedAtCreation) {
  const auto refused = [&](SmtpMailerSettings settings) {
    auto mailer = SmtpMailer::Create(std::move(settings), clock_);
    return !mailer.has_value() && mailer.error().code == ErrorCode::kInvalidArgument;
  };
  EXPECT_TRUE(refused(Settings("http://127.0.0.1:25")));
  EXPECT_TRUE(refused(Settings("smtp://user:secret@relay.example.be:587")));
  SmtpMailerSettings clear_text = Settings("smtp://relay.example.be:587");
  clear_text.username = "sealpost";
  clear_text.password = "secret";
  EXPECT_TRUE(refused(clear_text));  // credentials over a plain connection to another host
  clear_text.require_starttls = true;
  EXPECT_FALSE(refused(clear_text));
  SmtpMailerSettings bad_from = Settings(server_->Url());
  bad_from.sender.from_address = "no-reply";
  EXPECT_TRUE(refused(bad_from));
  SmtpMailerSettings bad_domain = Settings(server_->Url());
  bad_domain.sender.message_id_domain = "not a domain";
  EXPECT_TRUE(refused(bad_domain));
}

// AUTH: a separate server that requires credentials.
class SmtpMailerAuthTest : public SmtpMailerTest {
 protected:
  void SetUp() override {
    SmtpMailerTest::SetUp();
    std::string error;
    CaptureSmtpServer::Options options;
    options.auth = "sealpost:s3cret-pass";
    auth_server_ = CaptureSmtpServer::Start(options, error);
    ASSERT_NE(auth_server_, nullptr) << error;
  }
  SmtpMailerSettings AuthSettings(std::string user, std::string password) {
    SmtpMailerSettings settings = Settings(auth_server_->Url());
    settings.username = std::move(user);
    settings.password = std::move(password);
    return settings;
  }
  std::unique_ptr<CaptureSmtpServer> auth_server_;
};

TEST_F(SmtpMailerAuthTest, RightCredentialsDeliver) {
  auto sent = Mailer(AuthSettings("sealpost", "s3cret-pass"))->Send(BasicMessage("with auth"));
  ASSERT_TRUE(sent.has_value()) << sent.error().ToString();
  auto auth = auth_server_->NextEventOf("auth");
  ASSERT_TRUE(auth.has_value());
  EXPECT_EQ((*auth)["ok"], true);
  auto mail = auth_server_->NextEventOf("message");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ((*mail)["user"], "sealpost");
  EXPECT_EQ((*mail)["subject"], "with auth");
}

TEST_F(SmtpMailerAuthTest, WrongPasswordIsTransientAndNeverEchoed) {
  auto sent = Mailer(AuthSettings("sealpost", "wrong-Pa55word"))->Send(BasicMessage("bad auth"));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable) << sent.error().ToString();
  EXPECT_EQ(sent.error().ToString().find("wrong-Pa55word"), std::string::npos);
  auto auth = auth_server_->NextEventOf("auth");
  ASSERT_TRUE(auth.has_value());
  EXPECT_EQ((*auth)["ok"], false);
  EXPECT_FALSE(auth_server_->NextEventOf("message", 300ms).has_value());
}

TEST_F(SmtpMailerAuthTest, MissingCredentialsAreTransientNotABounce) {
  auto sent = Mailer(Settings(auth_server_->Url()))->Send(BasicMessage("no auth"));
  ASSERT_FALSE(sent.has_value());
  // 530 "authentication required" is our configuration, not the recipient: retry after the fix.
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable) << sent.error().ToString();
  EXPECT_FALSE(auth_server_->NextEventOf("message", 300ms).has_value());
}

// STARTTLS: the relay's certificate is a throw-away self-signed one made with the openssl CLI.
class SmtpMailerTlsTest : public SmtpMailerTest {
 protected:
  void SetUp() override {
    SmtpMailerTest::SetUp();
    dir_ =
        std::filesystem::temp_directory_path() / ("sealpost-smtp-tls-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    key_ = (dir_ / "key.pem").string();
    cert_ = (dir_ / "cert.pem").string();
    const auto made = sealpost::testing::RunCommand(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "
        "/CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
        sealpost::testing::ShellQuote(key_) + " -out " + sealpost::testing::ShellQuote(cert_));
    ASSERT_EQ(made.exit_code, 0) << made.output;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  CaptureSmtpServer::Options TlsOptions() const {
    CaptureSmtpServer::Options options;
    options.tls_key_file = key_;
    options.tls_cert_file = cert_;
    return options;
  }

  std::filesystem::path dir_;
  std::string key_, cert_;
};

TEST_F(SmtpMailerTlsTest, RequiredStartTlsEncryptsTheSession) {
  std::string error;
  auto tls_server = CaptureSmtpServer::Start(TlsOptions(), error);
  ASSERT_NE(tls_server, nullptr) << error;
  SmtpMailerSettings settings = Settings(tls_server->Url());
  settings.require_starttls = true;
  settings.ca_file = cert_;
  auto sent = Mailer(settings)->Send(BasicMessage("over TLS"));
  ASSERT_TRUE(sent.has_value()) << sent.error().ToString();
  auto mail = tls_server->NextEventOf("message");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ((*mail)["tls"], true);
}

TEST_F(SmtpMailerTlsTest, UntrustedCertificateIsRefused) {
  std::string error;
  auto tls_server = CaptureSmtpServer::Start(TlsOptions(), error);
  ASSERT_NE(tls_server, nullptr) << error;
  SmtpMailerSettings settings = Settings(tls_server->Url());
  settings.require_starttls = true;  // system store only: our self-signed certificate is unknown
  auto sent = Mailer(settings)->Send(BasicMessage("MITM"));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable) << sent.error().ToString();
  EXPECT_FALSE(tls_server->NextEventOf("message", 300ms).has_value());
}

TEST_F(SmtpMailerTlsTest, RequiredStartTlsNeverFallsBackToClearText) {
  // The shared server offers no STARTTLS.
  SmtpMailerSettings settings = Settings(server_->Url());
  settings.require_starttls = true;
  auto sent = Mailer(settings)->Send(BasicMessage("must not travel in clear"));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable) << sent.error().ToString();
  server_->NextEventOf("connect");  // it connected, then gave up before MAIL FROM
  ExpectServerReceivedNothing();
}

}  // namespace
}  // namespace sealpost::adapters::mail
