// The main path of a registered item, through the real binary: the sender submits to the registered
// demo recipient, sees the item and its sealed evidence; the recipient finds it in the inbox, reads
// it (the proof of receipt) and downloads the attachment byte for byte.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class SubmissionFlowTest : public IntegrationTest {};

TEST_F(SubmissionFlowTest, SubmittedItemIsAnsweredListedAndReadable) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Response r = client().Submit(sender(), DemoItemJson("Notice of default 2026/17"), {SmallPdf()});
  ASSERT_EQ(r.status, 201) << r.Describe();
  json item = r.Json();
  ASSERT_TRUE(item.is_object()) << r.body;
  const std::string id = item.value("id", "");
  ASSERT_FALSE(id.empty()) << r.body;
  EXPECT_EQ(r.Header("location"), "/api/v1/items/" + id);
  ASSERT_EQ(item["deliveries"].size(), 1u) << r.body;
  const json& delivery = item["deliveries"][0];
  EXPECT_FALSE(delivery.value("id", "").empty()) << r.body;
  EXPECT_EQ(delivery["recipient"]["email"], kRecipientEmail) << r.body;
  EXPECT_EQ(delivery["recipient"]["name"], kRecipientName) << r.body;
  // Placed in the registered recipient's inbox at once (PRODUCT.md §4.2 A.1); the recipient is
  // told by e-mail right after, which the ConsignmentNotification evidence records.
  EXPECT_EQ(delivery["state"], "consigned") << r.body;

  EXPECT_THAT(SenderItemIds(), ElementsAre(id));

  Response got = client().Get("/api/v1/items/" + id, sender());
  ASSERT_EQ(got.status, 200) << got.Describe();
  json again = got.Json();
  EXPECT_EQ(again["id"], id);
  EXPECT_EQ(again["subject"], "Notice of default 2026/17");
  ASSERT_EQ(again["deliveries"].size(), 1u);
  EXPECT_EQ(again["deliveries"][0]["id"], delivery["id"]);
  ASSERT_EQ(again["attachments"].size(), 1u);
  EXPECT_EQ(again["attachments"][0]["name"], "notice.pdf");
  EXPECT_EQ(again["attachments"][0]["content_type"], "application/pdf");
}

TEST_F(SubmissionFlowTest, ItemListPagesWithACursorAndRefusesBadLimits) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::set<std::string> submitted;
  for (int i = 0; i < 3; ++i)
    submitted.insert(
        SubmitToDemoRecipient("Page " + std::to_string(i), SmallPdf()).value("id", ""));
  ASSERT_EQ(submitted.size(), 3u);

  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  for (; pages < 5; ++pages) {
    Response r = client().Get("/api/v1/items?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor),
                              sender());
    ASSERT_EQ(r.status, 200) << r.Describe();
    json page = r.Json();
    ASSERT_EQ(page["items"].size(), 1u) << r.body;
    EXPECT_TRUE(seen.insert(page["items"][0].value("id", "")).second)
        << "an item came twice: " << r.body;
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(pages, 2) << "three items at one per page must take exactly three pages";
  EXPECT_EQ(seen, submitted);

  for (const char* bad : {"0", "abc", "201", "-1"}) {
    SCOPED_TRACE(bad);
    ExpectProblem(client().Get(std::string("/api/v1/items?limit=") + bad, sender()), 400);
  }
}

TEST_F(SubmissionFlowTest, EvidenceIsListedAndVerifiesWithIndependentTools) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  json item = SubmitToDemoRecipient("Evidence check", SmallPdf());
  const std::string id = item.value("id", "");
  ASSERT_FALSE(id.empty());
  WaitForEvent(id, sender(), "ConsignmentNotification");
  json evidence = EvidenceList(id, sender());
  std::vector<std::string> events;
  for (const auto& e : evidence) events.push_back(e.value("event", ""));
  EXPECT_THAT(events, UnorderedElementsAre("SubmissionAcceptance", "ContentConsignment",
                                           "ConsignmentNotification"));

  for (const auto& e : evidence) {
    const std::string event = e.value("event", "");
    SCOPED_TRACE(event);
    EXPECT_EQ(e["delivery"], item["deliveries"][0]["id"]);
    Response r = client().Get("/api/v1/evidence/" + e.value("id", ""), sender());
    ASSERT_EQ(r.status, 200) << r.Describe();
    EXPECT_THAT(r.Header("content-type"), HasSubstr("application/xml"));
    EXPECT_THAT(r.body, HasSubstr(event));
    EXPECT_EQ(Sha256HexOf(r.body, work_dir()), e.value("sha256", ""))
        << "listed digest is not that of the XML";
    EXPECT_EQ(
        IndependentEvidenceFailures(r.body, server().ca_pem(), server().tsa_pem(), work_dir()), "");
  }
}

TEST_F(SubmissionFlowTest, RecipientReadsTheContentAndGetsTheAttachmentByteForByte) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const std::string pdf = PdfLikeBytes(200 * 1024);
  std::set<unsigned char> values(pdf.begin(), pdf.end());
  ASSERT_EQ(values.size(), 256u) << "the test file must contain every byte value";
  json item =
      SubmitToDemoRecipient("Formal notice", {"file", "formal notice.pdf", "application/pdf", pdf});
  const std::string item_id = item.value("id", "");
  ASSERT_FALSE(item_id.empty());
  const std::string delivery_id = item["deliveries"][0].value("id", "");

  Response inbox = client().Get("/api/v1/inbox", recipient());
  ASSERT_EQ(inbox.status, 200) << inbox.Describe();
  json entries = inbox.Json()["items"];
  ASSERT_EQ(entries.size(), 1u) << inbox.body;
  EXPECT_EQ(entries[0]["delivery_id"], delivery_id);
  EXPECT_EQ(entries[0]["item_id"], item_id);
  EXPECT_EQ(entries[0]["sender"]["name"], "Demo Sender NV");
  // The subject stays hidden until the content is handed over.
  EXPECT_TRUE(entries[0]["subject"].is_null()) << inbox.body;

  Response content = client().Get("/api/v1/deliveries/" + delivery_id + "/content", recipient());
  ASSERT_EQ(content.status, 200) << content.Describe();
  json c = content.Json();
  EXPECT_EQ(c["subject"], "Formal notice");
  EXPECT_EQ(c["message"], "Please find the notice attached.");
  ASSERT_EQ(c["attachments"].size(), 1u) << content.body;
  const json& attachment = c["attachments"][0];
  EXPECT_EQ(attachment["name"], "formal notice.pdf");
  EXPECT_EQ(attachment["content_type"], "application/pdf");
  EXPECT_EQ(attachment["size"], pdf.size());
  EXPECT_EQ(attachment["sha256"], Sha256HexOf(pdf, work_dir()));

  Response file = client().Get(
      "/api/v1/deliveries/" + delivery_id + "/attachments/" + attachment.value("id", ""),
      recipient());
  ASSERT_EQ(file.status, 200) << file.Describe();
  EXPECT_THAT(file.Header("content-type"), HasSubstr("application/pdf"));
  EXPECT_EQ(file.body.size(), pdf.size());
  EXPECT_TRUE(file.body == pdf) << "downloaded bytes differ from the uploaded ones";

  Response seen_by_sender = client().Get("/api/v1/items/" + item_id, sender());
  ASSERT_EQ(seen_by_sender.status, 200) << seen_by_sender.Describe();
  EXPECT_EQ(seen_by_sender.Json()["deliveries"][0]["state"], "handed_over");
  auto events = EvidenceEvents(item_id, sender());
  EXPECT_EQ(std::count(events.begin(), events.end(), "ContentHandover"), 1);

  // Reading again is not a second receipt.
  ASSERT_EQ(client().Get("/api/v1/deliveries/" + delivery_id + "/content", recipient()).status,
            200);
  ASSERT_EQ(
      client()
          .Get("/api/v1/deliveries/" + delivery_id + "/attachments/" + attachment.value("id", ""),
               recipient())
          .status,
      200);
  events = EvidenceEvents(item_id, sender());
  EXPECT_EQ(std::count(events.begin(), events.end(), "ContentHandover"), 1);

  // The proof of receipt itself verifies independently.
  for (const auto& e : EvidenceList(item_id, sender())) {
    if (e.value("event", "") != "ContentHandover") continue;
    Response xml = client().Get("/api/v1/evidence/" + e.value("id", ""), sender());
    ASSERT_EQ(xml.status, 200) << xml.Describe();
    EXPECT_EQ(
        IndependentEvidenceFailures(xml.body, server().ca_pem(), server().tsa_pem(), work_dir()),
        "");
  }

  Response inbox_after = client().Get("/api/v1/inbox", recipient());
  EXPECT_EQ(inbox_after.Json()["items"][0]["subject"], "Formal notice") << inbox_after.body;
}

// Two devices of the recipient opening the item at the same moment still make one proof of receipt.
TEST_F(SubmissionFlowTest, ConcurrentFirstReadsMakeOneContentHandover) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  json item = SubmitToDemoRecipient("Opened twice at once", SmallPdf());
  const std::string item_id = item.value("id", "");
  const std::string delivery_id = item["deliveries"][0].value("id", "");
  const std::string attachment_id = item["attachments"][0].value("id", "");
  ASSERT_FALSE(delivery_id.empty());
  std::vector<std::thread> threads;
  std::vector<long> statuses(8, 0);
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    threads.emplace_back([&, i] {
      const std::string path =
          i % 2 == 0 ? "/api/v1/deliveries/" + delivery_id + "/content"
                     : "/api/v1/deliveries/" + delivery_id + "/attachments/" + attachment_id;
      statuses[i] = client().Get(path, recipient()).status;
    });
  }
  for (auto& t : threads) t.join();
  for (long status : statuses) EXPECT_EQ(status, 200);
  auto events = EvidenceEvents(item_id, sender());
  EXPECT_EQ(std::count(events.begin(), events.end(), "ContentHandover"), 1);
  Response got = client().Get("/api/v1/items/" + item_id, sender());
  EXPECT_EQ(got.Json()["deliveries"][0]["state"], "handed_over") << got.body;
}

}  // namespace
}  // namespace sealpost::integration
