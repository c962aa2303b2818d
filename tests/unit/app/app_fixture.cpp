#include "unit/app/app_fixture.hpp"

#include <stdlib.h>

#include <cstdio>
#include <stdexcept>

#include "common/sha256.hpp"

namespace sealpost::app {

namespace {

namespace fs = std::filesystem;

std::uint64_t TestSeed() {
  if (const char* s = std::getenv("SEALPOST_TEST_SEED")) return std::strtoull(s, nullptr, 10);
  return 20261102;
}

fs::path MakeTempDir(const char* prefix) {
  std::string pattern = (fs::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

// Key generation is the slow part: one PKI for the whole test binary, made at the fixed start time.
struct SharedPki {
  fs::path dir;
  std::unique_ptr<adapters::crypto::DemoPki> pki;

  SharedPki() : dir(MakeTempDir("sealpost-app-pki-")) {
    sealpost::testing::FakeClock clock(kStart);
    auto loaded = adapters::crypto::DemoPki::LoadOrCreate(dir / "pki", clock);
    if (!loaded) throw std::runtime_error("DemoPki: " + loaded.error().ToString());
    pki = std::make_unique<adapters::crypto::DemoPki>(std::move(*loaded));
  }
  ~SharedPki() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  static SharedPki& Get() {
    static SharedPki shared;
    return shared;
  }
};

template <typename T>
T Must(common::Result<T> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().ToString());
  return std::move(*r);
}

void Must(common::Result<void> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().ToString());
}

}  // namespace

std::string SamplePdf(std::string_view text) {
  return "%PDF-1.7\n% sealpost test\n1 0 obj << /Type /Catalog >> endobj\n% " + std::string(text) +
         "\n%%EOF\n";
}

AppFixture::AppFixture() : random_(TestSeed()) {}

AppFixture::~AppFixture() {
  // Everything holding files or connections goes before the directory.
  manage_keys_.reset();
  sessions_.reset();
  expire_.reset();
  proof_bundle_.reset();
  hand_over_.reset();
  queries_.reset();
  submit_.reset();
  authenticate_.reset();
  checkpoints_.reset();
  log_.reset();
  sealer_.reset();
  tsa_.reset();
  cipher_.reset();
  blobs_.reset();
  database_.reset();
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
}

const adapters::crypto::DemoPki& AppFixture::pki() const { return *SharedPki::Get().pki; }

void AppFixture::SetUp() {
  const auto& p = pki();
  dir_ = MakeTempDir("sealpost-app-test-");
  database_ =
      Must(adapters::storage::SociDatabase::Open("sqlite:" + (dir_ / "sealpost.db").string(), 4),
           "database");
  blobs_ = std::make_unique<adapters::blob::FsBlobStore>(dir_ / "blobs");
  cipher_ =
      Must(adapters::crypto::AesGcmContentCipher::Create(random_.Generate(32), random_), "cipher");
  tsa_ =
      Must(adapters::crypto::BuiltinTsa::Create(p.tsa_certificate(), p.tsa_key(), clock_, random_),
           "tsa");
  adapters::evidence::ProviderConfig provider{"sealpost test SRL", "BE",
                                              "urn:oid:1.3.6.1.4.1.99999.2.1", kLogOrigin};
  sealer_ = Must(adapters::evidence::XadesEvidenceSealer::Create(
                     provider, p.seal_key_pem(), p.seal_certificate_pem(), {p.ca_certificate_pem()},
                     *tsa_, clock_),
                 "sealer");
  note_signer_ = Must(merkle::NoteSigner::Create(kLogOrigin, p.log_seed()), "note signer");
  trust_.root_ca_pem = p.ca_certificate_pem();
  trust_.seal_chain_pem = p.seal_certificate_pem();
  trust_.tsa_chain_pem = p.tsa_certificate_pem();
  trust_.log_verifier_key = note_signer_->VerifierKey();

  log_ =
      std::make_unique<EvidenceLog>(*database_, *sealer_, [this] { return blobs_->SyncStaged(); });
  checkpoints_ = std::make_unique<CheckpointService>(*database_, *log_, *note_signer_, *tsa_,
                                                     clock_, kLogOrigin);
  authenticate_ = std::make_unique<AuthenticateApiKey>(*database_, clock_);
  submit_ = MakeSubmit(settings_);
  queries_ = std::make_unique<ItemQueries>(*database_);
  hand_over_ = std::make_unique<HandOverContent>(*database_, *log_, *blobs_, *cipher_, clock_,
                                                 random_, settings_.public_base_url);
  proof_bundle_ = std::make_unique<BuildProofBundle>(*database_, *queries_, *checkpoints_, trust_);
  expire_ = std::make_unique<ExpireDeliveries>(*database_, *log_, clock_, random_,
                                               settings_.public_base_url);
  record_notification_ = std::make_unique<RecordNotification>(*database_, *log_, clock_, random_,
                                                              settings_.public_base_url);
  sessions_ = std::make_unique<SessionService>(*database_, clock_, random_);
  manage_keys_ = std::make_unique<ManageApiKeys>(*database_, clock_, random_);

  auto company = [&](const char* name, const char* number, const char* email, bool can_send) {
    domain::Account a;
    a.id = common::NewUuid(random_);
    a.kind = domain::AccountKind::kCompany;
    a.display_name = name;
    a.email = email;
    a.enterprise_number = number;
    a.assurance_level = "http://eidas.europa.eu/LoA/high";
    a.authentication_method = "itsme";
    a.can_send = can_send;
    a.created_at = clock_.Now();
    return a;
  };
  sender_account_ = company("Expéditeur Test NV", kSenderEnterprise, "sender@example.be", true);
  recipient_account_ =
      company("Destinataire Test BV", kRecipientEnterprise, "legal@recipient.example.be", true);
  outsider_account_ =
      company("Outsider Test SRL", kOutsiderEnterprise, "outsider@example.be", true);
  person_account_.id = common::NewUuid(random_);
  person_account_.kind = domain::AccountKind::kPerson;
  person_account_.display_name = kPersonName;
  person_account_.given_names = "Émile";
  person_account_.family_name = "Dupont-Lefèvre";
  person_account_.email = kPersonEmail;
  person_account_.national_number = kPersonNationalNumber;
  person_account_.assurance_level = "http://eidas.europa.eu/LoA/high";
  person_account_.authentication_method = "eid";
  person_account_.can_send = false;
  person_account_.created_at = clock_.Now();
  recipient_consent_id_ = common::NewUuid(random_);
  person_consent_id_ = common::NewUuid(random_);
  {
    auto uow = Must(database_->Begin(), "begin");
    for (const auto* a :
         {&sender_account_, &recipient_account_, &outsider_account_, &person_account_}) {
      Must(uow->Accounts().Insert(*a), "insert account");
    }
    Must(uow->Consents().Insert(domain::Consent{recipient_consent_id_, recipient_account_.id, "all",
                                                "Destinataire Test BV (0566988259)", clock_.Now(),
                                                std::nullopt}),
         "consent");
    Must(uow->Consents().Insert(domain::Consent{person_consent_id_, person_account_.id, "all",
                                                "Émile Dupont-Lefèvre (85073003328)", clock_.Now(),
                                                std::nullopt}),
         "consent");
    Must(uow->Commit(), "commit");
  }
  sender_ = AddKeyAndAuthenticate(sender_account_, "send read inbox");
  recipient_ = AddKeyAndAuthenticate(recipient_account_, "send read inbox");
  person_ = AddKeyAndAuthenticate(person_account_, "send read inbox");
  outsider_ = AddKeyAndAuthenticate(outsider_account_, "send read inbox");
  // Registration happened "before": submissions in the tests come a minute later.
  clock_.Advance(std::chrono::minutes(1));
}

void AppFixture::TearDown() {
  if (HasFailure()) {
    std::fprintf(stderr, "[ seed ] SEALPOST_TEST_SEED=%llu, temp dir %s\n",
                 static_cast<unsigned long long>(random_.seed()), dir_.c_str());
  }
}

Caller AppFixture::AddKeyAndAuthenticate(const domain::Account& account,
                                         const std::string& scopes) {
  return Must(authenticate_->Execute(IssueApiKey(account, scopes).secret), "authenticate");
}

AppFixture::IssuedKey AppFixture::IssueApiKey(const domain::Account& account,
                                              const std::string& scopes) {
  std::string secret = "sp_test_" + common::NewToken(random_, 24);
  domain::ApiKey key;
  key.id = common::NewUuid(random_);
  key.account_id = account.id;
  key.label = "test key";
  key.prefix = secret.substr(0, 12);
  key.secret_hash = common::HexEncode(common::Sha256(secret));
  key.scopes = scopes;
  key.created_at = clock_.Now();
  {
    auto uow = Must(database_->Begin(), "begin");
    Must(uow->ApiKeys().Insert(key), "insert api key");
    Must(uow->Commit(), "commit");
  }
  return {secret, key.id};
}

void AppFixture::RevokeConsent(const std::string& account_id) {
  auto uow = Must(database_->Begin(), "begin");
  auto active = Must(uow->Consents().FindActive(account_id, clock_.Now()), "find consent");
  if (!active) throw std::runtime_error("no active consent to revoke");
  Must(uow->Consents().Revoke(active->id, clock_.Now()), "revoke consent");
  Must(uow->Commit(), "commit");
  clock_.Advance(std::chrono::seconds(1));
}

std::unique_ptr<SubmitItem> AppFixture::MakeSubmit(SubmissionSettings settings) {
  return std::make_unique<SubmitItem>(*database_, *log_, *blobs_, *cipher_, clock_, random_,
                                      std::move(settings));
}

domain::Recipient AppFixture::RecipientCompany() {
  // Printed form on purpose: the submission canonicalises it.
  return domain::Recipient{"legal@recipient.example.be", "Destinataire Test BV", "0566.988.259",
                           ""};
}

domain::Recipient AppFixture::RecipientPerson() {
  return domain::Recipient{kPersonEmail, "emile dupont lefevre", "", ""};
}

domain::Recipient AppFixture::Unregistered(std::string email, std::string name) {
  return domain::Recipient{std::move(email), std::move(name), "", ""};
}

SubmitItemRequest AppFixture::Request(std::vector<domain::Recipient> recipients,
                                      std::string subject) {
  SubmitItemRequest r;
  r.subject = std::move(subject);
  r.message = "Veuillez trouver ci-joint notre courrier.";
  r.recipients = std::move(recipients);
  r.attachments.push_back({"lettre.pdf", "application/pdf", SamplePdf("lettre")});
  r.attachments.push_back({"annexe.txt", "text/plain", std::string("annexe\0binaire\xff", 15)});
  return r;
}

SubmittedItem AppFixture::MustSubmit(const Caller& caller, SubmitItemRequest request) {
  auto outcome = submit_->Execute(caller, std::move(request));
  if (!outcome) throw std::runtime_error("submit: " + outcome.error().ToString());
  if (auto* rejected = std::get_if<SubmissionRejected>(&*outcome)) {
    throw std::runtime_error("submit rejected: " + rejected->error.ToString());
  }
  DeliverQueuedMail();
  // The deliveries as they stand once the notifications were taken over.
  auto submitted = std::get<SubmittedItem>(std::move(*outcome));
  for (auto& d : submitted.deliveries) {
    if (auto stored = StoredDelivery(d.id)) d = *stored;
  }
  return submitted;
}

std::vector<OutboxMail> AppFixture::DeliverQueuedMail() {
  std::vector<OutboxMail> delivered;
  auto due = [&] {
    auto uow = Must(database_->Begin(), "begin");
    return Must(uow->MailOutbox().Due(clock_.Now(), 1000), "due mail");
  }();
  for (const auto& mail : due) {
    {
      auto uow = Must(database_->Begin(), "begin");
      Must(uow->MailOutbox().MarkSent(mail.id, clock_.Now()), "mark sent");
      Must(uow->Commit(), "commit");
    }
    Must(record_notification_->Sent(mail), "record notification");
    delivered.push_back(mail);
  }
  return delivered;
}

SubmissionRejected AppFixture::MustReject(const Caller& caller, SubmitItemRequest request) {
  auto outcome = submit_->Execute(caller, std::move(request));
  if (!outcome) throw std::runtime_error("submit: " + outcome.error().ToString());
  if (!std::holds_alternative<SubmissionRejected>(*outcome))
    throw std::runtime_error("submit was accepted");
  return std::get<SubmissionRejected>(std::move(*outcome));
}

std::vector<domain::EvidenceRecord> AppFixture::StoredEvidence(const std::string& item_id) {
  auto uow = Must(database_->BeginReadOnly(), "begin");
  return Must(uow->Evidence().ListByItem(item_id), "list evidence");
}

std::optional<domain::Delivery> AppFixture::StoredDelivery(const std::string& delivery_id) {
  auto uow = Must(database_->BeginReadOnly(), "begin");
  return Must(uow->Deliveries().FindById(delivery_id), "find delivery");
}

std::optional<domain::Item> AppFixture::StoredItem(const std::string& item_id) {
  auto uow = Must(database_->BeginReadOnly(), "begin");
  return Must(uow->Items().FindById(item_id), "find item");
}

std::int64_t AppFixture::LogSize() { return Must(log_->Head(), "log head").size; }

std::int64_t AppFixture::StoredLogSize() {
  auto uow = Must(database_->BeginReadOnly(), "begin");
  return Must(uow->Log().Size(), "log size");
}

std::size_t AppFixture::BlobFileCount() const {
  std::size_t n = 0;
  std::error_code ec;
  if (!fs::exists(dir_ / "blobs", ec)) return 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "blobs")) {
    if (entry.is_regular_file()) ++n;
  }
  return n;
}

adapters::evidence::VerificationReport AppFixture::VerifySealed(const std::string& xml) const {
  return adapters::evidence::EvidenceVerifier::Verify(xml, {pki().ca_certificate_pem()});
}

}  // namespace sealpost::app
