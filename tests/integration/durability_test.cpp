// "A submission that was acknowledged is never lost, even if the process is killed right after"
// (PRODUCT.md §9), and the same end-to-end flow on PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class DurabilityTest : public IntegrationTest {};

TEST_F(DurabilityTest, AcknowledgedSubmissionSurvivesSigkill) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const std::string pdf = PdfLikeBytes(64 * 1024);
  Response r = client().Submit(sender(), DemoItemJson("Survives a crash"),
                               {{"file", "crash.pdf", "application/pdf", pdf}});
  // No grace period: the 201 is the promise.
  server().Kill();
  ASSERT_EQ(r.status, 201) << r.Describe();
  const nlohmann::json item = r.Json();
  const std::string item_id = item.value("id", "");
  const std::string delivery_id = item["deliveries"][0].value("id", "");

  ASSERT_NO_FATAL_FAILURE(StartServer());
  // The notice to the recipient was queued with the item: the restarted service sends it.
  WaitForEvent(item_id, sender(), "ConsignmentNotification");
  Response got = client().Get("/api/v1/items/" + item_id, sender());
  ASSERT_EQ(got.status, 200) << got.Describe();
  const nlohmann::json stored = got.Json();
  EXPECT_EQ(stored["subject"], "Survives a crash");
  ASSERT_EQ(stored["deliveries"].size(), 1u);
  EXPECT_EQ(stored["deliveries"][0]["id"], delivery_id);
  EXPECT_EQ(stored["deliveries"][0]["state"], "notified");

  auto evidence = EvidenceList(item_id, sender());
  std::vector<std::string> events;
  for (const auto& e : evidence) {
    events.push_back(e.value("event", ""));
    Response xml = client().Get("/api/v1/evidence/" + e.value("id", ""), sender());
    ASSERT_EQ(xml.status, 200) << xml.Describe();
    EXPECT_EQ(
        IndependentEvidenceFailures(xml.body, server().ca_pem(), server().tsa_pem(), work_dir()),
        "");
  }
  EXPECT_THAT(events, UnorderedElementsAre("SubmissionAcceptance", "ContentConsignment",
                                           "ConsignmentNotification"));

  Response content = client().Get("/api/v1/deliveries/" + delivery_id + "/content", recipient());
  ASSERT_EQ(content.status, 200) << content.Describe();
  const std::string attachment_id = content.Json()["attachments"][0].value("id", "");
  Response file = client().Get(
      "/api/v1/deliveries/" + delivery_id + "/attachments/" + attachment_id, recipient());
  ASSERT_EQ(file.status, 200) << file.Describe();
  EXPECT_TRUE(file.body == pdf) << "the attachment changed across the crash";
}

// A throw-away database on the server named by SEALPOST_TEST_POSTGRES_URL (a libpq URI such as
// postgresql://postgres@127.0.0.1:5432/sealpost), dropped afterwards.
class ScratchPostgresDatabase {
 public:
  explicit ScratchPostgresDatabase(const std::string& base_url) : base_url_(base_url) {
    std::random_device device;
    name_ = "sealpost_it_" + std::to_string(device()) + "_" + std::to_string(device() % 100000);
    CommandResult created = RunCommand("psql -X -q " + ShellQuote(base_url_) + " -c " +
                                       ShellQuote("CREATE DATABASE " + name_));
    error_ = created.exit_code == 0 ? "" : "CREATE DATABASE failed: " + created.output;
    ParseUri();
  }
  ~ScratchPostgresDatabase() {
    if (error_.empty()) {
      RunCommand("psql -X -q " + ShellQuote(base_url_) + " -c " +
                 ShellQuote("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"));
    }
  }
  // The same server and credentials with the scratch database, as a URI.
  std::string uri() const { return "postgresql://" + authority_ + "/" + name_ + query_; }
  // ... and as libpq keywords: "host=… port=… user=… dbname=…".
  std::string keywords() const {
    std::string out;
    auto add = [&out](const std::string& key, const std::string& value) {
      if (!value.empty()) out += key + "=" + value + " ";
    };
    add("host", host_);
    add("port", port_);
    add("user", user_);
    add("password", password_);
    for (const auto& [key, value] : params_) add(key, value);
    return out + "dbname=" + name_;
  }
  const std::string& error() const { return error_; }

 private:
  // postgresql://[user[:password]@][host][:port][/dbname][?k=v&…] — the test cluster's simple form
  // (no percent-encoding, no IPv6 literals, no host lists).
  void ParseUri() {
    std::string rest = base_url_.substr(
        base_url_.find("://") == std::string::npos ? 0 : base_url_.find("://") + 3);
    if (auto q = rest.find('?'); q != std::string::npos) {
      query_ = rest.substr(q);
      std::string params = rest.substr(q + 1);
      rest.resize(q);
      std::size_t at = 0;
      while (at <= params.size()) {
        auto amp = params.find('&', at);
        std::string kv = params.substr(at, amp == std::string::npos ? std::string::npos : amp - at);
        if (auto eq = kv.find('='); eq != std::string::npos)
          params_.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
        if (amp == std::string::npos) break;
        at = amp + 1;
      }
    }
    if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
    authority_ = rest;
    if (auto at = rest.rfind('@'); at != std::string::npos) {
      std::string userinfo = rest.substr(0, at);
      rest = rest.substr(at + 1);
      auto colon = userinfo.find(':');
      user_ = userinfo.substr(0, colon);
      if (colon != std::string::npos) password_ = userinfo.substr(colon + 1);
    }
    auto colon = rest.rfind(':');
    host_ = rest.substr(0, colon);
    if (colon != std::string::npos) port_ = rest.substr(colon + 1);
  }

  std::string base_url_;
  std::string name_;
  std::string error_;
  std::string authority_, user_, password_, host_, port_, query_;
  std::vector<std::pair<std::string, std::string>> params_;
};

const char* PostgresUrlOrNull() {
  const char* base = std::getenv("SEALPOST_TEST_POSTGRES_URL");
  return base == nullptr || *base == '\0' ? nullptr : base;
}

TEST_F(DurabilityTest, EndToEndOnPostgresql) {
  const char* base = PostgresUrlOrNull();
  if (base == nullptr) {
    GTEST_SKIP()
        << "SEALPOST_TEST_POSTGRES_URL is not set (make test starts a throw-away PostgreSQL)";
  }
  ScratchPostgresDatabase database(base);
  ASSERT_EQ(database.error(), "");
  // The keyword form: the URI form does not connect (see PostgresqlUriFormConnects).
  ASSERT_NO_FATAL_FAILURE(StartServer({"--database", "postgresql:" + database.keywords()}));
  EXPECT_FALSE(std::filesystem::exists(data_dir() / "sealpost.db"))
      << "SQLite used despite --database";

  const std::string pdf = PdfLikeBytes(32 * 1024);
  nlohmann::json item =
      SubmitToDemoRecipient("On PostgreSQL", {"file", "pg.pdf", "application/pdf", pdf});
  const std::string item_id = item.value("id", "");
  ASSERT_FALSE(item_id.empty());
  const std::string delivery_id = item["deliveries"][0].value("id", "");
  Response content = client().Get("/api/v1/deliveries/" + delivery_id + "/content", recipient());
  ASSERT_EQ(content.status, 200) << content.Describe();
  Response file = client().Get("/api/v1/deliveries/" + delivery_id + "/attachments/" +
                                   content.Json()["attachments"][0].value("id", ""),
                               recipient());
  EXPECT_TRUE(file.body == pdf) << file.Describe();
  auto events = EvidenceEvents(item_id, sender());
  EXPECT_EQ(std::count(events.begin(), events.end(), "ContentHandover"), 1);

  Response bundle = client().Get("/api/v1/items/" + item_id + "/proof-bundle", sender());
  ASSERT_EQ(bundle.status, 200) << bundle.Describe();
  WriteFile(work_dir() / "pg-bundle.zip", bundle.body);
  CommandResult verified = SealpostVerify(work_dir() / "pg-bundle.zip");
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_THAT(verified.output, HasSubstr("ContentHandover"));
  server_.reset();  // before the database is dropped
}

// config/sealpost.example.toml and SociDatabase document "postgresql://user@host:port/db" as a
// valid [storage] database / --database value; it is also the form `make test` hands out.
TEST_F(DurabilityTest, PostgresqlUriFormConnects) {
  const char* base = PostgresUrlOrNull();
  if (base == nullptr) {
    GTEST_SKIP()
        << "SEALPOST_TEST_POSTGRES_URL is not set (make test starts a throw-away PostgreSQL)";
  }
  ScratchPostgresDatabase database(base);
  ASSERT_EQ(database.error(), "");
  ASSERT_NO_FATAL_FAILURE(StartServer({"--database", database.uri()}));
  Response health = client().Get("/healthz", "");
  EXPECT_EQ(health.status, 200) << health.Describe();
  server_.reset();
}

}  // namespace
}  // namespace sealpost::integration
