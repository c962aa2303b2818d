// Which webhook URLs are accepted (domain/webhook_url.hpp): the tricky spellings of private and
// loopback addresses an attacker would try (SSRF), and the ordinary URLs an integrator uses.
#include <gtest/gtest.h>

#include "domain/webhook_url.hpp"

namespace sealpost::domain {
namespace {

const WebhookUrlPolicy kProduction{};
const WebhookUrlPolicy kDemo{true, {}};

TEST(WebhookUrl, PublicHttpsUrlsAreAccepted) {
  for (const char* url : {"https://erp.example.be/hooks/sealpost", "https://93.184.216.34/x",
                          "https://[2606:2800:220:1:248:1893:25c8:1946]:8443/hook?a=b",
                          "HTTPS://Erp.Example.BE:443/path", "https://hooks.example.com."}) {
    auto checked = CheckWebhookUrl(url, kProduction);
    EXPECT_TRUE(checked.has_value()) << url << ": " << checked.error().message;
  }
  auto parsed = CheckWebhookUrl("HTTPS://Erp.Example.BE:8443/p", kProduction);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->host, "erp.example.be");
  EXPECT_EQ(parsed->port, 8443);
  EXPECT_EQ(CheckWebhookUrl("https://erp.example.be/", kProduction)->port, 443);
}

TEST(WebhookUrl, PrivateLoopbackAndMetadataAddressesAreRefusedInEverySpelling) {
  for (const char* url : {"https://127.0.0.1/",
                          "https://127.1/",
                          "https://2130706433/",
                          "https://0x7f000001/",
                          "https://0x7f.0.0.1/",
                          "https://0177.0.0.1/",
                          "https://017700000001/",
                          "https://127.0.0.1./",
                          "https://0.0.0.0/",
                          "https://0/",
                          "https://10.1.2.3/",
                          "https://172.16.0.1/",
                          "https://172.31.255.255/",
                          "https://192.168.1.1/",
                          "https://100.64.0.1/",
                          "https://169.254.169.254/latest/meta-data/",
                          "https://0xa9fea9fe/",
                          "https://224.0.0.1/",
                          "https://255.255.255.255/",
                          "https://198.18.0.1/",
                          "https://[::1]/",
                          "https://[::]/",
                          "https://[::ffff:127.0.0.1]/",
                          "https://[::ffff:7f00:1]/",
                          "https://[::ffff:169.254.169.254]/",
                          "https://[64:ff9b::a9fe:a9fe]/",
                          "https://[2002:7f00:1::]/",
                          "https://[::127.0.0.1]/",
                          "https://[fe80::1]/",
                          "https://[fc00::1]/",
                          "https://[fd12:3456::1]/",
                          "https://[ff02::1]/",
                          "https://[2001:db8::1]/",
                          "https://localhost/",
                          "https://LOCALHOST/",
                          "https://api.localhost/",
                          "https://metadata.google.internal/",
                          "https://printer.local/",
                          "https://intranet/"}) {
    auto checked = CheckWebhookUrl(url, kProduction);
    EXPECT_FALSE(checked.has_value()) << url << " was accepted";
    if (!checked) {
      EXPECT_EQ(checked.error().code, common::ErrorCode::kInvalidArgument);
    }
  }
}

TEST(WebhookUrl, MalformedOrUnsafeUrlsAreRefused) {
  for (const char* url :
       {"", "erp.example.be/hook", "ftp://erp.example.be/", "file:///etc/passwd",
        "gopher://erp.example.be/", "https://user:pw@erp.example.be/",
        "https://erp.example.be@127.0.0.1/", "https://erp.example.be/#frag",
        "https://erp.example.be:0/", "https://erp.example.be:70000/", "https://erp.example.be:8x/",
        "https://erp example.be/", "https://erp.example.be/\r\nX: y", "https:///path",
        "https://[::1/", "https://érp.example.be/", "https://erp\\.example.be/"}) {
    EXPECT_FALSE(CheckWebhookUrl(url, kProduction).has_value()) << url << " was accepted";
  }
  EXPECT_FALSE(CheckWebhookUrl("https://e.be/" + std::string(2048, 'a'), kProduction));
}

TEST(WebhookUrl, PlainHttpOnlyForLoopbackHostsInDemoMode) {
  EXPECT_FALSE(CheckWebhookUrl("http://erp.example.be/hook", kProduction).has_value());
  EXPECT_FALSE(CheckWebhookUrl("http://localhost:8080/hook", kProduction).has_value());
  EXPECT_FALSE(CheckWebhookUrl("http://erp.example.be/hook", kDemo).has_value());
  EXPECT_FALSE(CheckWebhookUrl("http://10.0.0.1/hook", kDemo).has_value());
  EXPECT_FALSE(CheckWebhookUrl("https://169.254.169.254/", kDemo).has_value());
  EXPECT_FALSE(CheckWebhookUrl("http://2130706433/", kDemo).has_value());
  EXPECT_FALSE(CheckWebhookUrl("http://127.0.0.2/", kDemo).has_value());
  EXPECT_FALSE(CheckWebhookUrl("http://api.localhost/", kDemo).has_value());
  for (const char* url : {"http://localhost:8080/hook", "http://127.0.0.1:9/x", "http://[::1]:80/",
                          "https://localhost/"}) {
    EXPECT_TRUE(CheckWebhookUrl(url, kDemo).has_value()) << url;
  }
}

TEST(WebhookUrl, AllowListedHostsSkipTheAddressChecksButStillNeedHttps) {
  const WebhookUrlPolicy policy{false, {"erp.intranet.acme", "10.0.0.7"}};
  EXPECT_TRUE(CheckWebhookUrl("https://erp.intranet.acme/hook", policy).has_value());
  EXPECT_TRUE(CheckWebhookUrl("https://10.0.0.7/hook", policy).has_value());
  EXPECT_FALSE(CheckWebhookUrl("http://10.0.0.7/hook", policy).has_value());
  EXPECT_FALSE(CheckWebhookUrl("https://10.0.0.8/hook", policy).has_value());
}

TEST(WebhookUrl, ResolvedAddressesOfANameAreJudgedToo) {
  auto url = CheckWebhookUrl("https://rebind.example.com/", kProduction);
  ASSERT_TRUE(url.has_value());
  EXPECT_FALSE(MayConnect(*url, {127, 0, 0, 1}, kProduction));
  EXPECT_FALSE(MayConnect(*url, {10, 0, 0, 5}, kProduction));
  EXPECT_FALSE(MayConnect(*url, *ParseIpLiteral("::ffff:192.168.0.1"), kProduction));
  EXPECT_TRUE(MayConnect(*url, {93, 184, 216, 34}, kProduction));
  // In demo mode a loopback host may reach loopback addresses, and only those.
  auto local = CheckWebhookUrl("http://localhost:8080/", kDemo);
  ASSERT_TRUE(local.has_value());
  EXPECT_TRUE(MayConnect(*local, {127, 0, 0, 1}, kDemo));
  EXPECT_TRUE(MayConnect(*local, *ParseIpLiteral("::1"), kDemo));
  EXPECT_FALSE(MayConnect(*local, {10, 0, 0, 5}, kDemo));
  EXPECT_FALSE(MayConnect(*url, {127, 0, 0, 1}, kDemo));
}

TEST(WebhookUrl, IpLiteralsParseLikeAResolverReadsThem) {
  EXPECT_EQ(ParseIpLiteral("2130706433"), (IpAddress{127, 0, 0, 1}));
  EXPECT_EQ(ParseIpLiteral("0x7f.1"), (IpAddress{127, 0, 0, 1}));
  EXPECT_EQ(ParseIpLiteral("10.0x10.3"), (IpAddress{10, 16, 0, 3}));
  EXPECT_EQ(ParseIpLiteral("0300.0250.1.1"), (IpAddress{192, 168, 1, 1}));
  EXPECT_FALSE(ParseIpLiteral("256.1.1.1").has_value());
  EXPECT_FALSE(ParseIpLiteral("1.2.3.4.5").has_value());
  EXPECT_FALSE(ParseIpLiteral("08.1.1.1").has_value());  // 8 is not an octal digit
  EXPECT_FALSE(ParseIpLiteral("example.com").has_value());
  EXPECT_EQ(ParseIpLiteral("[::1]")->size(), 16u);
}

}  // namespace
}  // namespace sealpost::domain
