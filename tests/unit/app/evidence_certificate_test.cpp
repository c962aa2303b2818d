// BuildEvidenceCertificate against the real adapters (SQLite, demo PKI, built-in TSA, XAdES,
// cairo/pango, PoDoFo, PAdES) and the shipped catalogues, checked with independent tools:
// pdftotext reads what the certificate states, pdfsig checks its seal, pdfdetach extracts the
// embedded evidence, sha256sum computes the digests, and the real `sealpost verify` binary judges
// the whole file offline.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "adapters/evidence/verifying_evidence_reader.hpp"
#include "adapters/pdf/cairo_pdf_renderer.hpp"
#include "adapters/pdf/evidence_certificate_renderer.hpp"
#include "adapters/pdf/pades_sealer.hpp"
#include "app/usecases/build_evidence_certificate.hpp"
#include "fakes/shell_command.hpp"
#include "ui/translator.hpp"
#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

namespace fs = std::filesystem;
using sealpost::testing::CommandResult;
using sealpost::testing::RunCommand;
using sealpost::testing::ShellQuote;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kBaseUrl = "https://sealpost.test/";
constexpr const char* kVerifyUrl = "https://sealpost.test/verify";

// The shipped catalogues, loaded once per test binary (parsing every message is the slow part).
const ui::Translator& ShippedTranslator() {
  static const ui::Translator* translator = [] {
    auto loaded = ui::Translator::Load(fs::path(SEALPOST_SOURCE_DIR) / "web" / "locales");
    if (!loaded) throw std::runtime_error("catalogues: " + loaded.error().ToString());
    return new ui::Translator(std::move(*loaded));
  }();
  return *translator;
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// pdftotext's text with every run of white space (no-break spaces included) made one space.
std::string Collapse(std::string text) {
  for (const char* nbsp : {"\xc2\xa0", "\xe2\x80\xaf"}) {
    for (auto at = text.find(nbsp); at != std::string::npos; at = text.find(nbsp)) {
      text.replace(at, std::string(nbsp).size(), " ");
    }
  }
  return std::regex_replace(text, std::regex(R"(\s+)"), " ");
}

// Without any white space: a digest or URL wrapped over lines is whole again. Hyphens go too:
// pdftotext joins a line that ends in "-" as a hyphenated word, so a UUID wrapped after one of
// its dashes comes out without it.
std::string Squeeze(std::string text) {
  std::erase_if(text, [](char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '-';
  });
  return text;
}

// What a reader of each language must find, written here by hand (not from the catalogue).
struct LanguageExpectations {
  const char* code;
  const char* title;
  const char* submitted;  // 2026-11-02T09:01:00Z in Brussels, to the second
  const char* handed_over;
  const char* handover_label;
  const char* level_high;
};
constexpr LanguageExpectations kLanguages[] = {
    {"nl", "Bewijs van elektronisch aangetekende zending", "2 november 2026 om 10:01:00 CET",
     "2 november 2026 om 12:01:00 CET", "Inhoud overhandigd aan de ontvanger", "hoog"},
    {"fr", "Certificat d’envoi recommandé électronique", "2 novembre 2026 à 10:01:00 UTC+1",
     "2 novembre 2026 à 12:01:00 UTC+1", "Contenu remis au destinataire", "élevé"},
    {"en", "Certificate of electronic registered delivery", "2 November 2026 at 10:01:00 CET",
     "2 November 2026 at 12:01:00 CET", "Content handed over to the recipient", "high"},
    {"de", "Bescheinigung über eine elektronische Einschreibezustellung",
     "2. November 2026 um 10:01:00 MEZ", "2. November 2026 um 12:01:00 MEZ",
     "Inhalt dem Empfänger übergeben", "hoch"},
};

class EvidenceCertificateTest : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    const auto& p = pki();
    std::vector<adapters::crypto::X509Ptr> chain;
    chain.push_back(adapters::crypto::UpRef(p.ca_certificate()));
    auto sealer = adapters::pdf::PadesPdfSealer::Create(
        adapters::crypto::UpRef(p.seal_key()), adapters::crypto::UpRef(p.seal_certificate()),
        std::move(chain), tsa_.get(), clock_,
        {"Sealed by sealpost test SRL (registered delivery)", "Brussels, BE", ""});
    ASSERT_TRUE(sealer.has_value()) << sealer.error().ToString();
    pdf_sealer_ = std::move(*sealer);
    reader_ = std::make_unique<adapters::evidence::VerifyingEvidenceReader>(
        std::vector<std::string>{p.ca_certificate_pem()});
    renderer_ = std::make_unique<adapters::pdf::PdfEvidenceCertificateRenderer>(
        ShippedTranslator(), pdf_renderer_, *pdf_sealer_, kBaseUrl);
    certificates_ = std::make_unique<BuildEvidenceCertificate>(*database_, *queries_, *reader_,
                                                               *renderer_, clock_);
  }

  // Submitted to the registered recipient company, which opens it two hours later.
  SubmittedItem HandedOverItem() {
    SubmittedItem submitted = MustSubmit(*sender_, Request({RecipientCompany()}));
    clock_.Advance(std::chrono::hours(2));
    auto content = hand_over_->Execute(*recipient_, submitted.deliveries[0].id);
    if (!content) throw std::runtime_error("hand over: " + content.error().ToString());
    clock_.Advance(std::chrono::minutes(5));
    return submitted;
  }

  std::string MustCertify(const Caller& caller, const std::string& delivery_id,
                          const std::string& language) {
    auto certificate = certificates_->Execute(caller, delivery_id, language);
    if (!certificate) throw std::runtime_error("certificate: " + certificate.error().ToString());
    EXPECT_EQ(certificate->file_name,
              "sealpost-certificate-" + delivery_id + "-" + language + ".pdf");
    return certificate->pdf;
  }

  fs::path Save(const std::string& name, const std::string& bytes) {
    WriteFile(dir_ / name, bytes);
    return dir_ / name;
  }

  std::vector<domain::EvidenceRecord> DeliveryEvidence(const SubmittedItem& item) {
    std::vector<domain::EvidenceRecord> out;
    for (auto& r : StoredEvidence(item.item.id)) {
      if (r.delivery_id == item.deliveries[0].id) out.push_back(std::move(r));
    }
    return out;
  }

  static CommandResult Verify(const fs::path& file, const fs::path& ca) {
    return RunCommand(std::string(SEALPOST_BINARY) + " verify " + ShellQuote(file.string()) +
                      " --trust " + ShellQuote(ca.string()));
  }

  adapters::pdf::CairoPdfRenderer pdf_renderer_;
  std::unique_ptr<adapters::pdf::PadesPdfSealer> pdf_sealer_;
  std::unique_ptr<adapters::evidence::VerifyingEvidenceReader> reader_;
  std::unique_ptr<adapters::pdf::PdfEvidenceCertificateRenderer> renderer_;
  std::unique_ptr<BuildEvidenceCertificate> certificates_;
};

TEST_F(EvidenceCertificateTest, EveryLanguageStatesTheDeliveryAndPdfsigFindsTheSealValid) {
  const SubmittedItem item = HandedOverItem();
  const std::string delivery_id = item.deliveries[0].id;
  const auto evidence = DeliveryEvidence(item);
  ASSERT_GE(evidence.size(), 3u);
  ASSERT_EQ(evidence.back().event, domain::EvidenceEvent::kContentHandover);
  // The attachment's SHA-256 computed by sha256sum, not by sealpost.
  const fs::path letter = Save("lettre.pdf", SamplePdf("lettre"));
  const CommandResult sum = RunCommand("sha256sum " + ShellQuote(letter.string()));
  ASSERT_EQ(sum.exit_code, 0) << sum.output;
  const std::string letter_sha256 = sum.output.substr(0, 64);
  const fs::path annex = Save("annexe.txt", std::string("annexe\0binaire\xff", 15));
  const CommandResult annex_sum = RunCommand("sha256sum " + ShellQuote(annex.string()));
  ASSERT_EQ(annex_sum.exit_code, 0) << annex_sum.output;
  const std::string annex_sha256 = annex_sum.output.substr(0, 64);

  for (const auto& l : kLanguages) {
    SCOPED_TRACE(l.code);
    const fs::path pdf = Save(std::string("certificate-") + l.code + ".pdf",
                              MustCertify(*sender_, delivery_id, l.code));
    const CommandResult text =
        RunCommand("pdftotext -enc UTF-8 " + ShellQuote(pdf.string()) + " -");
    ASSERT_EQ(text.exit_code, 0) << text.output;
    const std::string collapsed = Collapse(text.output);
    const std::string squeezed = Squeeze(text.output);

    EXPECT_THAT(collapsed, HasSubstr(l.title));
    EXPECT_THAT(collapsed, HasSubstr("Mise en demeure"));
    // The parties, with their enterprise numbers in printed and in eIDAS form.
    EXPECT_THAT(collapsed, HasSubstr("Expéditeur Test NV"));
    EXPECT_THAT(collapsed, HasSubstr("0403.019.261 (BE/BE/0403019261)"));
    EXPECT_THAT(collapsed, HasSubstr("Destinataire Test BV"));
    EXPECT_THAT(collapsed, HasSubstr("0566.988.259 (BE/BE/0566988259)"));
    EXPECT_THAT(collapsed, HasSubstr(l.level_high));
    // The events, each with its time-stamped time in Brussels time and its evidence id.
    EXPECT_THAT(collapsed, HasSubstr(l.submitted));
    EXPECT_THAT(collapsed, HasSubstr(l.handed_over));
    EXPECT_THAT(collapsed, HasSubstr(l.handover_label));
    for (const auto& r : evidence) {
      EXPECT_THAT(collapsed, HasSubstr(std::string(domain::EventName(r.event))));
      EXPECT_THAT(squeezed, HasSubstr(Squeeze(r.id)));
    }
    // The attachments with their digests, the provider, where to verify.
    EXPECT_THAT(collapsed, HasSubstr("lettre.pdf"));
    EXPECT_THAT(collapsed, HasSubstr("annexe.txt"));
    // Each digest whole on one line, as a reader compares it.
    EXPECT_THAT(text.output, HasSubstr(letter_sha256));
    EXPECT_THAT(text.output, HasSubstr(annex_sha256));
    EXPECT_THAT(collapsed, HasSubstr("sealpost test SRL"));
    EXPECT_THAT(squeezed, HasSubstr(Squeeze(kVerifyUrl)));
    EXPECT_THAT(collapsed, HasSubstr(kVerifyUrl));

    const CommandResult sig = RunCommand("pdfsig " + ShellQuote(pdf.string()));
    EXPECT_EQ(sig.exit_code, 0) << sig.output;
    EXPECT_THAT(sig.output, HasSubstr("Signature Validation: Signature is Valid."));
    EXPECT_THAT(sig.output, HasSubstr("Total document signed"));
    const CommandResult info = RunCommand("pdfinfo " + ShellQuote(pdf.string()));
    EXPECT_THAT(info.output, HasSubstr(l.title));
  }
}

TEST_F(EvidenceCertificateTest, TheRecipientGetsItTooAndSeesItselfAsIdentified) {
  const SubmittedItem item = HandedOverItem();
  const fs::path pdf = Save("recipient.pdf", MustCertify(*recipient_, item.deliveries[0].id, "en"));
  const std::string text =
      Collapse(RunCommand("pdftotext -enc UTF-8 " + ShellQuote(pdf.string()) + " -").output);
  // The hand-over names the recipient as identified: how and when its credential was
  // authenticated (the fixture's API keys were, at 09:00 UTC).
  EXPECT_THAT(text, HasSubstr("Recipient Name Destinataire Test BV Enterprise number 0566.988.259 "
                              "(BE/BE/0566988259) E-mail address legal@recipient.example.be "
                              "Identity Verified by sealpost test SRL Level of assurance (eIDAS) "
                              "high Authentication API key of the account, 2 November 2026 at "
                              "10:00:00 CET"));
  EXPECT_THAT(text, Not(HasSubstr("not yet verified")));
}

TEST_F(EvidenceCertificateTest, EmbeddedEvidenceIsByteIdenticalAndSealpostVerifyJudgesTheFile) {
  const SubmittedItem item = HandedOverItem();
  const auto evidence = DeliveryEvidence(item);
  const fs::path pdf = Save("certificate.pdf", MustCertify(*sender_, item.deliveries[0].id, "fr"));

  const fs::path out = dir_ / "detached";
  fs::create_directories(out);
  const CommandResult detach = RunCommand("pdfdetach -saveall -o " + ShellQuote(out.string()) +
                                          " " + ShellQuote(pdf.string()));
  ASSERT_EQ(detach.exit_code, 0) << detach.output;
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(out)) {
    files[entry.path().filename().string()] = ReadFile(entry.path());
  }
  ASSERT_EQ(files.size(), evidence.size());
  int n = 0;
  for (const auto& r : evidence) {
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%02d-", ++n);
    const std::string name =
        std::string(prefix) + std::string(domain::EventName(r.event)) + "-" + r.id + ".xml";
    ASSERT_TRUE(files.contains(name)) << name;
    EXPECT_EQ(files[name], r.sealed_xml) << name << " differs from the stored sealed evidence";
  }

  const fs::path ca = Save("ca.pem", pki().ca_certificate_pem());
  const CommandResult ok = Verify(pdf, ca);
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_THAT(ok.output, HasSubstr("VERDICT: VALID"));
  EXPECT_THAT(ok.output, HasSubstr("PASS certificate " + pdf.string() + ": pdf-seal"));
  EXPECT_THAT(ok.output, HasSubstr(std::to_string(evidence.size()) + " evidence files embedded"));
  EXPECT_THAT(ok.output, HasSubstr("ContentHandover"));
  EXPECT_THAT(ok.output, Not(HasSubstr("FAIL")));

  // Without a trust anchor nothing is established.
  const CommandResult untrusted =
      RunCommand(std::string(SEALPOST_BINARY) + " verify " + ShellQuote(pdf.string()));
  EXPECT_NE(untrusted.exit_code, 0) << untrusted.output;

  // One changed byte inside the sealed revision (same length: the file still parses).
  std::string bytes = ReadFile(pdf);
  const auto at = bytes.find("/AFRelationship/Source");
  ASSERT_NE(at, std::string::npos);
  bytes[at + std::string("/AFRelationship/Sourc").size()] = 'x';
  const fs::path tampered = Save("tampered.pdf", bytes);
  const CommandResult bad = Verify(tampered, ca);
  EXPECT_NE(bad.exit_code, 0) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("FAIL certificate " + tampered.string() + ": pdf-seal"));
  EXPECT_THAT(bad.output, HasSubstr("VERDICT: NOT VALID"));
}

TEST_F(EvidenceCertificateTest, AFileAttachedAfterTheSealMakesTheCertificateNotValid) {
  const SubmittedItem item = HandedOverItem();
  const fs::path pdf = Save("certificate.pdf", MustCertify(*sender_, item.deliveries[0].id, "nl"));
  // poppler's pdfattach adds a file in an incremental update: the sealed revision stays intact,
  // but what was added is not covered by the seal, so it proves nothing.
  const fs::path extra = Save("99-extra.xml", DeliveryEvidence(item).front().sealed_xml);
  const fs::path updated = dir_ / "updated.pdf";
  const CommandResult attach =
      RunCommand("pdfattach " + ShellQuote(pdf.string()) + " " + ShellQuote(extra.string()) + " " +
                 ShellQuote(updated.string()));
  ASSERT_EQ(attach.exit_code, 0) << attach.output;
  const std::string before = ReadFile(pdf);
  const std::string after = ReadFile(updated);
  ASSERT_GT(after.size(), before.size());
  const CommandResult bad = Verify(updated, Save("ca.pem", pki().ca_certificate_pem()));
  EXPECT_NE(bad.exit_code, 0) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("FAIL certificate " + updated.string() +
                                    ": pdf-seal — seal valid_with_later_changes"));
  EXPECT_THAT(bad.output, HasSubstr("VERDICT: NOT VALID"));
}

TEST_F(EvidenceCertificateTest, SomeoneElsesDeliveryIsNotFoundLikeAMissingOne) {
  const SubmittedItem item = HandedOverItem();
  const std::string delivery_id = item.deliveries[0].id;
  auto missing = certificates_->Execute(*sender_, "00000000-0000-4000-8000-000000000000", "en");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, common::ErrorCode::kNotFound);
  for (const Caller* other : {&*outsider_, &*person_}) {
    auto r = certificates_->Execute(*other, delivery_id, "en");
    ASSERT_FALSE(r.has_value()) << other->account.display_name;
    EXPECT_EQ(r.error().code, common::ErrorCode::kNotFound);
    EXPECT_EQ(r.error().message, missing.error().message) << "a foreign delivery must not show";
  }
}

TEST_F(EvidenceCertificateTest, ACallerWithoutReadOrInboxIsDenied) {
  const SubmittedItem item = HandedOverItem();
  const Caller send_only = AddKeyAndAuthenticate(sender_account_, "send");
  auto r = certificates_->Execute(send_only, item.deliveries[0].id, "nl");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, common::ErrorCode::kPermissionDenied);
  // The same before any lookup: a missing delivery tells nothing more.
  auto missing = certificates_->Execute(send_only, "00000000-0000-4000-8000-000000000000", "nl");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, common::ErrorCode::kPermissionDenied);
}

TEST_F(EvidenceCertificateTest, OnlyTheFourLanguagesAreWritten) {
  const SubmittedItem item = HandedOverItem();
  for (const char* language : {"es", "", "fr-BE", "EN"}) {
    auto r = certificates_->Execute(*sender_, item.deliveries[0].id, language);
    ASSERT_FALSE(r.has_value()) << language;
    EXPECT_EQ(r.error().code, common::ErrorCode::kInvalidArgument) << language;
  }
}

// A stored evidence altered after sealing no longer verifies: the certificate refuses to restate
// it rather than certify what the proofs no longer prove.
TEST_F(EvidenceCertificateTest, AStoredEvidenceThatNoLongerVerifiesIsNotCertified) {
  const SubmittedItem item = HandedOverItem();
  const std::string id = DeliveryEvidence(item).front().id;
  const CommandResult update = RunCommand(
      "sqlite3 " + ShellQuote((dir_ / "sealpost.db").string()) + " " +
      ShellQuote("UPDATE evidence SET sealed_xml = replace(sealed_xml, 'Mise en demeure', "
                 "'Mise en demeurf') WHERE id = '" +
                 id + "'"));
  ASSERT_EQ(update.exit_code, 0) << update.output;
  auto r = certificates_->Execute(*sender_, item.deliveries[0].id, "en");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, common::ErrorCode::kFailedPrecondition) << r.error().ToString();
}

}  // namespace
}  // namespace sealpost::app
