// SpoolMailer: the demo-mode mailer and the reader behind the local mail viewer. The written
// .eml files are checked with an independent parser (npm mailparser) as well as our own reader.
#include "adapters/mail/spool_mailer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "adapters/files/atomic_file.hpp"
#include "common/sha256.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/shell_command.hpp"

namespace sealpost::adapters::mail {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using common::ErrorCode;

const common::TimePoint kStart =
    common::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 27)) + 22h + 10min;
const MailSender kSender{"notifications@sealpost.test", "Sealpost — démo", "mail.sealpost.test"};

app::MailMessage Message(std::string id, std::string subject) {
  app::MailMessage message;
  message.id = std::move(id);
  message.to = "francoise@example.be";
  message.to_name = "Françoise Müller-Dubois";
  message.subject = std::move(subject);
  message.text_body = "Bonjour Françoise,\n\nUn envoi recommandé vous attend.\n";
  message.language = "fr";
  return message;
}

// Every .eml file in the directory.
std::vector<fs::path> EmlFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
  return files;
}

class SpoolMailerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sealpost-spool-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<SpoolMailer> Spool(std::size_t max_messages = 500) {
    auto spool = SpoolMailer::Create({dir_ / "spool", max_messages, kSender}, clock_);
    EXPECT_TRUE(spool.has_value()) << spool.error().ToString();
    return spool ? std::move(*spool) : nullptr;
  }

  fs::path dir_;
  testing::FakeClock clock_{kStart};
};

TEST_F(SpoolMailerTest, WritesTheExactMessageTheSmtpAdapterWouldSendAsAParsableEml) {
  auto spool = Spool();
  app::MailMessage message = Message("m-1", "Envoi recommandé — Société Générale Müller");
  message.html_body = "<p>Bonjour <b>Françoise</b></p>";
  message.attachments = {
      {"reçu d'envoi.pdf", "application/pdf", std::string("%PDF-1.7\0\xff\r\n", 12)}};
  ASSERT_TRUE(spool->Send(message).has_value());

  const auto files = EmlFiles(dir_ / "spool");
  ASSERT_EQ(files.size(), 1u);  // no temp file left behind
  EXPECT_EQ(files[0].extension(), ".eml");
  struct stat info {};
  ASSERT_EQ(stat(files[0].c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);  // personal data: owner only
  auto content = files::ReadWholeFile(files[0]);
  ASSERT_TRUE(content.has_value());
  auto expected = BuildMimeMessage(message, kSender, kStart);
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(*content, *expected);

  const auto parsed = sealpost::testing::RunCommand(
      "cd " + sealpost::testing::ShellQuote(SEALPOST_SOURCE_DIR) +
      " && node --input-type=module -e \"import {simpleParser} from 'mailparser'; import fs from "
      "'node:fs'; const m = await simpleParser(fs.readFileSync(process.argv[1])); "
      "console.log(JSON.stringify({subject: m.subject, to: m.to.value, text: m.text, html: "
      "m.html, messageId: m.messageId, attachments: m.attachments.map(a => ({filename: "
      "a.filename, size: a.content.length}))}))\" " +
      sealpost::testing::ShellQuote(files[0].string()));
  ASSERT_EQ(parsed.exit_code, 0) << parsed.output;
  const auto mail = nlohmann::json::parse(parsed.output);
  EXPECT_EQ(mail["subject"], message.subject);
  EXPECT_EQ(mail["to"][0]["name"], message.to_name);
  EXPECT_EQ(mail["to"][0]["address"], message.to);
  EXPECT_EQ(mail["text"], message.text_body);
  EXPECT_EQ(mail["html"], message.html_body);
  EXPECT_EQ(mail["messageId"], "<m-1@mail.sealpost.test>");
  ASSERT_EQ(mail["attachments"].size(), 1u);
  EXPECT_EQ(mail["attachments"][0]["filename"], "reçu d'envoi.pdf");
  EXPECT_EQ(mail["attachments"][0]["size"], 12);
}

TEST_F(SpoolMailerTest, GetReturnsTheRawMessageAndItsDecodedParts) {
  auto spool = Spool();
  app::MailMessage message = Message("m-2", "Aangetekende zending — één bericht");
  message.html_body = "<p>Société &amp; co</p>";
  message.attachments = {{"bewijs — ontvangst.pdf", "application/pdf", std::string(5000, 'x')}};
  ASSERT_TRUE(spool->Send(message).has_value());
  auto list = spool->List(10);
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ(list->size(), 1u);

  auto mail = spool->Get((*list)[0].id);
  ASSERT_TRUE(mail.has_value()) << mail.error().ToString();
  EXPECT_EQ(mail->summary.subject, message.subject);
  EXPECT_EQ(mail->summary.to, "Françoise Müller-Dubois <francoise@example.be>");
  EXPECT_EQ(mail->summary.message_id, "<m-2@mail.sealpost.test>");
  EXPECT_EQ(mail->summary.time, kStart);
  EXPECT_EQ(mail->text_body, message.text_body);
  EXPECT_EQ(mail->html_body, message.html_body);
  ASSERT_EQ(mail->attachments.size(), 1u);
  EXPECT_EQ(mail->attachments[0].file_name, "bewijs — ontvangst.pdf");
  EXPECT_EQ(mail->attachments[0].content_type, "application/pdf");
  EXPECT_EQ(mail->attachments[0].size, 5000u);
  EXPECT_EQ(mail->raw, *BuildMimeMessage(message, kSender, kStart));
  bool has_language = false;
  for (const auto& [name, value] : mail->headers) has_language |= name == "Content-Language";
  EXPECT_TRUE(has_language);
}

TEST_F(SpoolMailerTest, ListsNewestFirstUpToTheLimit) {
  auto spool = Spool();
  for (const char* id : {"a", "b", "c"}) {
    ASSERT_TRUE(spool->Send(Message(id, std::string("subject ") + id)).has_value());
    clock_.Advance(1min);
  }
  auto all = spool->List(10);
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].subject, "subject c");
  EXPECT_EQ((*all)[1].subject, "subject b");
  EXPECT_EQ((*all)[2].subject, "subject a");
  EXPECT_EQ((*all)[0].time, kStart + 2min);
  EXPECT_EQ((*all)[2].time, kStart);
  EXPECT_EQ((*all)[0].to, "Françoise Müller-Dubois <francoise@example.be>");

  auto two = spool->List(2);
  ASSERT_TRUE(two.has_value());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].subject, "subject c");
  EXPECT_EQ((*two)[1].subject, "subject b");
}

TEST_F(SpoolMailerTest, SendsAtTheSameInstantAreAllKeptInSendOrder) {
  auto spool = Spool();
  // The clock stands still: a retry of the same message id must not overwrite the first copy.
  ASSERT_TRUE(spool->Send(Message("same", "first")).has_value());
  ASSERT_TRUE(spool->Send(Message("same", "second")).has_value());
  ASSERT_TRUE(spool->Send(Message("other", "third")).has_value());
  auto list = spool->List(10);
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].subject, "third");
  EXPECT_EQ((*list)[1].subject, "second");
  EXPECT_EQ((*list)[2].subject, "first");
}

TEST_F(SpoolMailerTest, KeepsOnlyTheNewestMessages) {
  auto spool = Spool(/*max_messages=*/3);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(spool->Send(Message("m" + std::to_string(i), "n" + std::to_string(i))).has_value());
    auto newest = spool->List(1);
    ASSERT_TRUE(newest.has_value());
    ids.push_back((*newest)[0].id);
    clock_.Advance(1s);
  }
  EXPECT_EQ(EmlFiles(dir_ / "spool").size(), 3u);
  auto list = spool->List(10);
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].subject, "n4");
  EXPECT_EQ((*list)[2].subject, "n2");
  auto pruned = spool->Get(ids[0]);
  ASSERT_FALSE(pruned.has_value());
  EXPECT_EQ(pruned.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(spool->Get(ids[2]).has_value());
}

TEST_F(SpoolMailerTest, UnknownIdIsNotFound) {
  auto spool = Spool();
  auto mail = spool->Get("20261127T221000000000Z-nothing");
  ASSERT_FALSE(mail.has_value());
  EXPECT_EQ(mail.error().code, ErrorCode::kNotFound);
}

TEST_F(SpoolMailerTest, IdsWithPathCharactersAreRefused) {
  auto spool = Spool();
  // A readable .eml right next to the spool: a traversal would find it.
  std::ofstream(dir_ / "secret.eml") << "Subject: secret\r\n\r\nsecret\r\n";
  std::ofstream(dir_ / "spool" / ".hidden.eml") << "Subject: hidden\r\n\r\nhidden\r\n";
  for (const std::string id :
       {"../x", "../secret", "..%2Fsecret", "/etc/passwd", "20261127T221000000000Z-../../secret",
        "20261127T221000000000Z-a.b", ".hidden", "", "x"}) {
    auto mail = spool->Get(id);
    ASSERT_FALSE(mail.has_value()) << id;
    EXPECT_EQ(mail.error().code, ErrorCode::kInvalidArgument) << id;
  }
  auto list = spool->List(10);  // strangers in the directory are not listed either
  ASSERT_TRUE(list.has_value());
  EXPECT_TRUE(list->empty());
}

TEST_F(SpoolMailerTest, MalformedMessageWritesNothing) {
  auto spool = Spool();
  app::MailMessage message = Message("m", "Hello\r\nBcc: victim@example.org");
  auto sent = spool->Send(message);
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(EmlFiles(dir_ / "spool").empty());
}

TEST_F(SpoolMailerTest, ConcurrentSendsAreAllKept) {
  auto spool = Spool();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto sent = spool->Send(Message("t" + std::to_string(t) + "-" + std::to_string(i), "x"));
        EXPECT_TRUE(sent.has_value());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto list = spool->List(100);
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->size(), 40u);
  std::set<std::string> ids;
  for (const auto& mail : *list) ids.insert(mail.id);
  EXPECT_EQ(ids.size(), 40u);
}

}  // namespace
}  // namespace sealpost::adapters::mail
