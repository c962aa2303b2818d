// Who may see what (ItemQueries: anything not yours is "not found", exactly like a missing id), and
// the operational endpoints an operator relies on.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class IsolationTest : public IntegrationTest {};
class SystemEndpointsTest : public IntegrationTest {};

// Status and problem type, which is all a client can tell apart.
std::string Shape(const Response& r) {
  json body = r.Json();
  return std::to_string(r.status) + " " +
         (body.is_object() ? body.value("type", "") : "(not json)");
}

TEST_F(IsolationTest, RecipientCannotReadTheSendersItem) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const std::string item_id =
      SubmitToDemoRecipient("Private to the sender", SmallPdf()).value("id", "");
  ASSERT_FALSE(item_id.empty());
  Response foreign = client().Get("/api/v1/items/" + item_id, recipient());
  Response missing =
      client().Get("/api/v1/items/00000000-0000-4000-8000-000000000000", recipient());
  ExpectProblem(foreign, 404);
  EXPECT_EQ(Shape(foreign), Shape(missing));
  EXPECT_THAT(foreign.body, Not(HasSubstr("Private to the sender")));
  // Nor does it appear among the recipient account's own sent items.
  Response list = client().Get("/api/v1/items", recipient());
  ASSERT_EQ(list.status, 200) << list.Describe();
  EXPECT_THAT(list.body, Not(HasSubstr(item_id)));
}

TEST_F(IsolationTest, SenderCannotReadTheRecipientsContent) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  json item = SubmitToDemoRecipient("For the recipient's eyes", SmallPdf());
  const std::string item_id = item.value("id", "");
  const std::string delivery_id = item["deliveries"][0].value("id", "");
  const std::string attachment_id = item["attachments"][0].value("id", "");
  ASSERT_FALSE(delivery_id.empty());
  Response content = client().Get("/api/v1/deliveries/" + delivery_id + "/content", sender());
  ExpectProblem(content, 404);
  Response missing =
      client().Get("/api/v1/deliveries/00000000-0000-4000-8000-000000000000/content", sender());
  EXPECT_EQ(Shape(content), Shape(missing));
  ExpectProblem(
      client().Get("/api/v1/deliveries/" + delivery_id + "/attachments/" + attachment_id, sender()),
      404);
  // A refused read is not a hand-over: no proof of receipt may come out of it.
  Response after = client().Get("/api/v1/items/" + item_id, sender());
  EXPECT_NE(after.Json()["deliveries"][0]["state"], "handed_over") << after.body;
  auto events = EvidenceEvents(item_id, sender());
  EXPECT_EQ(std::count(events.begin(), events.end(), "ContentHandover"), 0);
}

TEST_F(IsolationTest, UnknownEvidenceIdIsNotFound) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  ExpectProblem(client().Get("/api/v1/evidence/00000000-0000-4000-8000-000000000000", sender()),
                404);
  ExpectProblem(client().Get("/api/v1/evidence/not-even-a-uuid", recipient()), 404);
}

TEST_F(SystemEndpointsTest, HealthMetricsUnknownRouteAndWrongMethod) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Response health = client().Get("/healthz", "");
  ASSERT_EQ(health.status, 200) << health.Describe();
  EXPECT_THAT(health.Header("content-type"), HasSubstr("application/json"));
  EXPECT_EQ(health.Json()["status"], "ok") << health.body;

  const nlohmann::json counted = SubmitToDemoRecipient("Counted", SmallPdf());
  WaitForEvent(counted.value("id", ""), sender(), "ConsignmentNotification");
  Response metrics = client().Get("/metrics", "");
  ASSERT_EQ(metrics.status, 200) << metrics.Describe();
  EXPECT_THAT(metrics.Header("content-type"), HasSubstr("text/plain"));
  EXPECT_THAT(metrics.body, HasSubstr("sealpost_http_requests_total"));
  EXPECT_THAT(metrics.body, HasSubstr("# TYPE sealpost_evidence_log_size"));
  EXPECT_THAT(metrics.body, HasSubstr("sealpost_evidence_log_size 3"));

  ExpectProblem(client().Get("/api/v1/no-such-thing", sender()), 404);
  Response wrong = client().Raw("DELETE", "/api/v1/items", sender(), "", {});
  ExpectProblem(wrong, 405);
  EXPECT_THAT(wrong.Header("allow"), HasSubstr("GET"));
}

}  // namespace
}  // namespace sealpost::integration
