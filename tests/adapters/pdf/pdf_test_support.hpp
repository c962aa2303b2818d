// Shared fixtures of the PDF adapter tests: throw-away directories, a demo PKI with the built-in
// TSA (real keys, real RFC 3161 tokens: no fake crypto), the sealer and inspector built on them,
// sample documents shaped like the features that will use the renderer (an evidence certificate,
// a company approval form), and the independent command-line tools (pdfinfo, pdftotext, pdfsig,
// pdftoppm, openssl) to check what the adapters produced. Thread-safety: SealingEnvironment is
// built once (function-local static); its sealer and inspector may be used from several threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "adapters/crypto/builtin_tsa.hpp"
#include "adapters/crypto/demo_pki.hpp"
#include "adapters/pdf/pades_sealer.hpp"
#include "adapters/pdf/pdf_signature_inspector.hpp"
#include "app/ports/pdf_renderer.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "fakes/shell_command.hpp"

namespace sealpost::adapters::pdf::test_support {

using sealpost::testing::CommandResult;
using sealpost::testing::RunCommand;
using sealpost::testing::ShellQuote;

// A fresh directory under $TMPDIR, removed with its content on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to `name` in this directory and returns the full path as a string.
  std::string Write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::filesystem::path& path);

// One demo PKI, TSA, sealer and inspector per test binary (key generation is the slow part).
class SealingEnvironment {
 public:
  static SealingEnvironment& Get();

  const crypto::DemoPki& pki() const { return *pki_; }
  const std::filesystem::path& pki_dir() const { return pki_dir_; }
  crypto::BuiltinTsa& tsa() { return *tsa_; }
  PadesPdfSealer& sealer() { return *sealer_; }  // B-T: with the built-in TSA
  OpenSslPdfSignatureInspector& inspector() { return inspector_; }
  const common::Clock& clock() const { return clock_; }
  // The demo root CA: the trust anchor of the seal and of the TSA.
  std::vector<X509*> anchors() const { return {pki_->ca_certificate()}; }
  std::string ca_pem_path() const { return (pki_dir_ / "ca.pem").string(); }

  // A B-B sealer (no time-stamp) with this PKI's seal key.
  std::unique_ptr<PadesPdfSealer> NewSealerWithoutTimeStamps() const;

 private:
  SealingEnvironment();

  TempDir dir_;
  std::filesystem::path pki_dir_;
  common::SystemClock clock_;
  common::SecureRandom random_;
  std::unique_ptr<crypto::DemoPki> pki_;
  std::unique_ptr<crypto::BuiltinTsa> tsa_;
  std::unique_ptr<PadesPdfSealer> sealer_;
  OpenSslPdfSignatureInspector inspector_{clock_};
};

// A 64-hex-digit SHA-256, different for each `n`.
std::string HexDigest(int n);

// What the evidence PDF certificate will look like: Dutch, French and German accents, parties and
// identities, `event_rows` events with time-stamped times and digests, attachments, a QR code.
app::PdfDocument CertificateDocument(int event_rows);

// A company approval form: a few paragraphs and a signature box named "approval".
app::PdfDocument ApprovalFormDocument();

// The demo evidence certificate, rendered (asserts on failure).
std::string RenderCertificate(int event_rows = 12);

// Runs `tool` with the file argument; the command's output.
CommandResult RunOnFile(const std::string& tool_and_options, const std::string& path);

// A greyscale page image (pdftoppm -gray), 0 = black, 255 = white.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t at(int x, int y) const {
    return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                  static_cast<std::size_t>(x)];
  }
};
// Reads a binary PGM (P5) file as written by pdftoppm; empty image on failure.
GrayImage ReadPgm(const std::filesystem::path& path);

}  // namespace sealpost::adapters::pdf::test_support
