// The API documentation (PRODUCT.md §7): the OpenAPI description at /api/v1/openapi.json is the
// file of the source tree, anonymous and cacheable (ETag → 304), and /api/docs renders it from our
// own origin under the pages' Content-Security-Policy, with an external script only.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string SourceFile(const std::string& relative) {
  std::ifstream in(std::string(SEALPOST_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class OpenApiDocsTest : public IntegrationTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(OpenApiDocsTest, TheDescriptionIsServedAsIsAndRevalidatesWithItsETag) {
  Response r = client().Get("/api/v1/openapi.json", "");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_THAT(r.Header("content-type"), StartsWith("application/json"));
  EXPECT_EQ(r.body, SourceFile("web/api/openapi.json"));
  EXPECT_EQ(r.Json()["openapi"], "3.1.0");
  const std::string etag = r.Header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_THAT(r.Header("cache-control"), HasSubstr("max-age"));

  Response again = client().Raw("GET", "/api/v1/openapi.json", "", "", {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304) << again.Describe();
  EXPECT_TRUE(again.body.empty());
  Response stale =
      client().Raw("GET", "/api/v1/openapi.json", "", "", {"If-None-Match: \"not-this-one\""});
  EXPECT_EQ(stale.status, 200) << stale.Describe();
}

TEST_F(OpenApiDocsTest, TheDocsPageLoadsOnlyOwnScriptsUnderTheContentSecurityPolicy) {
  Response page = client().Get("/api/docs", "");
  ASSERT_EQ(page.status, 200) << page.Describe();
  EXPECT_THAT(page.Header("content-type"), StartsWith("text/html"));
  const std::string csp = page.Header("content-security-policy");
  EXPECT_THAT(csp, HasSubstr("script-src 'self'"));
  EXPECT_THAT(csp, Not(HasSubstr("unsafe-inline")));
  EXPECT_THAT(page.body, HasSubstr("/api/v1/openapi.json"));  // a link even without script

  // Every script is an external file of ours, and each is served.
  const std::regex script(R"re(<script([^>]*)>([^<]*)</script>)re");
  int scripts = 0;
  for (std::sregex_iterator it(page.body.begin(), page.body.end(), script), end; it != end; ++it) {
    ++scripts;
    EXPECT_EQ((*it)[2].str(), "") << "inline script: " << (*it)[0];
    std::smatch src;
    const std::string attributes = (*it)[1];
    ASSERT_TRUE(std::regex_search(attributes, src, std::regex(R"re(src="(/api/docs/[^"]+)")re")))
        << (*it)[0];
    Response js = client().Get(src[1], "");
    EXPECT_EQ(js.status, 200) << src[1] << ": " << js.Describe();
    EXPECT_THAT(js.Header("content-type"), StartsWith("text/javascript"));
    EXPECT_FALSE(js.Header("etag").empty());
  }
  EXPECT_EQ(scripts, 2);
  Response css = client().Get("/api/docs/swagger-ui.css", "");
  EXPECT_EQ(css.status, 200) << css.Describe();
  EXPECT_EQ(client().Get("/api/docs/package.json", "").status, 404);
}

}  // namespace
}  // namespace sealpost::integration
