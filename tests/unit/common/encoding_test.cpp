#include <gtest/gtest.h>

#include "common/bytes.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/sha256.hpp"

namespace sealpost::common {
namespace {

TEST(Base64, MatchesRfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(ToBytes(plain)), encoded);
    auto decoded = Base64Decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(ToString(*decoded), plain);
  }
}

TEST(Base64, RejectsNonCanonicalInput) {
  for (const char* bad : {"Zg=", "Zh==", "Zm9v!", "Z===", "Zg==Zg==", "Zm 9"}) {
    EXPECT_FALSE(Base64Decode(bad).has_value()) << bad;
  }
}

TEST(Hex, RoundTripsAndRejectsOddOrForeignText) {
  Bytes b = {0x00, 0xab, 0xff};
  EXPECT_EQ(HexEncode(b), "00abff");
  EXPECT_EQ(HexDecode("00ABff"), b);
  EXPECT_FALSE(HexDecode("abc").has_value());
  EXPECT_FALSE(HexDecode("zz").has_value());
}

TEST(Sha256, MatchesKnownDigestAndIncrementalForm) {
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Hasher h;
  h.Update("a");
  h.Update("bc");
  EXPECT_EQ(h.Finish(), Sha256("abc"));
}

TEST(Rfc3339, FormatsAndParsesUtcWithMicroseconds) {
  auto t = ParseRfc3339("2026-11-27T22:10:00.123456Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatRfc3339(*t), "2026-11-27T22:10:00.123456Z");
  EXPECT_EQ(FormatRfc3339(*ParseRfc3339("2000-02-29T00:00:00Z")), "2000-02-29T00:00:00.000000Z");
  EXPECT_FALSE(ParseRfc3339("2026-11-27T22:10:00+01:00").has_value());
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z").has_value());
}

TEST(Random, UuidsAreVersion4AndDistinct) {
  SecureRandom random;
  std::string a = NewUuid(random);
  std::string b = NewUuid(random);
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
  std::string token = NewToken(random, 32);
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos);
  EXPECT_EQ(token.size(), 43u);
}

}  // namespace
}  // namespace sealpost::common

#include "common/html.hpp"

namespace sealpost::common {
namespace {

TEST(HtmlEscape, NeutralisesMarkupAndQuotes) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("Émile Dupont-Lefèvre"), "Émile Dupont-Lefèvre");
}

}  // namespace
}  // namespace sealpost::common
