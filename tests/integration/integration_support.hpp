// Shared pieces of the black-box tests: a fixture owning a temp directory and the server child,
// request builders for the demo accounts, and checks run with independent command-line tools
// (xmlsec1, xmllint, openssl, sha256sum, base64, zip) rather than with sealpost's own code.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fakes/shell_command.hpp"
#include "integration/http_client.hpp"
#include "integration/server_process.hpp"

namespace sealpost::integration {

inline constexpr const char* kRecipientEmail = "recipient@demo.sealpost.test";
inline constexpr const char* kRecipientName = "Demo Recipient BV";
inline constexpr const char* kRecipientEnterpriseNumber = "0566.988.259";

using sealpost::testing::CommandResult;
using sealpost::testing::RunCommand;
using sealpost::testing::ShellQuote;
void WriteFile(const std::filesystem::path& path, const std::string& bytes);
std::string ReadFile(const std::filesystem::path& path);
// SHA-256 of the bytes in lower-case hex, computed by sha256sum.
std::string Sha256HexOf(const std::string& bytes, const std::filesystem::path& work_dir);

// `size` bytes that start like a PDF and contain every byte value (so that any text-mode mangling,
// NUL truncation or charset conversion shows).
std::string PdfLikeBytes(std::size_t size);

// The `item` JSON for one recipient; the enterprise number is omitted when empty.
std::string ItemJson(const std::string& subject, const std::string& message,
                     const std::string& email, const std::string& name,
                     const std::string& enterprise_number, const std::string& national_number = "");
// The item addressed to the registered demo recipient.
std::string DemoItemJson(const std::string& subject);

// Checks a sealed evidence with xmlsec1 (XAdES signature against the demo CA) and openssl ts (the
// RFC 3161 token over an exc-c14n of ds:SignatureValue made by xmllint). "" when both pass,
// otherwise what failed.
std::string IndependentEvidenceFailures(const std::string& xml, const std::filesystem::path& ca_pem,
                                        const std::filesystem::path& tsa_pem,
                                        const std::filesystem::path& work_dir);

// Runs the real `sealpost verify` binary.
CommandResult SealpostVerify(const std::filesystem::path& file,
                             const std::vector<std::string>& args = {});

// Changes one character of the text of the first <tag> element (after its first character).
std::string FlipByteInElement(std::string xml, const std::string& tag);

// Asserts (non-fatally) an RFC 9457 problem+json answer with the given status.
void ExpectProblem(const Response& r, long status);

// Each test: a fresh temp directory and a demo server on its own data directory within it.
class IntegrationTest : public ::testing::Test {
 protected:
  // Starts (or restarts) the server on data_dir(); fails the test when it does not come up.
  void StartServer(const std::vector<std::string>& extra_args = {});
  void TearDown() override;

  const std::filesystem::path& work_dir() const { return temp_.path(); }
  std::filesystem::path data_dir() const { return temp_.path() / "data"; }
  ServerProcess& server() { return *server_; }
  const HttpClient& client() const { return *client_; }
  const std::string& sender() const { return server_->sender_key(); }
  const std::string& recipient() const { return server_->recipient_key(); }

  // Submits DemoItemJson(subject) with one attachment; asserts 201 (non-fatally) and returns the
  // body.
  nlohmann::json SubmitToDemoRecipient(const std::string& subject, const FilePart& file);
  // All items the sender can list (first page, up to 200).
  std::vector<std::string> SenderItemIds();
  // Event names of an item's evidence, as listed for `key`.
  std::vector<std::string> EvidenceEvents(const std::string& item_id, const std::string& key);
  // Waits (up to 20 s) until the item's evidence, as listed for `key`, includes `event` — for the
  // events the mail job records once an e-mail is taken over. Fails the test on time-out.
  void WaitForEvent(const std::string& item_id, const std::string& key, const std::string& event);
  // The demo mail viewer's page of the newest e-mail to `to` whose page contains `containing`,
  // waiting (up to 20 s) for the mail job to send it. Fails the test on time-out.
  std::string MailTo(const std::string& to, const std::string& containing);
  nlohmann::json EvidenceList(const std::string& item_id, const std::string& key);

  TempDir temp_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
};

FilePart SmallPdf(const std::string& name = "notice.pdf");

}  // namespace sealpost::integration
