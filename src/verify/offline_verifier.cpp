#include "verify/offline_verifier.hpp"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "adapters/archive/zip_archive.hpp"
#include "adapters/crypto/time_stamp_verifier.hpp"
#include "adapters/evidence/evidence_verifier.hpp"
#include "adapters/pdf/evidence_certificate_attachments.hpp"
#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "domain/evidence_event.hpp"
#include "merkle/checkpoint.hpp"
#include "merkle/leaf.hpp"
#include "merkle/proof_text.hpp"
#include "merkle/signed_note.hpp"
#include "verify/pdf_certificate_check.hpp"

namespace sealpost::verify {

namespace {

using adapters::evidence::EvidenceVerifier;

// SHA-256 fingerprints of the certificates in a PEM text, "AB:CD:…" as browsers print them.
std::vector<std::string> Fingerprints(const std::string& pem) {
  std::vector<std::string> out;
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    unsigned char md[32];
    unsigned int len = 0;
    X509_digest(cert, EVP_sha256(), md, &len);
    X509_free(cert);
    std::string hex = common::HexEncode(std::span(md, len));
    std::string pretty;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
      if (!pretty.empty()) pretty += ':';
      pretty += static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i])));
      pretty += static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i + 1])));
    }
    out.push_back(pretty);
  }
  return out;
}

EvidenceStatement StatementOf(const std::string& file,
                              const adapters::evidence::EvidenceSummary& s) {
  EvidenceStatement st;
  st.file = file;
  st.event = s.event_name;
  st.evidence_id = s.evidence_id;
  st.message_id = s.message_id;
  st.sender = s.sender_name + (s.sender_identifier.empty() ? "" : " <" + s.sender_identifier + ">");
  st.recipient = s.recipient_name +
                 (s.recipient_identifier.empty() ? "" : " <" + s.recipient_identifier + ">");
  st.event_time = s.event_time;
  if (s.time_stamp_gen_time) st.time_stamped_at = common::FormatRfc3339(*s.time_stamp_gen_time);
  for (const auto& p : s.parts) {
    st.parts.push_back(p.file_name + " (" + p.content_type + ", " + std::to_string(p.size) +
                       " bytes, sha256 " + p.sha256_hex + ")");
  }
  return st;
}

void VerifyEvidence(const std::string& file, const std::string& xml,
                    const std::vector<std::string>& anchors, VerifyReport& report) {
  auto result = EvidenceVerifier::Verify(xml, anchors);
  for (const auto& c : result.checks) report.checks.push_back({file, c.name, c.passed, c.detail});
  report.statements.push_back(StatementOf(file, result.summary));
}

void Add(VerifyReport& report, std::string subject, std::string name, bool passed,
         std::string detail) {
  report.checks.push_back({std::move(subject), std::move(name), passed, std::move(detail)});
}

void VerifyBundle(const std::string& bytes, const VerifyOptions& options, VerifyReport& report) {
  auto entries = adapters::archive::ReadZipArchive(bytes);
  if (!entries) {
    Add(report, "bundle", "archive", false, entries.error().message);
    return;
  }
  std::map<std::string, std::string> files;
  for (auto& e : *entries) files[e.name] = std::move(e.data);
  auto file = [&](const std::string& name) -> const std::string* {
    auto it = files.find(name);
    return it == files.end() ? nullptr : &it->second;
  };

  nlohmann::json manifest;
  if (const std::string* m = file("manifest.json"))
    manifest = nlohmann::json::parse(*m, nullptr, false);
  if (!manifest.is_object() || manifest.value("format", "") != "sealpost-proof-bundle/1" ||
      !manifest.contains("evidence") || !manifest["evidence"].is_array()) {
    Add(report, "bundle", "manifest", false,
        "manifest.json is missing or not a sealpost proof bundle manifest");
    return;
  }
  Add(report, "bundle", "manifest", true,
      "sealpost proof bundle for item " + manifest.value("item_id", "?"));

  // Trust anchors: the verifier's own, else the bundle's root (said plainly in the report).
  std::vector<std::string> anchors = options.trust_anchor_pems;
  if (anchors.empty()) {
    if (const std::string* root = file("certs/root-ca.pem")) anchors.push_back(*root);
    auto prints = anchors.empty() ? std::vector<std::string>{} : Fingerprints(anchors[0]);
    report.trust_note =
        "Trust anchor: the root CA carried in the bundle (SHA-256 " +
        (prints.empty() ? std::string("?") : prints[0]) +
        "). Compare it with the fingerprint the provider publishes, or pass --trust.";
  } else {
    report.trust_note = "Trust anchors: given with --trust.";
  }

  // The log checkpoint: signed by the log key, time-stamped.
  const std::string origin = manifest.value("log_origin", "");
  std::string key_text = options.log_verifier_key.value_or(
      file("certs/log-key.txt") ? *file("certs/log-key.txt") : "");
  while (!key_text.empty() && (key_text.back() == '\n' || key_text.back() == '\r'))
    key_text.pop_back();
  auto log_key = merkle::NoteVerifier::FromVerifierKey(key_text);
  const std::string* note = file("checkpoint/checkpoint.note");
  if (!log_key || note == nullptr) {
    Add(report, "checkpoint", "log-signature", false,
        !log_key ? "no usable log key: " + log_key.error().message
                 : "checkpoint/checkpoint.note is missing");
    return;
  }
  auto body = log_key->Verify(*note);
  Add(report, "checkpoint", "log-signature", body.has_value(),
      body ? "signed by log key " + key_text.substr(0, key_text.find('+')) : body.error().message);
  if (body) {
    auto cp = merkle::ParseCheckpoint(*body);
    bool origin_ok = cp && cp->origin == origin;
    Add(report, "checkpoint", "origin", origin_ok,
        origin_ok ? "log " + origin + ", size " + std::to_string(cp->size)
                  : "checkpoint origin does not match the bundle");
  }
  if (const std::string* token = file("checkpoint/checkpoint.tst")) {
    std::string tsa_chain = file("certs/tsa.pem") ? *file("certs/tsa.pem") : "";
    std::string anchor_text;
    for (const auto& a : anchors) anchor_text += a;
    auto info = adapters::crypto::VerifyTimeStampToken(common::ToBytes(*token),
                                                       common::Sha256(*note), anchor_text);
    Add(report, "checkpoint", "time-stamp", info.has_value(),
        info ? "checkpoint existed at " + common::FormatRfc3339(info->gen_time) + " (TSA " +
                   info->tsa_subject + ")"
             : info.error().message);
  } else {
    Add(report, "checkpoint", "time-stamp", false, "checkpoint/checkpoint.tst is missing");
  }

  for (const auto& entry : manifest["evidence"]) {
    std::string name = entry.value("file", "");
    const std::string* xml = file(name);
    if (xml == nullptr) {
      Add(report, name, "present", false, "listed in the manifest but missing from the bundle");
      continue;
    }
    VerifyEvidence(name, *xml, anchors, report);

    // The evidence is in the log: its leaf record describes exactly these bytes, and the inclusion
    // proof leads from that leaf to the signed checkpoint.
    auto leaf_bytes = common::HexDecode(entry.value("leaf_record", ""));
    auto leaf = leaf_bytes ? merkle::DecodeLeaf(*leaf_bytes)
                           : common::Result<merkle::LeafRecord>(
                                 common::Fail(common::ErrorCode::kInvalidArgument, "not hex"));
    bool leaf_ok = leaf && leaf->evidence_sha256 == common::Sha256(*xml) &&
                   leaf->evidence_id == entry.value("id", "") &&
                   domain::EventName(static_cast<domain::EvidenceEvent>(leaf->event_code)) ==
                       entry.value("event", "") &&
                   !report.statements.empty() &&
                   report.statements.back().evidence_id == leaf->evidence_id;
    Add(report, name, "log-leaf", leaf_ok,
        leaf_ok ? "the log leaf records this file's SHA-256, id and event"
                : "the log leaf does not describe this file (altered file or leaf record)");
    const std::string* proof_text = file(entry.value("proof", ""));
    if (proof_text == nullptr || !leaf || !leaf_bytes || !log_key) {
      Add(report, name, "log-inclusion", false, "no inclusion proof");
      continue;
    }
    auto proof = merkle::ParseTlogProof(*proof_text);
    if (!proof) {
      Add(report, name, "log-inclusion", false, proof.error().message);
      continue;
    }
    auto included =
        merkle::VerifyTlogProof(*proof, *log_key, origin, merkle::LeafHash(*leaf_bytes));
    bool same_checkpoint = proof->checkpoint_note == *note;
    Add(report, name, "log-inclusion", included.has_value() && same_checkpoint,
        !included          ? included.error().message
        : !same_checkpoint ? "the proof leads to another checkpoint than the bundle's"
                           : "leaf " + std::to_string(proof->index) + " of the log of size " +
                                 std::to_string(included->size));
  }
}

// A PDF certificate: its one seal, then every evidence it carries, each like a single evidence
// file. The certificate restates those evidence files; its seal vouches for the restatement.
void VerifyCertificate(const std::string& file_name, const std::string& bytes,
                       const VerifyOptions& options, VerifyReport& report) {
  const std::string subject = "certificate " + file_name;
  PdfSealCheck seal = CheckPdfSeal(bytes, options.trust_anchor_pems);
  Add(report, subject, "pdf-seal", seal.passed, seal.detail);
  auto files = adapters::pdf::ReadEmbeddedFiles(bytes);
  if (!files) {
    Add(report, subject, "embedded-evidence", false, files.error().message);
    return;
  }
  std::vector<const adapters::pdf::PdfEmbeddedFile*> evidence;
  for (const auto& f : *files) {
    if (f.name.ends_with(".xml")) evidence.push_back(&f);
  }
  Add(report, subject, "embedded-evidence", !evidence.empty(),
      evidence.empty() ? "the PDF carries no evidence file"
                       : std::to_string(evidence.size()) + " evidence files embedded");
  for (const auto* f : evidence) {
    VerifyEvidence(file_name + " → " + f->name, f->data, options.trust_anchor_pems, report);
  }
}

}  // namespace

VerifyReport VerifyFile(const std::string& file_name, const std::string& bytes,
                        const VerifyOptions& options) {
  VerifyReport report;
  if (bytes.starts_with("PK\x03\x04")) {
    VerifyBundle(bytes, options, report);
  } else {
    if (options.trust_anchor_pems.empty()) {
      Add(report, file_name, "trust-anchor", false,
          "no trust anchor: pass --trust ROOT.pem (the provider's root certificate)");
    } else {
      report.trust_note = "Trust anchors: given with --trust.";
    }
    if (LooksLikePdf(bytes)) {
      VerifyCertificate(file_name, bytes, options, report);
    } else {
      VerifyEvidence(file_name, bytes, options.trust_anchor_pems, report);
    }
  }
  report.ok = !report.checks.empty();
  for (const auto& c : report.checks) report.ok = report.ok && c.passed;
  return report;
}

std::string RenderReport(const VerifyReport& report) {
  std::string out;
  for (const auto& s : report.statements) {
    out += "Evidence " + s.file + "\n";
    out += "  event:        " + s.event + "\n";
    out += "  evidence id:  " + s.evidence_id + "\n";
    out += "  item:         " + s.message_id + "\n";
    out += "  sender:       " + s.sender + "\n";
    out += "  recipient:    " + s.recipient + "\n";
    out += "  event time:   " + s.event_time + "\n";
    out += "  time-stamped: " +
           (s.time_stamped_at.empty() ? std::string("(no valid time-stamp)") : s.time_stamped_at) +
           "\n";
    for (const auto& p : s.parts) out += "  content:      " + p + "\n";
  }
  out += "\nChecks:\n";
  for (const auto& c : report.checks) {
    out += std::string(c.passed ? "  PASS " : "  FAIL ") + c.subject + ": " + c.name + " — " +
           c.detail + "\n";
  }
  if (!report.trust_note.empty()) out += "\n" + report.trust_note + "\n";
  out += report.ok ? "\nVERDICT: VALID — every check passed.\n"
                   : "\nVERDICT: NOT VALID — at least one check failed (see FAIL above).\n";
  return out;
}

}  // namespace sealpost::verify
