#include "integration/integration_support.hpp"

#include <chrono>
#include <regex>
#include <thread>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace sealpost::integration {

void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Sha256HexOf(const std::string& bytes, const std::filesystem::path& work_dir) {
  auto path = work_dir / "sha256-input.bin";
  WriteFile(path, bytes);
  CommandResult r = RunCommand("sha256sum " + ShellQuote(path.string()));
  return r.exit_code == 0 ? r.output.substr(0, 64) : "sha256sum failed: " + r.output;
}

std::string PdfLikeBytes(std::size_t size) {
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  for (std::size_t i = 0; out.size() < size; ++i) {
    // Every byte value, in an order that is not a plain ramp, CR/LF and NUL included.
    out.push_back(static_cast<char>((i * 131 + i / 256) & 0xFF));
  }
  out.resize(size);
  return out;
}

std::string ItemJson(const std::string& subject, const std::string& message,
                     const std::string& email, const std::string& name,
                     const std::string& enterprise_number, const std::string& national_number) {
  nlohmann::json recipient = {{"email", email}, {"name", name}};
  if (!enterprise_number.empty()) recipient["enterprise_number"] = enterprise_number;
  if (!national_number.empty()) recipient["national_number"] = national_number;
  return nlohmann::json{{"subject", subject}, {"message", message}, {"recipients", {recipient}}}
      .dump();
}

std::string DemoItemJson(const std::string& subject) {
  return ItemJson(subject, "Please find the notice attached.", kRecipientEmail, kRecipientName,
                  kRecipientEnterpriseNumber);
}

FilePart SmallPdf(const std::string& name) {
  return {"file", name, "application/pdf",
          "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"};
}

std::string IndependentEvidenceFailures(const std::string& xml, const std::filesystem::path& ca_pem,
                                        const std::filesystem::path& tsa_pem,
                                        const std::filesystem::path& work_dir) {
  std::string failures;
  auto xml_path = work_dir / "independent-evidence.xml";
  WriteFile(xml_path, xml);
  CommandResult xmlsec =
      RunCommand("xmlsec1 --verify --trusted-pem " + ShellQuote(ca_pem.string()) +
                 " --id-attr:Id 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties' " +
                 ShellQuote(xml_path.string()));
  if (xmlsec.exit_code != 0) failures += "xmlsec1 refused the signature: " + xmlsec.output + "\n";

  // The signature time-stamp covers exc-c14n(ds:SignatureValue) (ETSI EN 319 132-1 5.3). Cut the
  // element out of the bytes as text and let xmllint canonicalise it: nothing of sealpost involved.
  const std::string open_tag = "<ds:SignatureValue";
  const std::string close_tag = "</ds:SignatureValue>";
  auto open = xml.find(open_tag);
  auto close = xml.find(close_tag, open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos)
    return failures + "no ds:SignatureValue\n";
  std::string element = xml.substr(open, close + close_tag.size() - open);
  if (element.find("xmlns:ds=") == std::string::npos) {
    element.insert(open_tag.size(), " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"");
  }
  auto element_path = work_dir / "signature-value.xml";
  WriteFile(element_path, element);
  auto c14n_path = work_dir / "signature-value.c14n";
  CommandResult c14n = RunCommand("xmllint --exc-c14n " + ShellQuote(element_path.string()) +
                                  " > " + ShellQuote(c14n_path.string()));
  if (c14n.exit_code != 0) return failures + "xmllint --exc-c14n failed: " + c14n.output + "\n";
  CommandResult digest = RunCommand("sha256sum " + ShellQuote(c14n_path.string()));
  if (digest.exit_code != 0) return failures + "sha256sum failed\n";

  const std::string ts_open = "<xades:EncapsulatedTimeStamp";
  auto ts = xml.find(ts_open);
  if (ts == std::string::npos) return failures + "no xades:EncapsulatedTimeStamp\n";
  auto ts_start = xml.find('>', ts) + 1;
  auto ts_end = xml.find("</xades:EncapsulatedTimeStamp>", ts_start);
  auto b64_path = work_dir / "token.b64";
  auto der_path = work_dir / "token.der";
  WriteFile(b64_path, xml.substr(ts_start, ts_end - ts_start));
  CommandResult decode = RunCommand("base64 -d -i " + ShellQuote(b64_path.string()) + " > " +
                                    ShellQuote(der_path.string()));
  if (decode.exit_code != 0) return failures + "base64 -d failed: " + decode.output + "\n";
  CommandResult verify =
      RunCommand("openssl ts -verify -in " + ShellQuote(der_path.string()) + " -token_in -digest " +
                 digest.output.substr(0, 64) + " -CAfile " + ShellQuote(ca_pem.string()) +
                 " -untrusted " + ShellQuote(tsa_pem.string()));
  if (verify.exit_code != 0 || verify.output.find("Verification: OK") == std::string::npos) {
    failures += "openssl ts refused the time-stamp: " + verify.output + "\n";
  }
  return failures;
}

CommandResult SealpostVerify(const std::filesystem::path& file,
                             const std::vector<std::string>& args) {
  std::string command = std::string(SEALPOST_BINARY) + " verify " + ShellQuote(file.string());
  for (const auto& a : args) command += " " + ShellQuote(a);
  return RunCommand(command);
}

std::string FlipByteInElement(std::string xml, const std::string& tag) {
  auto open = xml.find("<" + tag);
  if (open == std::string::npos) return xml;
  std::size_t pos = xml.find('>', open) + 2;
  xml[pos] = xml[pos] == 'x' ? 'y' : 'x';
  return xml;
}

void ExpectProblem(const Response& r, long status) {
  EXPECT_EQ(r.status, status) << r.Describe();
  if (r.status != status) return;  // the rest would only repeat the same failure
  EXPECT_NE(r.Header("content-type").find("application/problem+json"), std::string::npos)
      << r.Describe();
  nlohmann::json body = r.Json();
  ASSERT_TRUE(body.is_object()) << r.Describe();
  EXPECT_TRUE(body["type"].is_string()) << r.body;
  EXPECT_TRUE(body["title"].is_string()) << r.body;
  EXPECT_EQ(body["status"], status) << r.body;
  EXPECT_TRUE(body["detail"].is_string()) << r.body;
}

void IntegrationTest::StartServer(const std::vector<std::string>& extra_args) {
  server_.reset();
  server_ = ServerProcess::Start({data_dir(), extra_args});
  ASSERT_NE(server_, nullptr);
  client_ = std::make_unique<HttpClient>(server_->base_url());
}

void IntegrationTest::TearDown() {
  if (server_ && HasFailure()) {
    // The server's own account of what happened is the quickest way to a diagnosis.
    std::string output = server_->Output();
    if (output.size() > 6000) output = "…" + output.substr(output.size() - 6000);
    std::cerr << output << "\n";
  }
  server_.reset();
}

nlohmann::json IntegrationTest::SubmitToDemoRecipient(const std::string& subject,
                                                      const FilePart& file) {
  Response r = client().Submit(sender(), DemoItemJson(subject), {file});
  EXPECT_EQ(r.status, 201) << r.Describe();
  return r.Json();
}

std::vector<std::string> IntegrationTest::SenderItemIds() {
  Response r = client().Get("/api/v1/items?limit=200", sender());
  EXPECT_EQ(r.status, 200) << r.Describe();
  std::vector<std::string> ids;
  auto body = r.Json();
  if (body.is_object() && body["items"].is_array()) {
    for (const auto& item : body["items"]) ids.push_back(item.value("id", ""));
  }
  return ids;
}

nlohmann::json IntegrationTest::EvidenceList(const std::string& item_id, const std::string& key) {
  Response r = client().Get("/api/v1/items/" + item_id + "/evidence", key);
  EXPECT_EQ(r.status, 200) << r.Describe();
  auto body = r.Json();
  return body.is_object() && body["items"].is_array() ? body["items"] : nlohmann::json::array();
}

void IntegrationTest::WaitForEvent(const std::string& item_id, const std::string& key,
                                   const std::string& event) {
  for (int attempt = 0; attempt < 80; ++attempt) {
    for (const auto& e : EvidenceEvents(item_id, key)) {
      if (e == event) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ADD_FAILURE() << "no " << event << " evidence for item " << item_id << " within 20 s";
}

std::string IntegrationTest::MailTo(const std::string& to, const std::string& containing) {
  const std::regex row(R"re(<td>[^<]*</td><td>([^<]*)</td><td><a href="(/dev/mail/[^"]+)")re");
  for (int attempt = 0; attempt < 80; ++attempt) {
    Response list = client().Raw("GET", "/dev/mail", "", "", {});
    for (std::sregex_iterator it(list.body.begin(), list.body.end(), row), end; it != end; ++it) {
      if ((*it)[1].str().find(to) == std::string::npos) continue;
      Response mail = client().Raw("GET", (*it)[2].str(), "", "", {});
      if (mail.body.find(containing) != std::string::npos) return mail.body;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ADD_FAILURE() << "no e-mail to " << to << " containing " << containing << " within 20 s";
  return {};
}

std::vector<std::string> IntegrationTest::EvidenceEvents(const std::string& item_id,
                                                         const std::string& key) {
  std::vector<std::string> events;
  for (const auto& e : EvidenceList(item_id, key)) events.push_back(e.value("event", ""));
  return events;
}

}  // namespace sealpost::integration
