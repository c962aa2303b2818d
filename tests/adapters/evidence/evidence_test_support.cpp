#include "evidence_test_support.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace sealpost::adapters::evidence::test_support {

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

SealingEnvironment& SealingEnvironment::Get() {
  static SealingEnvironment environment;
  return environment;
}

SealingEnvironment::SealingEnvironment() {
  dir_ = std::filesystem::temp_directory_path() /
         ("sealpost-evidence-test-" + std::to_string(getpid()) + "-" +
          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(dir_);
  auto pki = crypto::DemoPki::LoadOrCreate(dir_ / "pki", clock_);
  if (!pki) throw std::runtime_error("DemoPki: " + pki.error().ToString());
  pki_ = std::make_unique<crypto::DemoPki>(std::move(*pki));
  WriteFile(dir_ / "ca.pem", pki_->ca_certificate_pem());
  WriteFile(dir_ / "tsa.pem", pki_->tsa_certificate_pem());
  auto tsa = crypto::BuiltinTsa::Create(pki_->tsa_certificate(), pki_->tsa_key(), clock_, random_);
  if (!tsa) throw std::runtime_error("BuiltinTsa: " + tsa.error().ToString());
  tsa_ = std::move(*tsa);
  ProviderConfig provider{"sealpost demo SRL", "BE", "urn:oid:1.3.6.1.4.1.99999.2.1",
                          "sealpost.example/log"};
  auto sealer = XadesEvidenceSealer::Create(provider, pki_->seal_key_pem(),
                                            pki_->seal_certificate_pem(), {}, *tsa_, clock_);
  if (!sealer) throw std::runtime_error("sealer: " + sealer.error().ToString());
  sealer_ = std::move(*sealer);
}

SealingEnvironment::~SealingEnvironment() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

domain::Evidence SealingEnvironment::PositiveEvidence() {
  domain::Evidence e;
  e.id = common::NewUuid(random_);
  e.event = domain::EvidenceEvent::kSubmissionAcceptance;
  e.event_time = clock_.Now();
  e.submission_time = e.event_time;
  e.sender.name = "An Peeters";
  e.sender.given_names = "An";
  e.sender.family_name = "Peeters";
  e.sender.email = "an.peeters@example.be";
  e.sender.national_number = "85073003328";
  e.sender.assurance_level = "http://eidas.europa.eu/LoA/high";
  e.sender.authentication_method = "itsme";
  e.sender.authentication_time = e.event_time - std::chrono::minutes(5);
  domain::PartyIdentity company;
  company.name = "Acme Belgium NV";
  company.enterprise_number = "0566988259";
  company.email = "legal@acme.example";
  domain::PartyIdentity unidentified;
  unidentified.name = "Jan Janssens";
  unidentified.email = "jan@example.org";
  e.recipients = {company, unidentified};
  e.refers_to_recipient = 0;
  e.message_id = "item-" + e.id.substr(0, 8);
  e.subject = "Ingebrekestelling factuur 2026/17";
  domain::EvidencePart part;
  part.id = "part-1";
  part.file_name = "brief.pdf";
  part.content_type = "application/pdf";
  part.size = 5;
  part.sha256 = common::HexEncode(common::Sha256(std::string_view("hello")));
  e.parts = {part};
  e.delivery_id = "delivery-1";
  return e;
}

domain::Evidence SealingEnvironment::NegativeEvidence() {
  domain::Evidence e = PositiveEvidence();
  e.event = domain::EvidenceEvent::kSubmissionRejection;
  e.reason_code = std::string(domain::reasons::kInvalidRecipientIdentifier.code);
  e.reason_details = std::string(domain::reasons::kInvalidRecipientIdentifier.summary);
  e.delivery_id.clear();
  return e;
}

std::string ElementText(const std::string& xml, const std::string& tag) {
  auto open = xml.find("<" + tag);
  if (open == std::string::npos) return {};
  auto start = xml.find('>', open);
  auto end = xml.find("</" + tag + ">", start);
  if (start == std::string::npos || end == std::string::npos) return {};
  return xml.substr(start + 1, end - start - 1);
}

std::string IndependentSignatureValueC14n(const std::string& xml,
                                          const std::filesystem::path& work_dir) {
  const std::string open_tag = "<ds:SignatureValue";
  const std::string close_tag = "</ds:SignatureValue>";
  auto open = xml.find(open_tag);
  auto close = xml.find(close_tag, open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::string element = xml.substr(open, close + close_tag.size() - open);
  if (element.find("xmlns:ds=") == std::string::npos) {
    element.insert(open_tag.size(), " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"");
  }
  auto path = work_dir / "signature-value.xml";
  WriteFile(path, element);
  CommandResult c14n =
      RunCommand("xmllint --exc-c14n " + ShellQuote(path.string()) + " 2>/dev/null");
  if (c14n.exit_code != 0) return {};
  return c14n.output;
}

}  // namespace sealpost::adapters::evidence::test_support
