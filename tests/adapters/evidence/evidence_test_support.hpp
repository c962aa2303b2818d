// Shared fixtures of the evidence adapter tests: a demo PKI with the built-in TSA (no fakes for the
// time-stamper: the tokens are real RFC 3161 tokens), sample evidences, and helpers to run the
// independent CLIs (xmlsec1, openssl, xmllint) on what the sealer produced.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "adapters/crypto/builtin_tsa.hpp"
#include "adapters/crypto/demo_pki.hpp"
#include "adapters/evidence/xades_sealer.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/evidence.hpp"
#include "fakes/shell_command.hpp"

namespace sealpost::adapters::evidence::test_support {

using sealpost::testing::CommandResult;
using sealpost::testing::RunCommand;
using sealpost::testing::ShellQuote;
void WriteFile(const std::filesystem::path& path, const std::string& bytes);

// One PKI, TSA and sealer per test binary (key generation is the slow part).
class SealingEnvironment {
 public:
  static SealingEnvironment& Get();
  ~SealingEnvironment();

  const std::filesystem::path& dir() const { return dir_; }
  const crypto::DemoPki& pki() const { return *pki_; }
  crypto::BuiltinTsa& tsa() { return *tsa_; }
  XadesEvidenceSealer& sealer() { return *sealer_; }
  common::Clock& clock() { return clock_; }
  std::string ca_pem_path() const { return (dir_ / "ca.pem").string(); }
  std::string tsa_pem_path() const { return (dir_ / "tsa.pem").string(); }

  domain::Evidence PositiveEvidence();
  domain::Evidence NegativeEvidence();

 private:
  SealingEnvironment();

  std::filesystem::path dir_;
  common::SystemClock clock_;
  common::SecureRandom random_;
  std::unique_ptr<crypto::DemoPki> pki_;
  std::unique_ptr<crypto::BuiltinTsa> tsa_;
  std::unique_ptr<XadesEvidenceSealer> sealer_;
};

// The <ds:SignatureValue> element cut out of the serialised bytes as text, made standalone by
// declaring the ds prefix on it, then canonicalised by `xmllint --exc-c14n`: an computation
// independent of the sealer's own libxml2 subtree canonicalisation.
std::string IndependentSignatureValueC14n(const std::string& xml,
                                          const std::filesystem::path& work_dir);

// The text between <tag> and </tag> (first occurrence), or "" when absent.
std::string ElementText(const std::string& xml, const std::string& tag);

}  // namespace sealpost::adapters::evidence::test_support
