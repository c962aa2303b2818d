#include "http/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sealpost::http {
namespace {

Router::Handler Named(std::string name) {
  return [name](const HttpRequest& request) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [key, value] : request.route_params) params[key] = value;
    return HttpResponse::Json(200,
                              {{"handler", name}, {"route", request.route}, {"params", params}});
  };
}

HttpResponse Call(const Router& router, const std::string& method, const std::string& target) {
  auto request = HttpRequest::FromTarget(method, target);
  EXPECT_TRUE(request.has_value()) << target;
  if (!request) return HttpResponse::Empty(0);
  return router.Handle(*request);
}

nlohmann::json BodyOf(const HttpResponse& response) { return nlohmann::json::parse(response.body); }

TEST(RouterTest, MatchesLiteralAndParameterSegments) {
  Router router;
  router.Add("GET", "/api/v1/items", Named("list"));
  router.Add("GET", "/api/v1/items/{id}", Named("get"));
  router.Add("GET", "/api/v1/items/{id}/deliveries/{delivery_id}", Named("delivery"));

  auto list = Call(router, "GET", "/api/v1/items?cursor=abc");
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(BodyOf(list)["handler"], "list");

  auto get = Call(router, "GET", "/api/v1/items/it_42");
  EXPECT_EQ(BodyOf(get)["handler"], "get");
  EXPECT_EQ(BodyOf(get)["params"]["id"], "it_42");
  EXPECT_EQ(BodyOf(get)["route"], "/api/v1/items/{id}");

  auto delivery = Call(router, "GET", "/api/v1/items/7/deliveries/d9");
  EXPECT_EQ(BodyOf(delivery)["params"]["id"], "7");
  EXPECT_EQ(BodyOf(delivery)["params"]["delivery_id"], "d9");
}

TEST(RouterTest, ParametersArePercentDecodedPerSegment) {
  Router router;
  router.Add("GET", "/files/{name}", Named("file"));
  auto response = Call(router, "GET", "/files/a%2Fb%20c");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(BodyOf(response)["params"]["name"], "a/b c");
}

TEST(RouterTest, LiteralBeatsParameterWhateverTheRegistrationOrder) {
  Router router;
  router.Add("GET", "/items/{id}", Named("get"));
  router.Add("GET", "/items/export", Named("export"));
  EXPECT_EQ(BodyOf(Call(router, "GET", "/items/export"))["handler"], "export");
  EXPECT_EQ(BodyOf(Call(router, "GET", "/items/other"))["handler"], "get");
}

TEST(RouterTest, LessSpecificRouteServesAMethodTheSpecificOneLacks) {
  Router router;
  router.Add("GET", "/items/{id}", Named("get"));
  router.Add("POST", "/items/export", Named("export"));
  EXPECT_EQ(BodyOf(Call(router, "GET", "/items/export"))["handler"], "get");
}

TEST(RouterTest, RestParameterTakesTheRemainingPath) {
  Router router;
  router.Add("GET", "/static/{path...}", Named("static"));
  auto response = Call(router, "GET", "/static/css/site.css");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(BodyOf(response)["params"]["path"], "css/site.css");
  EXPECT_EQ(Call(router, "GET", "/static/").status, 404);  // empty rest never matches
}

TEST(RouterTest, UnknownPathIsA404Problem) {
  Router router;
  router.Add("GET", "/api/v1/items", Named("list"));
  for (const char* target : {"/nope", "/api/v1/items/", "/api/v1", "/", "/api/v1/items/x/y"}) {
    auto response = Call(router, "GET", target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(response.headers.Get("content-type"), "application/problem+json");
    EXPECT_EQ(BodyOf(response)["status"], 404);
    EXPECT_EQ(BodyOf(response)["type"], "https://sealpost.eu/problems/not_found");
  }
}

TEST(RouterTest, EmptySegmentDoesNotFillAParameter) {
  Router router;
  router.Add("GET", "/items/{id}/x", Named("x"));
  EXPECT_EQ(Call(router, "GET", "/items//x").status, 404);
}

TEST(RouterTest, WrongMethodIsA405WithAllow) {
  Router router;
  router.Add("GET", "/items/{id}", Named("get"));
  router.Add("DELETE", "/items/{id}", Named("delete"));
  router.Add("POST", "/items", Named("create"));
  auto response = Call(router, "PUT", "/items/5");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.headers.Get("Allow"), "DELETE, GET");
  EXPECT_EQ(BodyOf(response)["type"], "https://sealpost.eu/problems/method_not_allowed");
}

TEST(RouterTest, MalformedEscapeIsA400) {
  Router router;
  router.Add("GET", "/items/{id}", Named("get"));
  HttpRequest request;
  request.method = "GET";
  request.raw_path = "/items/%zz";
  EXPECT_EQ(router.Handle(request).status, 400);
  EXPECT_FALSE(HttpRequest::FromTarget("GET", "/items/%4").has_value());
  EXPECT_FALSE(HttpRequest::FromTarget("GET", "/items/a%00b").has_value());
}

TEST(RouterTest, RejectsMalformedAndDuplicatePatternsAtStartUp) {
  Router router;
  router.Add("GET", "/items/{id}", Named("get"));
  EXPECT_THROW(router.Add("GET", "/items/{other}", Named("dup")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "items", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/{id", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/x{id}", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/{rest...}/b", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a/{id}/{id}", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("get", "/a", Named("x")), std::invalid_argument);
  EXPECT_THROW(router.Add("GET", "/a", Router::Handler{}), std::invalid_argument);
  EXPECT_NO_THROW(router.Add("PUT", "/items/{id}", Named("put")));
}

TEST(RequestTest, QueryIsParsedAndDecoded) {
  auto request = HttpRequest::FromTarget("GET", "/search?q=a+b%26c&empty=&flag&q=second");
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->path, "/search");
  EXPECT_EQ(request->Query("q"), "a b&c");
  EXPECT_EQ(request->Query("empty"), "");
  EXPECT_EQ(request->Query("flag"), "");
  EXPECT_FALSE(request->Query("missing").has_value());
  EXPECT_EQ(request->query.size(), 4u);
  EXPECT_FALSE(HttpRequest::FromTarget("GET", "/s?q=%G1").has_value());
}

TEST(RequestTest, HeaderLookupIgnoresCase) {
  HttpRequest request;
  request.headers.Add("Content-Type", "application/json");
  request.headers.Add("X-Thing", "1");
  request.headers.Add("x-thing", "2");
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_EQ(request.headers.GetAll("X-THING").size(), 2u);
  EXPECT_FALSE(request.Header("Authorization").has_value());
}

}  // namespace
}  // namespace sealpost::http
