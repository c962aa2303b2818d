// The /dev/mail routes of demo mode: mapping between HttpRequest/HttpResponse and app::MailSpool
// (the spool itself is tested in tests/adapters/mail/). What matters here: every spooled value is
// escaped, the HTML body is only served sandboxed, raw messages keep their bytes, spool errors
// become the right statuses.
#include "http/mail_viewer_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>

namespace sealpost::http {
namespace {

using namespace std::chrono_literals;

const common::TimePoint kTime =
    common::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 11 / 27)) + 22h + 10min;

class FakeSpool final : public app::MailSpool {
 public:
  common::Result<std::vector<app::SpooledMailSummary>> List(std::size_t limit) const override {
    std::lock_guard lock(mutex_);
    last_limit = limit;
    std::vector<app::SpooledMailSummary> out;
    for (auto it = mails.rbegin(); it != mails.rend() && out.size() < limit; ++it)
      out.push_back(it->second.summary);
    return out;
  }
  common::Result<app::SpooledMail> Get(std::string_view id) const override {
    std::lock_guard lock(mutex_);
    last_id = std::string(id);
    if (id.find_first_of("./%") != std::string_view::npos) {
      return common::Fail(common::ErrorCode::kInvalidArgument, "not a mail spool id");
    }
    auto it = mails.find(std::string(id));
    if (it == mails.end()) return common::Fail(common::ErrorCode::kNotFound, "no such message");
    return it->second;
  }

  void Add(app::SpooledMail mail) { mails[mail.summary.id] = std::move(mail); }

  std::map<std::string, app::SpooledMail> mails;
  mutable std::size_t last_limit = 0;
  mutable std::string last_id;

 private:
  mutable std::mutex mutex_;
};

app::SpooledMail Mail(std::string id, std::string subject) {
  app::SpooledMail mail;
  mail.summary = {std::move(id), kTime, "Jan <jan@example.be>", std::move(subject), "<m@x.test>"};
  mail.headers = {{"Subject", mail.summary.subject}, {"X-Evil", "\"><img src=x onerror=alert(1)>"}};
  mail.raw = "Subject: raw\r\n\r\nbody bytes \x01\xff\r\n";
  mail.text_body = "Hello <b>not bold</b> & bye";
  return mail;
}

class MailViewerRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override { AddMailViewerRoutes(router_, spool_); }

  HttpResponse Get(const std::string& target) {
    auto request = HttpRequest::FromTarget("GET", target);
    EXPECT_TRUE(request.has_value()) << target;
    if (!request) return HttpResponse::Empty(0);
    return router_.Handle(*request);
  }

  std::shared_ptr<FakeSpool> spool_ = std::make_shared<FakeSpool>();
  Router router_;
};

TEST_F(MailViewerRoutesTest, ListShowsEveryMessageEscapedWithLinks) {
  spool_->Add(Mail("20261127T221000000000Z-a", "first"));
  spool_->Add(Mail("20261127T221001000000Z-b", "<script>alert(1)</script> & co"));
  HttpResponse page = Get("/dev/mail");

  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.headers.Get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(page.headers.Has("Content-Security-Policy"));
  EXPECT_EQ(page.headers.Get("Cache-Control"), "no-store");
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"), std::string::npos);
  EXPECT_NE(page.body.find("Jan &lt;jan@example.be&gt;"), std::string::npos);
  EXPECT_NE(page.body.find("2026-11-27 22:10:00 UTC"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/dev/mail/20261127T221001000000Z-b\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/dev/mail/20261127T221000000000Z-a.eml\""), std::string::npos);
  // Newest (as the spool orders them) first.
  EXPECT_LT(page.body.find("-b\""), page.body.find("-a\""));
}

TEST_F(MailViewerRoutesTest, ListPassesASaneLimit) {
  Get("/dev/mail?limit=5");
  EXPECT_EQ(spool_->last_limit, 5u);
  Get("/dev/mail?limit=abc");
  EXPECT_EQ(spool_->last_limit, 100u);
  Get("/dev/mail?limit=100000000");
  EXPECT_EQ(spool_->last_limit, 1000u);
  EXPECT_NE(Get("/dev/mail").body.find("No e-mails yet"), std::string::npos);
}

TEST_F(MailViewerRoutesTest, MessagePageEscapesHeadersAndTextAndFramesTheHtmlSandboxed) {
  app::SpooledMail mail = Mail("20261127T221000000000Z-a", "Société");
  mail.html_body = "<p id=\"html-marker\">hi</p>";
  mail.attachments = {{"reçu <1>.pdf", "application/pdf", 1234}};
  spool_->Add(mail);
  HttpResponse page = Get("/dev/mail/20261127T221000000000Z-a");

  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<img"), std::string::npos);
  EXPECT_NE(page.body.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(page.body.find("<pre>Hello &lt;b&gt;not bold&lt;/b&gt; &amp; bye</pre>"),
            std::string::npos);
  EXPECT_NE(page.body.find("reçu &lt;1&gt;.pdf"), std::string::npos);
  EXPECT_NE(page.body.find("1234 bytes"), std::string::npos);
  EXPECT_NE(page.body.find("<iframe sandbox=\"\""), std::string::npos);
  EXPECT_NE(page.body.find("src=\"/dev/mail/20261127T221000000000Z-a/html\""), std::string::npos);
  EXPECT_EQ(page.body.find("html-marker"), std::string::npos) << "HTML body inlined in the page";
}

TEST_F(MailViewerRoutesTest, HtmlBodyIsServedOnlyUnderASandboxPolicy) {
  app::SpooledMail mail = Mail("20261127T221000000000Z-a", "html");
  mail.html_body = "<p>hi</p><script>parent.document.title='owned'</script>";
  spool_->Add(mail);
  spool_->Add(Mail("20261127T221000000000Z-plain", "no html"));

  HttpResponse html = Get("/dev/mail/20261127T221000000000Z-a/html");
  EXPECT_EQ(html.status, 200);
  EXPECT_EQ(html.body, mail.html_body);
  const auto policy = html.headers.Get("Content-Security-Policy");
  ASSERT_TRUE(policy.has_value());
  EXPECT_TRUE(policy->starts_with("sandbox;")) << *policy;
  EXPECT_NE(policy->find("default-src 'none'"), std::string_view::npos);
  EXPECT_EQ(Get("/dev/mail/20261127T221000000000Z-plain/html").status, 404);
  EXPECT_EQ(Get("/dev/mail/20261127T221000000000Z-plain").body.find("<iframe"), std::string::npos);
}

TEST_F(MailViewerRoutesTest, RawMessageKeepsItsBytes) {
  spool_->Add(Mail("20261127T221000000000Z-a", "raw"));
  HttpResponse raw = Get("/dev/mail/20261127T221000000000Z-a.eml");

  EXPECT_EQ(raw.status, 200);
  EXPECT_EQ(spool_->last_id, "20261127T221000000000Z-a");
  EXPECT_EQ(raw.headers.Get("Content-Type"), "message/rfc822");
  EXPECT_EQ(raw.body, spool_->mails.begin()->second.raw);
}

TEST_F(MailViewerRoutesTest, SpoolErrorsBecomeProblems) {
  EXPECT_EQ(Get("/dev/mail/20261127T221000000000Z-unknown").status, 404);
  EXPECT_EQ(Get("/dev/mail/20261127T221000000000Z-unknown.eml").status, 404);
  HttpResponse traversal = Get("/dev/mail/..%2Fsecret");
  EXPECT_EQ(traversal.status, 400);
  EXPECT_EQ(spool_->last_id, "../secret");  // passed on decoded; the spool refuses it
}

}  // namespace
}  // namespace sealpost::http
