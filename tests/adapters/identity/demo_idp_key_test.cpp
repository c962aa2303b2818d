// The demo IdP's signing key (generated once, 0600, reloaded with the same kid) and its fixed test
// citizens (valid national numbers, one using the post-2000 check rule).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "adapters/identity/demo_idp_citizens.hpp"
#include "adapters/identity/demo_idp_signing_key.hpp"
#include "domain/belgian_identifiers.hpp"

namespace sealpost::adapters::identity {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "demo-idp-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(DemoIdpSigningKey, IsGeneratedOnceWithMode0600AndReloadedWithTheSameKid) {
  TempDir tmp;
  const fs::path file = tmp.path() / "pki" / "demo-idp-key.pem";
  auto first = DemoIdpSigningKey::LoadOrCreate(file);
  ASSERT_TRUE(first) << first.error().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = DemoIdpSigningKey::LoadOrCreate(file);
  ASSERT_TRUE(second) << second.error().ToString();
  EXPECT_EQ(first->kid(), second->kid());
  EXPECT_EQ(first->public_jwk_json(), second->public_jwk_json());
  EXPECT_EQ(first->kid().size(), 43u);  // base64url SHA-256 thumbprint
}

TEST(DemoIdpSigningKey, RefusesAFileThatIsNotAnRsaKey) {
  TempDir tmp;
  const fs::path file = tmp.path() / "demo-idp-key.pem";
  std::ofstream(file) << "not a key\n";
  auto key = DemoIdpSigningKey::LoadOrCreate(file);
  ASSERT_FALSE(key);
  std::ifstream in(file);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "not a key\n");  // never silently replaced
}

TEST(DemoCitizens, HaveValidDistinctNationalNumbersAndDemoAddresses) {
  const auto& citizens = DemoCitizens();
  ASSERT_GE(citizens.size(), 5u);
  std::set<std::string> subjects;
  bool post_2000 = false;
  for (const DemoCitizen& c : citizens) {
    auto parsed = domain::NationalNumber::Parse(c.national_number);
    ASSERT_TRUE(parsed) << c.national_number;
    EXPECT_EQ(parsed->digits, c.national_number);
    // Valid only with the "2" prefix: the plain check over the 9 digits would differ.
    const long long nine = std::stoll(c.national_number.substr(0, 9));
    const int check = std::stoi(c.national_number.substr(9));
    if (97 - nine % 97 != check) {
      EXPECT_EQ(97 - (2000000000LL + nine) % 97, check);
      post_2000 = true;
    }
    EXPECT_TRUE(c.email.ends_with("@demo.sealpost.test")) << c.email;
    EXPECT_FALSE(c.locale.empty());
    EXPECT_TRUE(subjects.insert(c.subject).second);
  }
  EXPECT_TRUE(post_2000);
  EXPECT_EQ(citizens[0].given_name, "Émile");
  EXPECT_EQ(citizens[0].family_name, "Dupont-Lefèvre");
}

}  // namespace
}  // namespace sealpost::adapters::identity
