// The offline proofs a user takes away: the proof bundle zip and single evidence files, checked by
// the real `sealpost verify` binary, which must also notice a single changed byte.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/integration_support.hpp"

namespace sealpost::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

class ProofBundleTest : public IntegrationTest {
 protected:
  // Submits, lets the recipient read the content, and returns the item id.
  std::string DeliveredItem() {
    nlohmann::json item = SubmitToDemoRecipient("Proof bundle notice", SmallPdf());
    const std::string delivery_id = item["deliveries"][0].value("id", "");
    WaitForEvent(item.value("id", ""), sender(), "ConsignmentNotification");
    Response content = client().Get("/api/v1/deliveries/" + delivery_id + "/content", recipient());
    EXPECT_EQ(content.status, 200) << content.Describe();
    return item.value("id", "");
  }
};

TEST_F(ProofBundleTest, BundleVerifiesOfflineAndAFlippedByteFailsIt) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const std::string item_id = DeliveredItem();
  ASSERT_FALSE(item_id.empty());
  Response r = client().Get("/api/v1/items/" + item_id + "/proof-bundle", sender());
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_THAT(r.Header("content-type"), HasSubstr("application/zip"));
  ASSERT_TRUE(r.body.starts_with("PK\x03\x04")) << "not a zip";
  const fs::path bundle = work_dir() / "bundle.zip";
  WriteFile(bundle, r.body);

  // The service's own data directory is not needed: the bundle carries its trust material.
  CommandResult ok = SealpostVerify(bundle);
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  for (const char* event : {"SubmissionAcceptance", "ContentConsignment", "ConsignmentNotification",
                            "ContentHandover"}) {
    EXPECT_THAT(ok.output, HasSubstr(event));
  }
  EXPECT_THAT(ok.output, Not(HasSubstr("FAIL")));

  const fs::path unpacked = work_dir() / "unpacked";
  CommandResult unzip = RunCommand("unzip -q " + ShellQuote(bundle.string()) + " -d " +
                                   ShellQuote(unpacked.string()));
  ASSERT_EQ(unzip.exit_code, 0) << unzip.output;
  fs::path victim;
  for (const auto& entry : fs::directory_iterator(unpacked / "evidence")) {
    if (entry.path().filename().string().find("ContentHandover") != std::string::npos)
      victim = entry.path();
  }
  ASSERT_FALSE(victim.empty()) << "no ContentHandover evidence in the bundle";
  std::string xml = ReadFile(victim);
  std::string tampered = FlipByteInElement(xml, "ev:MessageSubject");
  ASSERT_NE(tampered, xml);
  WriteFile(victim, tampered);
  const fs::path repacked = work_dir() / "tampered.zip";
  CommandResult zip = RunCommand("cd " + ShellQuote(unpacked.string()) + " && zip -q -r -X " +
                                 ShellQuote(repacked.string()) + " .");
  ASSERT_EQ(zip.exit_code, 0) << zip.output;
  CommandResult bad = SealpostVerify(repacked);
  EXPECT_NE(bad.exit_code, 0) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("FAIL"));
}

TEST_F(ProofBundleTest, SingleEvidenceVerifiesAgainstTheDemoRootAndFlippedTextFailsIt) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  nlohmann::json item = SubmitToDemoRecipient("Single evidence check", SmallPdf());
  const std::string item_id = item.value("id", "");
  ASSERT_FALSE(item_id.empty());
  auto evidence = EvidenceList(item_id, sender());
  ASSERT_FALSE(evidence.empty());
  Response r = client().Get("/api/v1/evidence/" + evidence[0].value("id", ""), sender());
  ASSERT_EQ(r.status, 200) << r.Describe();
  const std::string trust = server().ca_pem().string();

  const fs::path good = work_dir() / "evidence.xml";
  WriteFile(good, r.body);
  CommandResult ok = SealpostVerify(good, {"--trust", trust});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_THAT(ok.output, HasSubstr(evidence[0].value("event", "")));

  const fs::path subject = work_dir() / "subject-flipped.xml";
  WriteFile(subject, FlipByteInElement(r.body, "ev:MessageSubject"));
  CommandResult subject_result = SealpostVerify(subject, {"--trust", trust});
  EXPECT_NE(subject_result.exit_code, 0) << subject_result.output;
  EXPECT_THAT(subject_result.output, HasSubstr("FAIL"));

  std::string recipient_xml = r.body;
  auto at = recipient_xml.find(kRecipientName);
  ASSERT_NE(at, std::string::npos) << "the recipient's name is not in the evidence";
  recipient_xml[at + 5] = 'r';  // "Demo Recipient" -> "Demo recipient"
  const fs::path recipient_path = work_dir() / "recipient-flipped.xml";
  WriteFile(recipient_path, recipient_xml);
  CommandResult recipient_result = SealpostVerify(recipient_path, {"--trust", trust});
  EXPECT_NE(recipient_result.exit_code, 0) << recipient_result.output;
  EXPECT_THAT(recipient_result.output, HasSubstr("FAIL"));
}

}  // namespace
}  // namespace sealpost::integration
