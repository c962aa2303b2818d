// Bad input (PRODUCT.md §9): a malformed request gets problem+json and changes nothing; a
// well-formed submission that cannot be accepted gets 422 with a sealed SubmissionRejection
// evidence that the sender can fetch and verify.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class BadInputTest : public IntegrationTest {
 protected:
  void SetUp() override {
    // A small item limit, so that the oversize cases stay cheap: requests above 1 MB of attachments
    // are refused with evidence, bodies above the request limit (item limit + 1 MB) with 413.
    const auto config = work_dir() / "sealpost.toml";
    WriteFile(config, "[delivery]\nmax_item_megabytes = 1\n");
    ASSERT_NO_FATAL_FAILURE(StartServer({"--config", config.string()}));
    items_before_ = SenderItemIds();
    log_size_before_ = EvidenceLogSize();
  }

  long EvidenceLogSize() {
    Response r = client().Get("/healthz", "");
    EXPECT_EQ(r.status, 200) << r.Describe();
    json body = r.Json();
    return body.is_object() && body["evidence_log_size"].is_number()
               ? body["evidence_log_size"].get<long>()
               : -1;
  }

  // The request was answered with a problem and left no item and no evidence behind.
  void ExpectRefusedWithoutTrace(const Response& r, long status) {
    ExpectProblem(r, status);
    EXPECT_EQ(SenderItemIds(), items_before_) << "a refused request stored an item";
    EXPECT_EQ(EvidenceLogSize(), log_size_before_) << "a refused request left evidence";
  }

  // 422 with the rejection's ids; the SubmissionRejection evidence is retrievable and verifies.
  void ExpectRejectedWithEvidence(const Response& r) {
    ExpectProblem(r, 422);
    json body = r.Json();
    ASSERT_TRUE(body.is_object());
    ASSERT_TRUE(body["evidence_id"].is_string()) << r.body;
    EXPECT_TRUE(body["item_id"].is_string()) << r.body;
    EXPECT_TRUE(body["reason"].is_string()) << r.body;
    Response evidence =
        client().Get("/api/v1/evidence/" + body["evidence_id"].get<std::string>(), sender());
    ASSERT_EQ(evidence.status, 200) << evidence.Describe();
    EXPECT_THAT(evidence.Header("content-type"), HasSubstr("application/xml"));
    EXPECT_THAT(evidence.body, HasSubstr("SubmissionRejection"));
    EXPECT_THAT(evidence.body, HasSubstr(body["reason"].get<std::string>()));
    EXPECT_EQ(IndependentEvidenceFailures(evidence.body, server().ca_pem(), server().tsa_pem(),
                                          work_dir()),
              "");
    const auto path = work_dir() / "rejection.xml";
    WriteFile(path, evidence.body);
    CommandResult verified = SealpostVerify(path, {"--trust", server().ca_pem().string()});
    EXPECT_EQ(verified.exit_code, 0) << verified.output;
    EXPECT_THAT(verified.output, HasSubstr("SubmissionRejection"));
  }

  std::vector<std::string> items_before_;
  long log_size_before_ = -1;
};

TEST_F(BadInputTest, MultipartWithoutClosingBoundary) {
  const std::string body =
      "--XyZzY\r\nContent-Disposition: form-data; name=\"item\"\r\nContent-Type: "
      "application/json\r\n\r\n" +
      DemoItemJson("Truncated") +
      "\r\n--XyZzY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n%PDF-1.4 truncated upload";
  ExpectRefusedWithoutTrace(client().Raw("POST", "/api/v1/items", sender(), body,
                                         {"Content-Type: multipart/form-data; boundary=XyZzY"}),
                            400);
}

TEST_F(BadInputTest, ItemPartIsNotJson) {
  ExpectRefusedWithoutTrace(
      client().Submit(sender(), "subject=Hello&recipients=none", {SmallPdf()}), 400);
}

TEST_F(BadInputTest, MissingSubject) {
  json item = json::parse(DemoItemJson("x"));
  item.erase("subject");
  ExpectRefusedWithoutTrace(client().Submit(sender(), item.dump(), {SmallPdf()}), 400);
}

TEST_F(BadInputTest, NoRecipients) {
  json item = json::parse(DemoItemJson("Nobody"));
  item["recipients"] = json::array();
  ExpectRefusedWithoutTrace(client().Submit(sender(), item.dump(), {SmallPdf()}), 400);
}

TEST_F(BadInputTest, BadEmailAddress) {
  ExpectRefusedWithoutTrace(client().Submit(sender(),
                                            ItemJson("Bad e-mail", "", "not-an-address",
                                                     kRecipientName, kRecipientEnterpriseNumber),
                                            {SmallPdf()}),
                            400);
}

// PRODUCT.md §4.1: "A registered item has a subject, an optional message body, one or more
// attachments". Both ways in: multipart without file parts, and a plain JSON body.
TEST_F(BadInputTest, ItemWithoutAttachments) {
  ExpectRefusedWithoutTrace(client().Submit(sender(), DemoItemJson("Nothing attached"), {}), 400);
  ExpectRefusedWithoutTrace(
      client().Raw("POST", "/api/v1/items", sender(), DemoItemJson("Nothing attached either"),
                   {"Content-Type: application/json"}),
      400);
}

TEST_F(BadInputTest, MissingAuthorization) {
  Response r = client().Submit("", DemoItemJson("Anonymous"), {SmallPdf()});
  ExpectRefusedWithoutTrace(r, 401);
  EXPECT_THAT(r.Header("www-authenticate"), HasSubstr("Bearer"));
}

TEST_F(BadInputTest, UnknownApiKey) {
  ExpectRefusedWithoutTrace(
      client().Submit("sp_demo_thisKeyWasNeverIssued000000", DemoItemJson("Forged"), {SmallPdf()}),
      401);
}

TEST_F(BadInputTest, BodyOverTheRequestLimit) {
  // 3 MB against a request limit of 1 MB of attachments + 1 MB of framing.
  Response r =
      client().Submit(sender(), DemoItemJson("Too big to read"),
                      {{"file", "huge.pdf", "application/pdf", PdfLikeBytes(3 * 1024 * 1024)}});
  EXPECT_TRUE(r.status == 413 || r.status == 422) << r.Describe();
  ExpectRefusedWithoutTrace(r, r.status == 422 ? 422 : 413);
}

TEST_F(BadInputTest, InvalidEnterpriseNumberIsRejectedWithEvidence) {
  ExpectRejectedWithEvidence(client().Submit(
      sender(), ItemJson("Wrong KBO", "", kRecipientEmail, kRecipientName, "0566.988.258"),
      {SmallPdf()}));
}

TEST_F(BadInputTest, InvalidNationalNumberIsRejectedWithEvidence) {
  // 85.07.30-033.28 is valid (check digits 28); 29 is not.
  ExpectRejectedWithEvidence(client().Submit(
      sender(), ItemJson("Wrong NN", "", "jan@example.org", "Jan Janssens", "", "85.07.30-033.29"),
      {SmallPdf()}));
}

TEST_F(BadInputTest, ExecutableContentTypeIsRejectedWithEvidence) {
  ExpectRejectedWithEvidence(client().Submit(
      sender(), DemoItemJson("Executable"),
      {{"file", "setup.exe", "application/x-msdownload", "MZ\x90 not really a program"}}));
}

TEST_F(BadInputTest, PdfThatIsNotAPdfIsRejectedWithEvidence) {
  ExpectRejectedWithEvidence(
      client().Submit(sender(), DemoItemJson("Fake PDF"),
                      {{"file", "invoice.pdf", "application/pdf", "MZ this is not a PDF"}}));
}

TEST_F(BadInputTest, AttachmentsOverTheItemLimitAreRejectedWithEvidence) {
  // 1.5 MB: within the request limit, over max_item_megabytes = 1, spread over two files.
  ExpectRejectedWithEvidence(
      client().Submit(sender(), DemoItemJson("Too big"),
                      {{"file", "a.pdf", "application/pdf", PdfLikeBytes(768 * 1024)},
                       {"file", "b.pdf", "application/pdf", PdfLikeBytes(768 * 1024)}}));
}

}  // namespace
}  // namespace sealpost::integration
