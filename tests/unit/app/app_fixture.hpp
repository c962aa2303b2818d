// AppFixture: the use cases wired to the real adapters, as src/main/application.cpp wires them — a
// SQLite file database, the file-system blob store, AES-GCM content encryption, the demo PKI with
// the built-in TSA and the XAdES sealer — in a fresh temp directory per test, driven by a FakeClock
// and a seeded Random. Seeds a sending company, a registered recipient company, a registered person
// and an outsider company, each with an API key, and authenticates them into Callers. Not
// thread-safe itself (one per test); the use cases it holds are.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/blob/fs_blob_store.hpp"
#include "adapters/crypto/aes_gcm_content_cipher.hpp"
#include "adapters/crypto/builtin_tsa.hpp"
#include "adapters/crypto/demo_pki.hpp"
#include "adapters/evidence/evidence_verifier.hpp"
#include "adapters/evidence/xades_sealer.hpp"
#include "adapters/storage/soci_database.hpp"
#include "app/caller.hpp"
#include "app/checkpoint_service.hpp"
#include "app/evidence_log.hpp"
#include "app/usecases/authenticate_api_key.hpp"
#include "app/usecases/build_proof_bundle.hpp"
#include "app/usecases/expire_deliveries.hpp"
#include "app/usecases/hand_over_content.hpp"
#include "app/usecases/item_queries.hpp"
#include "app/usecases/manage_api_keys.hpp"
#include "app/usecases/record_notification.hpp"
#include "app/usecases/session_service.hpp"
#include "app/usecases/submit_item.hpp"
#include "fakes/fake_clock.hpp"
#include "fakes/seeded_random.hpp"
#include "merkle/signed_note.hpp"

namespace sealpost::app {

// 2026-11-02T09:00:00Z: fixed, so that every run seals the same times.
inline constexpr common::TimePoint kStart{std::chrono::sys_days{std::chrono::November / 2 / 2026} +
                                          std::chrono::hours(9)};
inline constexpr const char* kLogOrigin = "sealpost.test/log";

inline constexpr const char* kSenderEnterprise = "0403019261";
inline constexpr const char* kRecipientEnterprise = "0566988259";
inline constexpr const char* kOutsiderEnterprise = "0200000043";
inline constexpr const char* kPersonNationalNumber = "85073003328";
inline constexpr const char* kPersonName = "Émile Dupont-Lefèvre";
inline constexpr const char* kPersonEmail = "emile@example.be";

// A minimal but genuine-looking PDF (starts with the %PDF- magic).
std::string SamplePdf(std::string_view text = "hello");

class AppFixture : public ::testing::Test {
 protected:
  AppFixture();
  ~AppFixture() override;
  void SetUp() override;
  void TearDown() override;

  // --- requests ---
  static domain::Recipient RecipientCompany();  // registered, by enterprise number
  static domain::Recipient RecipientPerson();   // registered, by e-mail and name only
  static domain::Recipient Unregistered(std::string email = "nobody@example.org",
                                        std::string name = "Nobody Known");
  SubmitItemRequest Request(std::vector<domain::Recipient> recipients,
                            std::string subject = "Mise en demeure");

  // --- actions that must succeed (fail the test otherwise) ---
  SubmittedItem MustSubmit(const Caller& caller, SubmitItemRequest request);
  SubmissionRejected MustReject(const Caller& caller, SubmitItemRequest request);
  // What the mail job does: every due e-mail is taken over by the mail system (marked sent) and
  // its consequence recorded (NotificationForAcceptance, ConsignmentNotification). MustSubmit
  // calls it, so its deliveries are notified. Returns the e-mails.
  std::vector<OutboxMail> DeliverQueuedMail();

  // --- direct views of what is stored ---
  std::vector<domain::EvidenceRecord> StoredEvidence(const std::string& item_id);
  std::optional<domain::Delivery> StoredDelivery(const std::string& delivery_id);
  std::optional<domain::Item> StoredItem(const std::string& item_id);
  std::int64_t LogSize();
  std::int64_t StoredLogSize();  // straight from the database, not the in-memory mirror
  std::size_t BlobFileCount() const;
  std::filesystem::path BlobPath(const std::string& address) const {
    return blobs_->PathOf(address);
  }
  adapters::evidence::VerificationReport VerifySealed(const std::string& xml) const;

  // A new SubmitItem on the same wiring with other settings.
  std::unique_ptr<SubmitItem> MakeSubmit(SubmissionSettings settings);
  // A Caller for `account` with an API key of `scopes` (inserted into the database).
  Caller AddKeyAndAuthenticate(const domain::Account& account, const std::string& scopes);
  struct IssuedKey {
    std::string secret;
    std::string id;
  };
  // Inserts an API key of `scopes` for `account` and returns its secret, as shown once to a user.
  IssuedKey IssueApiKey(const domain::Account& account, const std::string& scopes);
  void RevokeConsent(const std::string& account_id);

  const adapters::crypto::DemoPki& pki() const;

  std::filesystem::path dir_;
  sealpost::testing::FakeClock clock_{kStart};
  sealpost::testing::SeededRandom random_;
  SubmissionSettings settings_;
  std::unique_ptr<adapters::storage::SociDatabase> database_;
  std::unique_ptr<adapters::blob::FsBlobStore> blobs_;
  std::unique_ptr<adapters::crypto::AesGcmContentCipher> cipher_;
  std::unique_ptr<adapters::crypto::BuiltinTsa> tsa_;
  std::unique_ptr<adapters::evidence::XadesEvidenceSealer> sealer_;
  std::optional<merkle::NoteSigner> note_signer_;
  std::unique_ptr<EvidenceLog> log_;
  std::unique_ptr<CheckpointService> checkpoints_;
  std::unique_ptr<AuthenticateApiKey> authenticate_;
  std::unique_ptr<SubmitItem> submit_;
  std::unique_ptr<ItemQueries> queries_;
  std::unique_ptr<HandOverContent> hand_over_;
  std::unique_ptr<BuildProofBundle> proof_bundle_;
  std::unique_ptr<ExpireDeliveries> expire_;
  std::unique_ptr<RecordNotification> record_notification_;
  std::unique_ptr<SessionService> sessions_;
  std::unique_ptr<ManageApiKeys> manage_keys_;
  TrustMaterial trust_;

  domain::Account sender_account_;
  domain::Account recipient_account_;
  domain::Account person_account_;
  domain::Account outsider_account_;
  std::string recipient_consent_id_;
  std::string person_consent_id_;
  std::optional<Caller> sender_;     // "send read inbox"
  std::optional<Caller> recipient_;  // "send read inbox"
  std::optional<Caller> person_;     // "send read inbox", but the person's account cannot send
  std::optional<Caller> outsider_;   // "send read inbox"
};

}  // namespace sealpost::app
