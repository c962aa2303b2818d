#include "http/problem.hpp"

#include <gtest/gtest.h>

namespace sealpost::http {
namespace {

using common::Error;
using common::ErrorCode;

nlohmann::json BodyOf(const HttpResponse& response) { return nlohmann::json::parse(response.body); }

TEST(ProblemTest, EveryCodeHasOneStatus) {
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

TEST(ProblemTest, BodyFollowsRfc9457) {
  ProblemOptions options;
  options.instance = "/api/v1/items/9";
  options.request_id = "req-1";
  const auto response =
      ProblemResponse(Error{ErrorCode::kNotFound, "item 9 does not exist", ""}, options);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.Get("Content-Type"), "application/problem+json");
  const auto body = BodyOf(response);
  EXPECT_EQ(body["type"], "https://sealpost.eu/problems/not_found");
  EXPECT_EQ(body["title"], "Not found");
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["detail"], "item 9 does not exist");
  EXPECT_EQ(body["instance"], "/api/v1/items/9");
  EXPECT_EQ(body["request_id"], "req-1");
}

TEST(ProblemTest, ReasonGivesTheTypeAndStatusCanBeOverridden) {
  ProblemOptions options;
  options.status = 422;
  options.extensions = {{"evidence_id", "ev_1"}, {"status", 999}};
  const auto response = ProblemResponse(
      Error{ErrorCode::kFailedPrecondition, "balance too low", "Insufficient Balance"}, options);
  EXPECT_EQ(response.status, 422);
  const auto body = BodyOf(response);
  EXPECT_EQ(body["type"], "https://sealpost.eu/problems/insufficient-balance");
  EXPECT_EQ(body["status"], 422);  // an extension cannot replace a standard member
  EXPECT_EQ(body["evidence_id"], "ev_1");
  EXPECT_FALSE(body.contains("instance"));
}

TEST(ProblemTest, FromRequestFillsInstanceAndRequestId) {
  auto request = HttpRequest::FromTarget("GET", "/api/v1/items/9?x=1");
  ASSERT_TRUE(request.has_value());
  request->request_id = "rid-7";
  ProblemOptions options;
  options.status = 422;
  const auto body =
      BodyOf(ProblemResponse(*request, Error{ErrorCode::kInvalidArgument, "bad", ""}, options));
  EXPECT_EQ(body["instance"], "/api/v1/items/9");
  EXPECT_EQ(body["request_id"], "rid-7");
  EXPECT_EQ(body["status"], 422);
}

TEST(ProblemTest, InvalidOverrideIsIgnored) {
  ProblemOptions options;
  options.status = 200;
  EXPECT_EQ(ProblemResponse(Error{ErrorCode::kConflict, "x", ""}, options).status, 409);
}

TEST(ProblemTest, UnauthenticatedAsksForBearer) {
  const auto response = ProblemResponse(Error{ErrorCode::kUnauthenticated, "no key", ""});
  EXPECT_EQ(response.status, 401);
  ASSERT_TRUE(response.headers.Get("WWW-Authenticate").has_value());
  EXPECT_TRUE(response.headers.Get("WWW-Authenticate")->starts_with("Bearer"));
}

TEST(ProblemTest, InternalErrorsLeakNothing) {
  const auto response = HttpResponse::Problem(Error{
      ErrorCode::kInternal, "SQLITE_CORRUPT in /var/lib/sealpost/db.sqlite", "secret_reason"});
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("SQLITE"), std::string::npos);
  EXPECT_EQ(response.body.find("/var/lib"), std::string::npos);
  EXPECT_EQ(response.body.find("secret_reason"), std::string::npos);
  EXPECT_EQ(BodyOf(response)["type"], "https://sealpost.eu/problems/internal");
}

TEST(ResponseTest, JsonAndBytesHelpers) {
  const auto json = HttpResponse::Json(201, {{"id", "x"}});
  EXPECT_EQ(json.status, 201);
  EXPECT_EQ(json.headers.Get("Content-Type"), "application/json");
  EXPECT_EQ(json.body, R"({"id":"x"})");

  const auto bytes = HttpResponse::Bytes(200, "application/pdf", "%PDF", "évidence \"1\".pdf");
  EXPECT_EQ(bytes.headers.Get("Content-Type"), "application/pdf");
  EXPECT_EQ(bytes.headers.Get("Content-Disposition"),
            "attachment; filename=\"__vidence _1_.pdf\"; "
            "filename*=UTF-8''%C3%A9vidence%20%221%22.pdf");
  EXPECT_FALSE(HttpResponse::Bytes(200, "text/plain", "x").headers.Has("Content-Disposition"));
}

TEST(ResponseTest, DispositionCannotInjectHeaders) {
  const std::string value = AttachmentDisposition("a\r\nSet-Cookie: x=1.txt");
  EXPECT_EQ(value.find('\r'), std::string::npos);
  EXPECT_EQ(value.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace sealpost::http
