#include "adapters/crypto/demo_pki.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "adapters/crypto/crypto_test_support.hpp"
#include "fakes/fake_clock.hpp"

namespace sealpost::adapters::crypto {
namespace {

using test_support::RunCommand;
using test_support::TempDir;

mode_t FileMode(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

class DemoPkiTest : public ::testing::Test {
 protected:
  TempDir tmp_;
  std::filesystem::path dir_ = tmp_.path() / "pki";
  sealpost::testing::FakeClock clock_{test_support::TestTime()};
};

TEST_F(DemoPkiTest, GeneratesThenReloadsTheSameKeys) {
  auto first = DemoPki::LoadOrCreate(dir_, clock_);
  ASSERT_TRUE(first) << first.error().ToString();
  auto second = DemoPki::LoadOrCreate(dir_, clock_);
  ASSERT_TRUE(second) << second.error().ToString();

  EXPECT_EQ(first->ca_certificate_pem(), second->ca_certificate_pem());
  EXPECT_EQ(first->seal_certificate_pem(), second->seal_certificate_pem());
  EXPECT_EQ(first->tsa_certificate_pem(), second->tsa_certificate_pem());
  EXPECT_EQ(first->seal_key_pem(), second->seal_key_pem());
  EXPECT_EQ(first->tsa_key_pem(), second->tsa_key_pem());
  EXPECT_EQ(EVP_PKEY_eq(first->seal_key(), second->seal_key()), 1);
  EXPECT_EQ(EVP_PKEY_eq(first->tsa_key(), second->tsa_key()), 1);
  EXPECT_EQ(EVP_PKEY_eq(first->ca_key(), second->ca_key()), 1);
  EXPECT_EQ(EVP_PKEY_eq(first->log_key(), second->log_key()), 1);
  EXPECT_EQ(first->log_seed(), second->log_seed());
  EXPECT_EQ(first->log_seed().size(), 32u);
  EXPECT_EQ(first->log_public_key().size(), 32u);
  EXPECT_EQ(first->log_public_key(), second->log_public_key());
  // Distinct keys, not one key reused for every role.
  EXPECT_NE(EVP_PKEY_eq(first->seal_key(), first->tsa_key()), 1);
  EXPECT_NE(first->seal_key_pem(), first->tsa_key_pem());
}

TEST_F(DemoPkiTest, TwoDirectoriesGetDifferentKeys) {
  auto a = DemoPki::LoadOrCreate(dir_, clock_);
  auto b = DemoPki::LoadOrCreate(tmp_.path() / "other", clock_);
  ASSERT_TRUE(a && b);
  EXPECT_NE(EVP_PKEY_eq(a->seal_key(), b->seal_key()), 1);
  EXPECT_NE(a->log_seed(), b->log_seed());
}

TEST_F(DemoPkiTest, KeysAreOwnerOnlyAndNoTempFilesRemain) {
  ASSERT_TRUE(DemoPki::LoadOrCreate(dir_, clock_));
  EXPECT_EQ(FileMode(dir_ / DemoPki::kCaKeyFile), 0600u);
  EXPECT_EQ(FileMode(dir_ / DemoPki::kSealKeyFile), 0600u);
  EXPECT_EQ(FileMode(dir_ / DemoPki::kTsaKeyFile), 0600u);
  EXPECT_EQ(FileMode(dir_ / DemoPki::kLogSeedFile), 0600u);
  EXPECT_EQ(FileMode(dir_), 0700u);
  EXPECT_EQ(std::filesystem::file_size(dir_ / DemoPki::kLogSeedFile), 32u);
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 7);
}

TEST_F(DemoPkiTest, OpenSslCliVerifiesTheCertificatesAgainstTheCa) {
  ASSERT_TRUE(DemoPki::LoadOrCreate(dir_, clock_));
  std::string ca = (dir_ / "ca.pem").string();
  auto seal = RunCommand("openssl verify -CAfile " + ca + " " + (dir_ / "seal.pem").string());
  EXPECT_EQ(seal.exit_code, 0) << seal.output;
  auto tsa = RunCommand("openssl verify -purpose timestampsign -CAfile " + ca + " " +
                        (dir_ / "tsa.pem").string());
  EXPECT_EQ(tsa.exit_code, 0) << tsa.output;
  // The seal certificate is not a time-stamping certificate: the purpose check must bite.
  auto seal_as_tsa = RunCommand("openssl verify -purpose timestampsign -CAfile " + ca + " " +
                                (dir_ / "seal.pem").string());
  EXPECT_NE(seal_as_tsa.exit_code, 0) << seal_as_tsa.output;

  // Against another installation's CA the same certificate is rejected.
  auto other_dir = tmp_.path() / "other";
  ASSERT_TRUE(DemoPki::LoadOrCreate(other_dir, clock_));
  auto foreign = RunCommand("openssl verify -CAfile " + (other_dir / "ca.pem").string() + " " +
                            (dir_ / "seal.pem").string());
  EXPECT_NE(foreign.exit_code, 0) << foreign.output;
}

TEST_F(DemoPkiTest, CertificatesCarryTheRequiredExtensions) {
  ASSERT_TRUE(DemoPki::LoadOrCreate(dir_, clock_));
  auto ca = RunCommand("openssl x509 -noout -text -in " + (dir_ / "ca.pem").string());
  ASSERT_EQ(ca.exit_code, 0) << ca.output;
  EXPECT_NE(ca.output.find("X509v3 Basic Constraints: critical\n                CA:TRUE"),
            std::string::npos)
      << ca.output;
  EXPECT_NE(ca.output.find("Certificate Sign, CRL Sign"), std::string::npos) << ca.output;
  EXPECT_NE(ca.output.find("ASN1 OID: prime256v1"), std::string::npos) << ca.output;

  auto seal = RunCommand("openssl x509 -noout -text -in " + (dir_ / "seal.pem").string());
  ASSERT_EQ(seal.exit_code, 0) << seal.output;
  EXPECT_NE(seal.output.find("X509v3 Key Usage: critical\n                Digital Signature, "
                             "Non Repudiation"),
            std::string::npos)
      << seal.output;
  EXPECT_NE(seal.output.find("CN = sealpost demo seal"), std::string::npos) << seal.output;

  auto tsa = RunCommand("openssl x509 -noout -text -in " + (dir_ / "tsa.pem").string());
  ASSERT_EQ(tsa.exit_code, 0) << tsa.output;
  EXPECT_NE(tsa.output.find("X509v3 Extended Key Usage: critical\n                Time Stamping"),
            std::string::npos)
      << tsa.output;
  EXPECT_NE(tsa.output.find("ecdsa-with-SHA256"), std::string::npos) << tsa.output;
}

TEST_F(DemoPkiTest, ValidityStartsFromTheInjectedClock) {
  auto pki = DemoPki::LoadOrCreate(dir_, clock_);
  ASSERT_TRUE(pki);
  auto dates =
      RunCommand("openssl x509 -noout -startdate -enddate -in " + (dir_ / "ca.pem").string());
  ASSERT_EQ(dates.exit_code, 0) << dates.output;
  EXPECT_NE(dates.output.find("notBefore=Nov 27 21:10:00 2026 GMT"), std::string::npos)
      << dates.output;
  EXPECT_NE(dates.output.find("notAfter=Nov 24 22:10:00 2036 GMT"), std::string::npos)
      << dates.output;
}

TEST_F(DemoPkiTest, RefusesAnIncompleteDirectory) {
  ASSERT_TRUE(DemoPki::LoadOrCreate(dir_, clock_));
  std::filesystem::remove(dir_ / DemoPki::kTsaKeyFile);
  auto again = DemoPki::LoadOrCreate(dir_, clock_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, common::ErrorCode::kFailedPrecondition);
  EXPECT_NE(again.error().message.find("tsa-key.pem"), std::string::npos) << again.error().message;
}

TEST_F(DemoPkiTest, RefusesAKeyThatDoesNotMatchItsCertificate) {
  ASSERT_TRUE(DemoPki::LoadOrCreate(dir_, clock_));
  std::filesystem::copy_file(dir_ / DemoPki::kTsaKeyFile, dir_ / DemoPki::kSealKeyFile,
                             std::filesystem::copy_options::overwrite_existing);
  auto again = DemoPki::Load(dir_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, common::ErrorCode::kFailedPrecondition);
}

TEST_F(DemoPkiTest, RefusesACertificateFromAnotherCa) {
  ASSERT_TRUE(DemoPki::LoadOrCreate(dir_, clock_));
  auto other_dir = tmp_.path() / "other";
  ASSERT_TRUE(DemoPki::LoadOrCreate(other_dir, clock_));
  // Swap in the other installation's CA (with its key): seal and TSA are no longer its children.
  for (const char* name : {DemoPki::kCaCertificateFile, DemoPki::kCaKeyFile}) {
    std::filesystem::copy_file(other_dir / name, dir_ / name,
                               std::filesystem::copy_options::overwrite_existing);
  }
  auto again = DemoPki::Load(dir_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, common::ErrorCode::kFailedPrecondition);
}

TEST_F(DemoPkiTest, LoadOfAnEmptyDirectoryIsNotFound) {
  auto pki = DemoPki::Load(tmp_.path());
  ASSERT_FALSE(pki);
  EXPECT_EQ(pki.error().code, common::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sealpost::adapters::crypto
