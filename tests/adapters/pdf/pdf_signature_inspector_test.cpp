// OpenSslPdfSignatureInspector on PDFs sealed by PadesPdfSealer, altered the ways an attacker or
// an ordinary editor would, signed with a certificate shaped like a Belgian eID signature
// certificate, and carrying a document time-stamp.
#include "adapters/pdf/pdf_signature_inspector.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "adapters/crypto/pem.hpp"
#include "adapters/pdf/cairo_pdf_renderer.hpp"
#include "adapters/pdf/pdf_byte_range.hpp"
#include "adapters/pdf/pdf_signature_update.hpp"
#include "pdf_test_support.hpp"

namespace sealpost::adapters::pdf {
namespace {

using namespace test_support;
using app::PdfSignatureReport;
using app::PdfSignatureVerdict;
using ::testing::HasSubstr;

std::string SealedCertificate() {
  auto sealed = SealingEnvironment::Get().sealer().Seal(RenderCertificate());
  EXPECT_TRUE(sealed.has_value());
  return sealed ? *sealed : std::string();
}

std::vector<PdfSignatureReport> Inspect(const std::string& pdf, std::vector<X509*> anchors = {}) {
  auto& environment = SealingEnvironment::Get();
  if (anchors.empty()) anchors = environment.anchors();
  auto reports = environment.inspector().Inspect(pdf, anchors);
  EXPECT_TRUE(reports.has_value()) << (reports ? "" : reports.error().ToString());
  return reports ? *reports : std::vector<PdfSignatureReport>{};
}

TEST(PdfSignatureInspectorTest, OurSealIsValidTimeStampedAndNamesTheSealCertificate) {
  const std::string sealed = SealedCertificate();
  const auto reports = Inspect(sealed);
  ASSERT_EQ(reports.size(), 1u);
  const PdfSignatureReport& report = reports.front();
  EXPECT_EQ(report.verdict, PdfSignatureVerdict::kValid)
      << ::testing::PrintToString(report.problems);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.field_name, "sealpost-seal-1");
  EXPECT_EQ(report.sub_filter, "ETSI.CAdES.detached");
  EXPECT_EQ(report.kind, app::PdfSignatureKind::kSignature);
  EXPECT_TRUE(report.byte_range_ok);
  EXPECT_TRUE(report.covers_whole_file);
  EXPECT_EQ(report.signed_revision_size, sealed.size());
  EXPECT_TRUE(report.digest_ok);
  EXPECT_TRUE(report.chain_trusted);
  EXPECT_TRUE(report.has_time_stamp);
  EXPECT_TRUE(report.time_stamp_intact);
  EXPECT_TRUE(report.time_stamp_ok);
  EXPECT_EQ(report.signing_time_source, app::PdfSigningTimeSource::kTimeStamp);
  ASSERT_TRUE(report.signing_time.has_value());
  const auto age = SealingEnvironment::Get().clock().Now() - *report.signing_time;
  EXPECT_LT(std::chrono::abs(age), std::chrono::minutes(1));
  EXPECT_EQ(report.chain_checked_at, *report.signing_time);
  EXPECT_EQ(report.signer.common_name, "sealpost demo seal");
  EXPECT_EQ(report.signer.subject, "CN=sealpost demo seal,O=sealpost demo,C=BE");
  EXPECT_THAT(report.signer.issuer, HasSubstr("CN=sealpost demo root CA"));
}

TEST(PdfSignatureInspectorTest, ATamperedByteInTheSignedRangeMakesItInvalid) {
  std::string sealed = SealedCertificate();
  const std::size_t at = sealed.find("cairographics");
  ASSERT_NE(at, std::string::npos);
  sealed[at] = 'C';
  const auto reports = Inspect(sealed);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(reports.front().byte_range_ok);
  EXPECT_FALSE(reports.front().digest_ok);
  EXPECT_EQ(reports.front().verdict, PdfSignatureVerdict::kInvalid);
  EXPECT_THAT(::testing::PrintToString(reports.front().problems), HasSubstr("does not verify"));
}

TEST(PdfSignatureInspectorTest, DataAppendedAfterTheSignatureIsReported) {
  const std::string sealed = SealedCertificate();
  const std::string appended = "\n% a later incremental update would go here\n";
  const auto reports = Inspect(sealed + appended);
  ASSERT_EQ(reports.size(), 1u);
  const PdfSignatureReport& report = reports.front();
  EXPECT_TRUE(report.digest_ok);           // the signed revision itself is intact...
  EXPECT_FALSE(report.covers_whole_file);  // ...but it is not the whole file any more
  EXPECT_EQ(report.signed_revision_size, sealed.size());
  EXPECT_EQ(report.bytes_after_signed_revision, appended.size());
  EXPECT_EQ(report.verdict, PdfSignatureVerdict::kValidWithLaterChanges);
}

TEST(PdfSignatureInspectorTest, ASecondSealLeavesTheFirstValidWithLaterChanges) {
  auto twice = SealingEnvironment::Get().sealer().Seal(SealedCertificate());
  ASSERT_TRUE(twice.has_value());
  const auto reports = Inspect(*twice);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].field_name, "sealpost-seal-1");
  EXPECT_EQ(reports[0].verdict, PdfSignatureVerdict::kValidWithLaterChanges);
  EXPECT_EQ(reports[1].field_name, "sealpost-seal-2");
  EXPECT_EQ(reports[1].verdict, PdfSignatureVerdict::kValid);
}

TEST(PdfSignatureInspectorTest, AnotherTrustAnchorLeavesTheSignerUntrusted) {
  TempDir other_dir;
  common::SystemClock clock;
  auto other = crypto::DemoPki::LoadOrCreate(other_dir.path() / "pki", clock);
  ASSERT_TRUE(other.has_value());
  const auto reports = Inspect(SealedCertificate(), {other->ca_certificate()});
  ASSERT_EQ(reports.size(), 1u);
  const PdfSignatureReport& report = reports.front();
  EXPECT_TRUE(report.digest_ok);
  EXPECT_FALSE(report.chain_trusted);
  EXPECT_FALSE(report.chain_error.empty());
  EXPECT_EQ(report.verdict, PdfSignatureVerdict::kUntrusted);
  // The TSA is not trusted either: its token is intact, but its time is only claimed.
  EXPECT_TRUE(report.time_stamp_intact);
  EXPECT_FALSE(report.time_stamp_ok);
  EXPECT_EQ(report.signing_time_source, app::PdfSigningTimeSource::kSignatureDictionary);
}

TEST(PdfSignatureInspectorTest, AByteRangeThatDoesNotFrameContentsIsInvalid) {
  std::string sealed = SealedCertificate();
  // Move the end of the first range by one byte, keeping the file's length.
  const std::regex byte_range(R"(/ByteRange\s*\[\s*0 (\d+) )");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(sealed, match, byte_range)) << "PoDoFo's /ByteRange layout";
  const std::string first = match[1];
  const std::string shifted = std::to_string(std::stoll(first) + 1);
  ASSERT_EQ(shifted.size(), first.size());
  sealed.replace(static_cast<std::size_t>(match.position(1)), first.size(), shifted);
  const auto reports = Inspect(sealed);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_FALSE(reports.front().byte_range_ok);
  EXPECT_EQ(reports.front().verdict, PdfSignatureVerdict::kInvalid);
}

TEST(PdfSignatureInspectorTest, UnsignedPdfsHaveNoSignaturesAndGarbageIsRefused) {
  EXPECT_TRUE(Inspect(RenderCertificate()).empty());
  auto form = CairoPdfRenderer().Render(ApprovalFormDocument());
  ASSERT_TRUE(form.has_value());
  EXPECT_TRUE(Inspect(*form).empty());  // an empty signature field is not a signature

  auto& environment = SealingEnvironment::Get();
  auto garbage = environment.inspector().Inspect("%PDF-1.7 nothing else", environment.anchors());
  ASSERT_FALSE(garbage.has_value());
  EXPECT_EQ(garbage.error().code, common::ErrorCode::kInvalidArgument);
  auto bad_anchor = environment.inspector().Inspect(*form, std::vector<common::Bytes>{{1, 2, 3}});
  ASSERT_FALSE(bad_anchor.has_value());
}

// A certificate shaped like the signature certificate of a Belgian eID card (RSA, the national
// register number in serialNumber, given name and surname), issued by the demo CA with the
// openssl CLI, signing the approval form the way a citizen's signing application would.
TEST(PdfSignatureInspectorTest, NamesTheSignerOfAnEidLikeCertificateFromTheDerAnchors) {
  auto& environment = SealingEnvironment::Get();
  TempDir dir;
  const std::string key = (dir.path() / "eid-key.pem").string();
  const std::string csr = (dir.path() / "eid.csr").string();
  const std::string cert = (dir.path() / "eid.pem").string();
  const std::string extensions = dir.Write("ext.cnf", "keyUsage=critical,nonRepudiation\n");
  const std::string pki = environment.pki_dir().string();
  const CommandResult request =
      RunCommand("openssl req -new -newkey rsa:2048 -nodes -utf8 -keyout " + ShellQuote(key) +
                 " -out " + ShellQuote(csr) + " -subj " +
                 ShellQuote("/C=BE/CN=Bénédicte Lefèvre (Signature)/SN=Lefèvre/GN=Bénédicte Marie/"
                            "serialNumber=85073003328"));
  ASSERT_EQ(request.exit_code, 0) << request.output;
  const CommandResult issue = RunCommand(
      "openssl x509 -req -in " + ShellQuote(csr) + " -CA " + ShellQuote(pki + "/ca.pem") +
      " -CAkey " + ShellQuote(pki + "/ca-key.pem") + " -set_serial 0x5e1d -days 30 -extfile " +
      ShellQuote(extensions) + " -out " + ShellQuote(cert));
  ASSERT_EQ(issue.exit_code, 0) << issue.output;
  auto certificate = crypto::CertificateFromPem(ReadFile(cert));
  auto private_key = crypto::PrivateKeyFromPem(ReadFile(key));
  ASSERT_TRUE(certificate && private_key);
  auto signer = PadesPdfSealer::Create(std::move(*private_key), std::move(*certificate), {},
                                       nullptr, environment.clock(), {"J'approuve", "Liège", ""});
  ASSERT_TRUE(signer.has_value()) << signer.error().ToString();
  auto form = CairoPdfRenderer().Render(ApprovalFormDocument());
  ASSERT_TRUE(form.has_value());
  auto signed_form = (*signer)->Seal(*form);
  ASSERT_TRUE(signed_form.has_value()) << signed_form.error().ToString();

  const CommandResult sig = RunOnFile("pdfsig", dir.Write("signed.pdf", *signed_form));
  EXPECT_THAT(sig.output, HasSubstr("Signature is Valid"));
  EXPECT_THAT(sig.output, HasSubstr("Signer Certificate Common Name: Bénédicte Lefèvre"));
  // The form's own (still empty) field survives the update.
  EXPECT_THAT(sig.output, HasSubstr("Signature Field Name: approval"));
  auto anchor_der = crypto::CertificateToDer(environment.pki().ca_certificate());
  ASSERT_TRUE(anchor_der.has_value());
  auto reports =
      environment.inspector().Inspect(*signed_form, std::vector<common::Bytes>{*anchor_der});
  ASSERT_TRUE(reports.has_value()) << reports.error().ToString();
  ASSERT_EQ(reports->size(), 1u);  // the empty "approval" field is not counted
  const PdfSignatureReport& report = reports->front();
  EXPECT_EQ(report.verdict, PdfSignatureVerdict::kValid)
      << ::testing::PrintToString(report.problems);
  EXPECT_EQ(report.signer.common_name, "Bénédicte Lefèvre (Signature)");
  EXPECT_EQ(report.signer.given_name, "Bénédicte Marie");
  EXPECT_EQ(report.signer.surname, "Lefèvre");
  EXPECT_EQ(report.signer.serial_number, "85073003328");
  EXPECT_EQ(report.signing_time_source, app::PdfSigningTimeSource::kSignatureDictionary);
}

// A document time-stamp (/SubFilter ETSI.RFC3161, PAdES B-LTA): the /Contents is an RFC 3161
// token over the byte range itself. Built here from the sealer's update by renaming the filter
// in place, then filled with a token from the built-in TSA.
TEST(PdfSignatureInspectorTest, DocumentTimeStampsAreVerifiedAsTimeStamps) {
  auto& environment = SealingEnvironment::Get();
  const std::string pdf = RenderCertificate();
  auto prepared = PrepareSignatureUpdate(pdf, {"", "", "", environment.clock().Now()}, 8192);
  ASSERT_TRUE(prepared.has_value()) << prepared.error().ToString();
  std::string& update = prepared->pdf;
  const std::string cades = "/SubFilter/ETSI.CAdES.detached";
  const std::size_t at = update.find(cades, pdf.size());
  ASSERT_NE(at, std::string::npos);
  update.replace(at, cades.size(), "/SubFilter/ETSI.RFC3161       ");  // same length
  auto token = environment.tsa().TimeStamp(DigestByteRange(update, prepared->range));
  ASSERT_TRUE(token.has_value());
  const std::string hex = common::HexEncode(token->der);
  update.replace(prepared->range.first_length + 1, hex.size(), hex);
  for (std::size_t i = prepared->range.first_length + 1 + hex.size();
       i + 1 < prepared->range.second_offset; ++i) {
    update[i] = '0';
  }

  auto reports = Inspect(update);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports.front().kind, app::PdfSignatureKind::kDocumentTimeStamp);
  EXPECT_EQ(reports.front().verdict, PdfSignatureVerdict::kValid)
      << ::testing::PrintToString(reports.front().problems);
  EXPECT_EQ(reports.front().signer.common_name, "sealpost demo TSA");
  EXPECT_EQ(reports.front().signing_time, token->gen_time);

  update[100] ^= 0x01;  // inside the first range
  reports = Inspect(update);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports.front().verdict, PdfSignatureVerdict::kInvalid);
}

}  // namespace
}  // namespace sealpost::adapters::pdf
