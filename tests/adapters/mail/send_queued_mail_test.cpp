// SendQueuedMail, the outbox job, end to end: rows in a real SQLite database, composed from the
// shipped templates, sent by SmtpMailer to a real SMTP server (npm smtp-server) that bounces
// "bounce…" addresses (550) and defers "later@…" (451), with a FakeClock driving the back-off.
#include "app/usecases/send_queued_mail.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "adapters/mail/capture_smtp_server.hpp"
#include "adapters/mail/mail_test_support.hpp"
#include "adapters/mail/smtp_mailer.hpp"
#include "adapters/storage/soci_database.hpp"
#include "fakes/fake_clock.hpp"

namespace sealpost::adapters::mail {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using common::ErrorCode;
using nlohmann::json;
using testing::kNow;
using testing::Row;

// Fails the next Begin() when told to: a database that goes away right after a send, as a crash
// between Send and MarkSent would look to the next run.
class FlakyDatabase final : public app::Database {
 public:
  explicit FlakyDatabase(app::Database& inner) : inner_(inner) {}
  common::Result<std::unique_ptr<app::UnitOfWork>> Begin() override {
    if (fail_next_begin) {
      fail_next_begin = false;
      return common::Fail(ErrorCode::kUnavailable, "database unreachable (test)");
    }
    return inner_.Begin();
  }
  bool fail_next_begin = false;

 private:
  app::Database& inner_;
};

// Calls `after_success` once the real mailer accepted a message.
class ObservedMailer final : public app::Mailer {
 public:
  explicit ObservedMailer(app::Mailer& inner) : inner_(inner) {}
  common::Result<void> Send(const app::MailMessage& message) override {
    auto sent = inner_.Send(message);
    if (sent && after_success) after_success();
    return sent;
  }
  std::function<void()> after_success;

 private:
  app::Mailer& inner_;
};

struct ReportedFailure {
  app::OutboxMail mail;
  common::Error error;
};

class SendQueuedMailTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
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
    std::string pattern = (fs::temp_directory_path() / "sealpost-outbox-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto database = storage::SociDatabase::Open("sqlite:" + (dir_ / "sealpost.db").string(), 2);
    ASSERT_TRUE(database.has_value()) << database.error().ToString();
    database_ = std::move(*database);
    flaky_ = std::make_unique<FlakyDatabase>(*database_);
    SmtpMailerSettings settings;
    settings.url = server_->Url();
    settings.sender = {"notifications@sealpost.test", "sealpost", "sealpost.test"};
    settings.connect_timeout = 5s;
    settings.timeout = 10s;
    auto mailer = SmtpMailer::Create(settings, clock_);
    ASSERT_TRUE(mailer.has_value()) << mailer.error().ToString();
    smtp_ = std::move(*mailer);
    mailer_ = std::make_unique<ObservedMailer>(*smtp_);
    job_ = Job({});
  }

  void TearDown() override {
    job_.reset();
    flaky_.reset();
    database_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  std::unique_ptr<app::SendQueuedMail> Job(app::SendQueuedMailSettings settings) {
    return std::make_unique<app::SendQueuedMail>(
        *flaky_, testing::ShippedComposer(), *mailer_, clock_, std::move(settings),
        [this](const app::OutboxMail& mail, const common::Error& error) {
          failures_.push_back({mail, error});
        },
        [this](const app::OutboxMail& mail) { sent_reports_.push_back(mail.id); },
        [this](std::string_view line) { log_.emplace_back(line); });
  }

  void Queue(const app::OutboxMail& mail) {
    auto uow = database_->Begin();
    ASSERT_TRUE(uow.has_value());
    ASSERT_TRUE((*uow)->MailOutbox().Insert(mail).has_value());
    ASSERT_TRUE((*uow)->Commit().has_value());
  }

  app::OutboxMail Stored(const std::string& id) {
    auto uow = database_->Begin();
    EXPECT_TRUE(uow.has_value());
    auto found = (*uow)->MailOutbox().FindById(id);
    EXPECT_TRUE(found.has_value() && found->has_value()) << id;
    return found && *found ? **found : app::OutboxMail{};
  }

  app::SendQueuedMailReport Run() {
    auto report = job_->RunOnce();
    EXPECT_TRUE(report.has_value()) << report.error().ToString();
    return report.value_or(app::SendQueuedMailReport{});
  }

  // An invitation to `to`, due now, in `locale`.
  app::OutboxMail Invitation(std::string id, std::string to, std::string locale = "en",
                             std::string delivery_id = "") {
    return Row(testing::SampleInvitation(), std::move(locale), std::move(id), std::move(to), "",
               std::move(delivery_id), clock_.Now());
  }

  // Proves that nothing else reached the server since the last look: a marker row queued now is
  // the very next message.
  void ExpectNextMessageIsAMarker() {
    Queue(Invitation("marker-" + std::to_string(++markers_), "marker@example.be"));
    const app::SendQueuedMailReport report = Run();
    EXPECT_EQ(report.sent, 1u);
    auto mail = server_->NextEventOf("message");
    ASSERT_TRUE(mail.has_value());
    EXPECT_EQ((*mail)["envelope"]["to"], json::array({"marker@example.be"}));
  }

  static CaptureSmtpServer* server_;
  static std::string setup_error_;
  sealpost::testing::FakeClock clock_{kNow};
  fs::path dir_;
  std::unique_ptr<storage::SociDatabase> database_;
  std::unique_ptr<FlakyDatabase> flaky_;
  std::unique_ptr<SmtpMailer> smtp_;
  std::unique_ptr<ObservedMailer> mailer_;
  std::unique_ptr<app::SendQueuedMail> job_;
  std::vector<ReportedFailure> failures_;
  std::vector<std::string> sent_reports_;  // ids passed to on_sent
  std::vector<std::string> log_;
  int markers_ = 0;
};

CaptureSmtpServer* SendQueuedMailTest::server_ = nullptr;
std::string SendQueuedMailTest::setup_error_;

TEST_F(SendQueuedMailTest, DueMailArrivesWithTheSubjectInTheRowsLanguage) {
  const char* locales[] = {"nl", "fr", "en", "de"};
  for (const char* locale : locales) {
    Queue(Invitation(std::string("6a1f0c3e-0000-4000-8000-00000000000") + locale[0],
                     std::string("invitee-") + locale + "@example.be", locale));
    clock_.Advance(1s);  // oldest first: the order of the locales
  }
  const app::SendQueuedMailReport report = Run();
  EXPECT_EQ(report.sent, 4u);
  EXPECT_EQ(report.retried + report.failed + report.store_errors, 0u);

  const std::string link =
      std::string("https://sealpost.test/invitations/") + testing::kInvitationToken;
  for (const char* locale : locales) {
    SCOPED_TRACE(locale);
    auto mail = server_->NextEventOf("message");
    ASSERT_TRUE(mail.has_value()) << "the server received no message";
    const auto language = *ui::LanguageFromTag(locale);
    EXPECT_EQ((*mail)["subject"],
              testing::ShippedTranslator().Text(language, "mail.invitation.subject",
                                                {{"company", "Dupont & Fils SRL"}}));
    EXPECT_EQ((*mail)["envelope"]["to"],
              json::array({std::string("invitee-") + locale + "@example.be"}));
    EXPECT_EQ((*mail)["headers"]["content-language"], locale);
    EXPECT_EQ((*mail)["headers"]["auto-submitted"], "auto-generated");
    EXPECT_EQ((*mail)["messageId"],
              std::string("<6a1f0c3e-0000-4000-8000-00000000000") + locale[0] + "@sealpost.test>");
    EXPECT_NE((*mail)["text"].get<std::string>().find(link), std::string::npos);
    EXPECT_NE((*mail)["html"].get<std::string>().find("href=\"" + link + "\""), std::string::npos);
  }
  const app::OutboxMail stored = Stored("6a1f0c3e-0000-4000-8000-00000000000n");
  ASSERT_TRUE(stored.sent_at.has_value());
  EXPECT_EQ(*stored.sent_at, clock_.Now());
  EXPECT_EQ(stored.attempts, 1);
  EXPECT_FALSE(stored.failed_at.has_value());
  EXPECT_TRUE(failures_.empty());
  EXPECT_TRUE(sent_reports_.empty()) << "no delivery, nothing to report";
}

TEST_F(SendQueuedMailTest, ATakenOverNotificationIsReportedForItsDelivery) {
  Queue(Row(testing::SampleArguments()[2], "nl", "notified", "jan@example.be", "Jan Janssens",
            "delivery-3", clock_.Now()));
  Queue(Invitation("invited", "marie@example.be"));
  EXPECT_EQ(Run().sent, 2u);
  EXPECT_EQ(sent_reports_, std::vector<std::string>{"notified"});
  EXPECT_TRUE(failures_.empty());
}

TEST_F(SendQueuedMailTest, NothingIsSentTwiceAfterMarkSent) {
  Queue(Invitation("once", "once@example.be"));
  EXPECT_EQ(Run().sent, 1u);
  ASSERT_TRUE(server_->NextEventOf("message").has_value());
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(7h);
    const app::SendQueuedMailReport report = Run();
    EXPECT_EQ(report.sent + report.retried + report.failed + report.store_errors, 0u);
  }
  ExpectNextMessageIsAMarker();
  EXPECT_EQ(Stored("once").attempts, 1);
}

TEST_F(SendQueuedMailTest, RowsNotYetDueAreNotSent) {
  app::OutboxMail later = Invitation("not-yet", "patient@example.be");
  later.next_attempt_at = clock_.Now() + 10min;
  Queue(later);
  EXPECT_EQ(Run().sent, 0u);
  ExpectNextMessageIsAMarker();  // only the marker went out
  EXPECT_FALSE(Stored("not-yet").sent_at.has_value());

  clock_.Advance(10min);
  EXPECT_EQ(Run().sent, 1u);
  auto mail = server_->NextEventOf("message");
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ((*mail)["envelope"]["to"], json::array({"patient@example.be"}));
}

TEST_F(SendQueuedMailTest, ADeferredMailIsRetriedWithBackOffThenGivenUpAfterThreeDays) {
  const common::TimePoint written = clock_.Now();
  Queue(Invitation("deferred", "later@example.be", "nl", "delivery-7"));

  std::vector<std::chrono::microseconds> waits;
  int attempts = 0;
  for (int guard = 0; guard < 40; ++guard) {
    const app::SendQueuedMailReport report = Run();
    ASSERT_TRUE(server_->NextEventOf("rcpt-rejected").has_value()) << "attempt " << attempts + 1;
    ++attempts;
    const app::OutboxMail row = Stored("deferred");
    EXPECT_EQ(row.attempts, attempts);
    if (row.failed_at) {
      EXPECT_EQ(report.failed, 1u);
      break;
    }
    EXPECT_EQ(report.retried, 1u);
    EXPECT_NE(row.last_error.find("smtp:451"), std::string::npos) << row.last_error;
    waits.push_back(row.next_attempt_at - clock_.Now());
    // One second early: not due, nothing happens.
    clock_.Set(row.next_attempt_at - 1s);
    const app::SendQueuedMailReport early = Run();
    EXPECT_EQ(early.sent + early.retried + early.failed, 0u);
    clock_.Set(row.next_attempt_at);
  }
  // 1 min, 5 min, 30 min, 2 h, then every 6 h; the last wait is cut to land on exactly 72 h.
  std::vector<std::chrono::microseconds> expected = {1min, 5min, 30min, 2h};
  for (int i = 0; i < 11; ++i) expected.push_back(6h);
  expected.push_back(72h - (2h + 36min + 11 * 6h));
  EXPECT_EQ(waits, expected);
  EXPECT_EQ(attempts, 17);

  const app::OutboxMail row = Stored("deferred");
  ASSERT_TRUE(row.failed_at.has_value());
  EXPECT_EQ(*row.failed_at, written + 72h);
  EXPECT_FALSE(row.sent_at.has_value());
  EXPECT_NE(row.last_error.find("72 h"), std::string::npos) << row.last_error;
  ASSERT_EQ(failures_.size(), 1u) << "the sender must learn that the notification failed";
  EXPECT_EQ(failures_[0].mail.id, "deferred");
  EXPECT_EQ(failures_[0].mail.delivery_id, "delivery-7");
  EXPECT_EQ(failures_[0].error.code, ErrorCode::kUnavailable);
  EXPECT_EQ(failures_[0].error.reason, "smtp:451");

  clock_.Advance(24h);
  EXPECT_EQ(Run().retried, 0u) << "given up means given up";
  ExpectNextMessageIsAMarker();
}

TEST_F(SendQueuedMailTest, ABounceFailsAtOnceAndIsReportedForItsDelivery) {
  Queue(Row(testing::SampleArguments()[2], "fr", "bounced", "bounce-me@example.be", "Jeanne Martin",
            "delivery-42", clock_.Now()));
  Queue(Invitation("bounced-invitation", "bounce-too@example.be"));  // no delivery: not reported
  const app::SendQueuedMailReport report = Run();
  EXPECT_EQ(report.failed, 2u);
  EXPECT_EQ(report.sent + report.retried, 0u);

  const app::OutboxMail row = Stored("bounced");
  ASSERT_TRUE(row.failed_at.has_value());
  EXPECT_EQ(*row.failed_at, clock_.Now());
  EXPECT_EQ(row.attempts, 1);
  EXPECT_NE(row.last_error.find("smtp:550"), std::string::npos) << row.last_error;
  ASSERT_EQ(failures_.size(), 1u);
  EXPECT_EQ(failures_[0].mail.id, "bounced");
  EXPECT_EQ(failures_[0].mail.delivery_id, "delivery-42");
  EXPECT_EQ(failures_[0].mail.template_name, "item_notification");
  EXPECT_EQ(failures_[0].error.code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Stored("bounced-invitation").failed_at.has_value());
  EXPECT_TRUE(sent_reports_.empty());

  server_->Drain();
  clock_.Advance(1h);
  EXPECT_EQ(Run().failed, 0u) << "a bounce is not retried";
  ExpectNextMessageIsAMarker();
  EXPECT_EQ(failures_.size(), 1u);
}

TEST_F(SendQueuedMailTest, ARowThatCannotBeComposedFailsAtOnceWithoutSending) {
  app::OutboxMail broken = Invitation("broken", "someone@example.be", "en", "delivery-5");
  broken.template_name = "no_such_template";
  Queue(broken);
  const app::SendQueuedMailReport report = Run();
  EXPECT_EQ(report.failed, 1u);
  ASSERT_EQ(failures_.size(), 1u);
  EXPECT_EQ(failures_[0].error.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(Stored("broken").last_error.find("unknown mail template"), std::string::npos);
  ExpectNextMessageIsAMarker();  // nothing was sent for the broken row
}

TEST_F(SendQueuedMailTest, AMailWhoseSentMarkIsLostIsSentOnceMoreWithTheSameMessageId) {
  // The relay takes the message, then the database is gone before MarkSent: at-least-once.
  mailer_->after_success = [this] { flaky_->fail_next_begin = true; };
  Queue(Invitation("twice", "twice@example.be", "en", "delivery-2"));
  const app::SendQueuedMailReport first = Run();
  EXPECT_EQ(first.store_errors, 1u);
  EXPECT_EQ(first.sent, 0u);
  EXPECT_FALSE(Stored("twice").sent_at.has_value());

  mailer_->after_success = nullptr;
  EXPECT_EQ(Run().sent, 1u);
  auto one = server_->NextEventOf("message");
  auto two = server_->NextEventOf("message");
  ASSERT_TRUE(one.has_value() && two.has_value());
  EXPECT_EQ((*one)["messageId"], "<twice@sealpost.test>");
  EXPECT_EQ((*two)["messageId"], (*one)["messageId"]);
  EXPECT_TRUE(Stored("twice").sent_at.has_value());
  EXPECT_EQ(sent_reports_, (std::vector<std::string>{"twice", "twice"}))
      << "reported with each send: the handler must be idempotent";
  EXPECT_EQ(Run().sent, 0u);
  ExpectNextMessageIsAMarker();
}

TEST_F(SendQueuedMailTest, OneRunTakesOneBatch) {
  app::SendQueuedMailSettings settings;
  settings.batch_size = 2;
  job_ = Job(settings);
  for (int i = 0; i < 3; ++i) {
    Queue(Invitation("batch-" + std::to_string(i), "batch@example.be"));
    clock_.Advance(1s);
  }
  EXPECT_EQ(Run().sent, 2u);
  EXPECT_FALSE(Stored("batch-2").sent_at.has_value()) << "oldest first";
  EXPECT_EQ(Run().sent, 1u);
  EXPECT_TRUE(Stored("batch-2").sent_at.has_value());
}

TEST_F(SendQueuedMailTest, TheLogNamesRowsButNeverLinksOrAddresses) {
  Queue(Invitation("log-sent", "sent@example.be"));
  Queue(Invitation("log-later", "later@example.be"));
  Queue(Row(testing::SampleArguments()[2], "de", "log-bounce", "bounce@example.be", "", "d-1",
            clock_.Now()));
  const app::SendQueuedMailReport report = Run();
  EXPECT_EQ(report.sent, 1u);
  EXPECT_EQ(report.retried, 1u);
  EXPECT_EQ(report.failed, 1u);
  ASSERT_EQ(log_.size(), 3u);
  std::string all;
  for (const std::string& line : log_) all += line + "\n";
  for (const char* id : {"log-sent", "log-later", "log-bounce"}) {
    EXPECT_NE(all.find(id), std::string::npos) << all;
  }
  EXPECT_NE(all.find("(invitation, attempt 1) sent"), std::string::npos) << all;
  EXPECT_NE(all.find("unavailable smtp:451"), std::string::npos) << all;
  EXPECT_NE(all.find("(item_notification, attempt 1) failed for good: failed_precondition"),
            std::string::npos)
      << all;
  EXPECT_EQ(all.find(testing::kInvitationToken), std::string::npos) << all;
  EXPECT_EQ(all.find(testing::kNotificationToken), std::string::npos) << all;
  EXPECT_EQ(all.find("https://"), std::string::npos) << all;
  EXPECT_EQ(all.find('@'), std::string::npos) << "no address in the log: " << all;
}

TEST(SendQueuedMailSchedule, BackOffThenEverySixHoursUntilThreeDays) {
  // NextAttempt only reads the settings: no collaborator is used.
  struct NoDatabase final : app::Database {
    common::Result<std::unique_ptr<app::UnitOfWork>> Begin() override {
      return common::Fail(ErrorCode::kInternal, "unused");
    }
  } database;
  struct NoMailer final : app::Mailer {
    common::Result<void> Send(const app::MailMessage&) override { return common::Ok(); }
  } mailer;
  sealpost::testing::FakeClock clock(kNow);
  app::SendQueuedMail job(database, testing::ShippedComposer(), mailer, clock, {}, nullptr);
  const common::TimePoint t0 = kNow;
  EXPECT_EQ(job.NextAttempt(t0, t0, 1), t0 + 1min);
  EXPECT_EQ(job.NextAttempt(t0, t0 + 1min, 2), t0 + 6min);
  EXPECT_EQ(job.NextAttempt(t0, t0 + 6min, 3), t0 + 36min);
  EXPECT_EQ(job.NextAttempt(t0, t0 + 36min, 4), t0 + 2h + 36min);
  EXPECT_EQ(job.NextAttempt(t0, t0 + 3h, 5), t0 + 9h);
  EXPECT_EQ(job.NextAttempt(t0, t0 + 9h, 40), t0 + 15h);
  EXPECT_EQ(job.NextAttempt(t0, t0 + 70h, 9), t0 + 72h) << "the last attempt lands on 72 h";
  EXPECT_EQ(job.NextAttempt(t0, t0 + 72h, 10), std::nullopt);
  EXPECT_EQ(job.NextAttempt(t0, t0 + 80h, 1), std::nullopt);
}

}  // namespace
}  // namespace sealpost::adapters::mail
