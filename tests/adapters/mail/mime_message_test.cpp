// The message builder and its encodings, without a server: the properties every relay and mail
// client relies on (7-bit CRLF lines within limits, whole characters per encoded-word, nothing
// injectable), plus round trips through our own reader used by the mail viewer.
#include "adapters/mail/mime_message.hpp"

#include <gtest/gtest.h>

#include "adapters/mail/mime_encoding.hpp"
#include "adapters/mail/mime_parser.hpp"

namespace sealpost::adapters::mail {
namespace {

using namespace std::chrono_literals;
using common::ErrorCode;

const common::TimePoint kDate =
    common::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 27)) + 22h + 10min;
const MailSender kSender{"no-reply@sealpost.test", "Sealpost", "sealpost.test"};

app::MailMessage Message() {
  app::MailMessage message;
  message.id = "0f9e";
  message.to = "anna@example.de";
  message.to_name = "Anna Groß";
  message.subject = "Einschreiben für Sie";
  message.text_body = "Hallo Anna,\nbitte öffnen.\n";
  message.language = "de";
  return message;
}

std::vector<std::string> Lines(const std::string& raw) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < raw.size()) {
    std::size_t end = raw.find("\r\n", start);
    if (end == std::string::npos) end = raw.size();
    lines.push_back(raw.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

TEST(MimeMessageTest, EveryLineIsSevenBitCrlfAndWithinLimits) {
  app::MailMessage message = Message();
  message.subject = std::string(300, 'x') + " tail";  // ASCII, but one word too long to fold
  message.to_name = "Anna Groß " + std::string(100, 'z');
  message.text_body = std::string(2000, 'a') + "\n" + std::string(500, '\xc3') + "\n";
  message.html_body = "<p>" + std::string(1500, 'b') + "</p>";
  message.attachments = {
      {std::string(200, 'n') + "é.pdf", "application/pdf", std::string(5000, '\0')}};
  auto raw = BuildMimeMessage(message, kSender, kDate);
  ASSERT_TRUE(raw.has_value()) << raw.error().ToString();

  EXPECT_TRUE(raw->ends_with("\r\n"));
  for (std::size_t i = 0; i < raw->size(); ++i) {
    const auto c = static_cast<unsigned char>((*raw)[i]);
    ASSERT_LT(c, 0x80) << "8-bit byte at " << i;
    if (c == '\n') {
      ASSERT_TRUE(i > 0 && (*raw)[i - 1] == '\r') << "bare LF at " << i;
    }
    if (c == '\r') {
      ASSERT_TRUE(i + 1 < raw->size() && (*raw)[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  bool in_headers = true;
  for (const std::string& line : Lines(*raw)) {
    if (line.empty()) in_headers = false;
    EXPECT_LE(line.size(), 78u) << (in_headers ? "header: " : "body: ") << line;
  }
}

TEST(MimeMessageTest, DateIsRfc5322InUtc) {
  EXPECT_EQ(FormatRfc5322Date(kDate), "Fri, 27 Nov 2026 22:10:00 +0000");
  EXPECT_EQ(
      FormatRfc5322Date(common::TimePoint(std::chrono::sys_days(std::chrono::year(2027) / 1 / 3)) +
                        9h + 5min + 7s + 999999us),
      "Sun, 3 Jan 2027 09:05:07 +0000");
}

TEST(MimeMessageTest, EncodedWordsHoldWholeCharactersAndDecodeBack) {
  const std::string text = "Aangetekende zending — Société Générale Müller 📬 çàéèêëïîôöùûü";
  const std::string encoded = EncodeWords(text);
  std::size_t start = 0;
  while (start < encoded.size()) {
    std::size_t end = encoded.find(' ', start);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(start, end - start);
    EXPECT_LE(word.size(), 75u);
    // RFC 2047 §5: each encoded-word must decode to whole characters on its own.
    const std::string decoded = DecodeWords(word);
    EXPECT_TRUE(IsValidUtf8(decoded)) << word;
    start = end + 1;
  }
  EXPECT_EQ(DecodeWords(encoded), text);
  EXPECT_EQ(DecodeWords(UnfoldHeader(FoldHeader("Subject", encoded).substr(9))), text);
}

TEST(MimeMessageTest, QuotedPrintableRoundTripsTrickyText) {
  const std::string text =
      "trailing space \nlone dot:\n.\n= sign and =3D literal\ntab\tinside\t\n" +
      std::string(300, 'z') + "\nÇa coûte 5 €\nno final newline";
  const std::string encoded = EncodeQuotedPrintable(text);
  for (const std::string& line : Lines(encoded)) EXPECT_LE(line.size(), 76u) << line;
  std::string expected = text;
  std::string crlf;
  for (char c : expected) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(DecodeQuotedPrintable(encoded), crlf);
}

TEST(MimeMessageTest, OwnReaderRecoversWhatTheBuilderWrote) {
  app::MailMessage message = Message();
  message.html_body = "<p>Groß</p>\n";
  message.attachments = {
      {"Überweisung — Bestätigung mit einem sehr langen Dateinamen, der fortgesetzt wird.pdf",
       "application/pdf", std::string(777, '\x01')},
      {"plain.txt", "text/plain", "abc"}};
  auto raw = BuildMimeMessage(message, kSender, kDate);
  ASSERT_TRUE(raw.has_value());
  const ParsedMail mail = ParseMimeMessage(*raw);
  EXPECT_EQ(mail.Header("subject"), message.subject);
  EXPECT_EQ(mail.Header("To"), "Anna Groß <anna@example.de>");
  EXPECT_EQ(mail.Header("From"), "Sealpost <no-reply@sealpost.test>");
  EXPECT_EQ(mail.Header("Message-ID"), "<0f9e@sealpost.test>");
  EXPECT_EQ(mail.text_body, message.text_body);
  EXPECT_EQ(mail.html_body, message.html_body);
  ASSERT_EQ(mail.attachments.size(), 2u);
  EXPECT_EQ(mail.attachments[0].file_name, message.attachments[0].file_name);
  EXPECT_EQ(mail.attachments[0].size, 777u);
  EXPECT_EQ(mail.attachments[1].file_name, "plain.txt");
  EXPECT_EQ(mail.attachments[1].content_type, "text/plain");
  EXPECT_EQ(mail.attachments[1].size, 3u);
}

TEST(MimeMessageTest, RefusesWhatCouldInjectHeadersOrRecipients) {
  const auto refused = [](app::MailMessage message) {
    auto raw = BuildMimeMessage(message, kSender, kDate);
    return !raw.has_value() && raw.error().code == ErrorCode::kInvalidArgument;
  };
  app::MailMessage m = Message();
  EXPECT_FALSE(refused(m));
  m = Message(), m.subject = "a\rb";
  EXPECT_TRUE(refused(m));
  m = Message(), m.subject = std::string("a\0b", 3);
  EXPECT_TRUE(refused(m));
  m = Message(), m.subject = "\xc3\x28";  // malformed UTF-8
  EXPECT_TRUE(refused(m));
  m = Message(), m.to_name = "x\ny";
  EXPECT_TRUE(refused(m));
  m = Message(), m.to = "a@b@c.de";
  EXPECT_TRUE(refused(m));
  m = Message(), m.to = "<anna@example.de>";
  EXPECT_TRUE(refused(m));
  m = Message(), m.to = "anna @example.de";
  EXPECT_TRUE(refused(m));
  m = Message(), m.id = "";
  EXPECT_TRUE(refused(m));
  m = Message(), m.id = "a>b";
  EXPECT_TRUE(refused(m));
  m = Message(), m.language = "de\r\nBcc: x@y.de";
  EXPECT_TRUE(refused(m));
  m = Message(), m.headers = {{"X-Ok", "fine"}, {"Content-Type", "text/html"}};
  EXPECT_TRUE(refused(m));
  m = Message(), m.headers = {{"CC", "x@y.de"}};
  EXPECT_TRUE(refused(m));
  m = Message(), m.headers = {{"X Bad", "v"}};
  EXPECT_TRUE(refused(m));
  m = Message(), m.attachments = {{"a.pdf", "application/pdf\r\nX-Evil: 1", "x"}};
  EXPECT_TRUE(refused(m));
  m = Message(), m.attachments = {{"a\r\n.pdf", "application/pdf", "x"}};
  EXPECT_TRUE(refused(m));
}

}  // namespace
}  // namespace sealpost::adapters::mail
