// sealpost-microbench: the per-evidence costs of a submission, in process (Google Benchmark).
// A submission to a registered recipient seals 3 evidences (each: XAdES signature + built-in TSA
// token), encrypts and stores the attachment (fsync'd blob), and commits item + delivery + 3
// evidence rows + 3 log leaves in one SQLite transaction (WAL, synchronous=FULL) under the
// EvidenceLog writer lock. Everything is wired as in src/main/application.cpp (demo mode), in a
// fresh temp directory that is removed at exit. Not a test: never registered with CTest.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/blob/fs_blob_store.hpp"
#include "adapters/crypto/aes_gcm_content_cipher.hpp"
#include "adapters/crypto/builtin_tsa.hpp"
#include "adapters/crypto/demo_pki.hpp"
#include "adapters/evidence/evidence_verifier.hpp"
#include "adapters/evidence/xades_sealer.hpp"
#include "adapters/storage/soci_database.hpp"
#include "app/evidence_log.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/sha256.hpp"
#include "domain/account.hpp"
#include "domain/delivery.hpp"
#include "domain/evidence.hpp"
#include "domain/item.hpp"
#include "merkle/compact_range.hpp"

namespace {

using namespace sealpost;

template <typename T>
T Must(common::Result<T> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

void MustOk(const common::Result<void>& r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message);
}

// An evidence as SubmitItem builds it for a registered company recipient (one 64 KB PDF part).
domain::Evidence SubmissionEvidence(common::Random& random, common::TimePoint now,
                                    domain::EvidenceEvent event, const std::string& item_id,
                                    const std::string& delivery_id) {
  domain::Evidence e;
  e.id = common::NewUuid(random);
  e.event = event;
  e.event_time = now;
  e.submission_time = now;
  e.sender.name = "Demo Sender NV";
  e.sender.email = "sender@demo.sealpost.test";
  e.sender.enterprise_number = "0403019261";
  e.sender.assurance_level = "http://eidas.europa.eu/LoA/high";
  e.sender.authentication_method = "api-key";
  e.sender.authentication_time = now;
  domain::PartyIdentity recipient;
  recipient.name = "Demo Recipient BV";
  recipient.email = "recipient@demo.sealpost.test";
  recipient.enterprise_number = "0566988259";
  recipient.assurance_level = "http://eidas.europa.eu/LoA/high";
  recipient.authentication_method = "demo-idp";
  e.recipients = {recipient};
  e.message_id = item_id;
  e.subject = "Load test notice";
  e.parts = {{common::NewUuid(random), "notice.pdf", "application/pdf", 65536,
              common::HexEncode(common::Sha256(std::string_view("notice")))}};
  e.delivery_id = delivery_id;
  return e;
}

// Replays one pre-sealed document: isolates the database part of EvidenceLog::Record.
class PresealedSealer final : public app::EvidenceSealer {
 public:
  explicit PresealedSealer(std::string xml) : xml_(std::move(xml)) {}
  common::Result<std::string> Seal(const domain::Evidence&) override { return xml_; }

 private:
  std::string xml_;
};

struct Env {
  std::filesystem::path dir;
  common::SystemClock clock;
  common::SecureRandom random;
  std::unique_ptr<adapters::crypto::DemoPki> pki;
  std::unique_ptr<adapters::crypto::BuiltinTsa> tsa;
  std::unique_ptr<adapters::evidence::XadesEvidenceSealer> sealer;
  std::unique_ptr<adapters::crypto::AesGcmContentCipher> cipher;
  std::unique_ptr<adapters::blob::FsBlobStore> blobs;
  std::unique_ptr<adapters::storage::SociDatabase> database;
  std::unique_ptr<app::EvidenceLog> log;
  std::unique_ptr<PresealedSealer> presealed_sealer;
  std::unique_ptr<app::EvidenceLog> presealed_log;
  std::string sender_id;
  std::string recipient_id;
  std::string sealed_xml;

  static Env& Get() {
    static Env env;
    return env;
  }

  Env() {
    dir = std::filesystem::temp_directory_path() /
          ("sealpost-microbench-" + std::to_string(getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir);
    pki = std::make_unique<adapters::crypto::DemoPki>(
        Must(adapters::crypto::DemoPki::LoadOrCreate(dir / "pki", clock), "pki"));
    tsa = Must(
        adapters::crypto::BuiltinTsa::Create(pki->tsa_certificate(), pki->tsa_key(), clock, random),
        "tsa");
    adapters::evidence::ProviderConfig provider{
        "sealpost demo SRL", "BE", "urn:oid:1.3.6.1.4.1.99999.2.1", "sealpost.example/log"};
    sealer = Must(adapters::evidence::XadesEvidenceSealer::Create(
                      provider, pki->seal_key_pem(), pki->seal_certificate_pem(),
                      {pki->ca_certificate_pem()}, *tsa, clock),
                  "sealer");
    cipher =
        Must(adapters::crypto::AesGcmContentCipher::Create(random.Generate(32), random), "cipher");
    blobs = std::make_unique<adapters::blob::FsBlobStore>(dir / "blobs");
    database = Must(
        adapters::storage::SociDatabase::Open("sqlite:" + (dir / "sealpost.db").string(), 8), "db");
    log = std::make_unique<app::EvidenceLog>(*database, *sealer);

    // The two demo companies (the item's sender and the delivery's recipient account).
    auto uow = Must(database->Begin(), "begin");
    for (int i = 0; i < 2; ++i) {
      domain::Account a;
      a.id = common::NewUuid(random);
      a.kind = domain::AccountKind::kCompany;
      a.display_name = i == 0 ? "Demo Sender NV" : "Demo Recipient BV";
      a.email = i == 0 ? "sender@demo.sealpost.test" : "recipient@demo.sealpost.test";
      a.enterprise_number = i == 0 ? "0403019261" : "0566988259";
      a.assurance_level = "http://eidas.europa.eu/LoA/high";
      a.authentication_method = "demo-idp";
      a.can_send = true;
      a.created_at = clock.Now();
      MustOk(uow->Accounts().Insert(a), "account");
      (i == 0 ? sender_id : recipient_id) = a.id;
    }
    MustOk(uow->Commit(), "commit");
    uow.reset();

    sealed_xml = Must(
        sealer->Seal(SubmissionEvidence(
            random, clock.Now(), domain::EvidenceEvent::kSubmissionAcceptance, "item", "delivery")),
        "seal");
    presealed_sealer = std::make_unique<PresealedSealer>(sealed_xml);
    presealed_log = std::make_unique<app::EvidenceLog>(*database, *presealed_sealer);
  }

  ~Env() {
    log.reset();
    presealed_log.reset();
    database.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }

  // What SubmitItem::Execute records for one registered recipient: item (+1 attachment row),
  // one delivery, three evidences.
  bool RecordSubmission(app::EvidenceLog& through) {
    const common::TimePoint now = clock.Now();
    domain::Item item;
    item.id = common::NewUuid(random);
    item.sender_account_id = sender_id;
    item.subject = "Load test notice";
    item.message = "Please find the notice attached.";
    item.submitted_at = now;
    item.wrapped_key = "v1:bench";
    domain::Attachment a;
    a.id = common::NewUuid(random);
    a.file_name = "notice.pdf";
    a.content_type = "application/pdf";
    a.size = 65536;
    a.sha256 = std::string(64, '0');
    a.blob_address = std::string(64, '1');
    item.attachments.push_back(a);
    domain::Delivery d;
    d.id = common::NewUuid(random);
    d.item_id = item.id;
    d.recipient = {"recipient@demo.sealpost.test", "Demo Recipient BV", "0566988259", ""};
    d.recipient_account_id = recipient_id;
    d.state = domain::DeliveryState::kNotified;
    d.state_changed_at = now;
    d.deadline = now + std::chrono::hours(24 * 15);
    std::vector<domain::Evidence> evidence;
    for (auto event :
         {domain::EvidenceEvent::kSubmissionAcceptance, domain::EvidenceEvent::kContentConsignment,
          domain::EvidenceEvent::kConsignmentNotification}) {
      evidence.push_back(SubmissionEvidence(random, now, event, item.id, d.id));
    }
    auto recorded =
        through.Record(evidence, item.id, [&](app::UnitOfWork& uow) -> common::Result<void> {
          if (auto ok = uow.Items().Insert(item); !ok) return ok;
          return uow.Deliveries().Insert(d);
        });
    if (!recorded) std::fprintf(stderr, "record: %s\n", recorded.error().message.c_str());
    return recorded.has_value();
  }
};

void BM_BuiltinTsa_TimeStamp(benchmark::State& state) {
  Env& env = Env::Get();
  auto imprint = common::Sha256(std::string_view("signature value"));
  for (auto _ : state) {
    auto token = env.tsa->TimeStamp(imprint);
    if (!token) state.SkipWithError("timestamp failed");
    benchmark::DoNotOptimize(token);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BuiltinTsa_TimeStamp)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->Threads(1)
    ->Threads(2);

void BM_XadesSeal_WithBuiltinTsa(benchmark::State& state) {
  Env& env = Env::Get();
  auto evidence =
      SubmissionEvidence(env.random, env.clock.Now(), domain::EvidenceEvent::kSubmissionAcceptance,
                         "item", "delivery");
  for (auto _ : state) {
    auto sealed = env.sealer->Seal(evidence);
    if (!sealed) state.SkipWithError("seal failed");
    benchmark::DoNotOptimize(sealed);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_XadesSeal_WithBuiltinTsa)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->Threads(1)
    ->Threads(2);

void BM_EvidenceVerifier_Verify(benchmark::State& state) {
  Env& env = Env::Get();
  const std::vector<std::string> anchors = {env.pki->ca_certificate_pem()};
  for (auto _ : state) {
    auto report = adapters::evidence::EvidenceVerifier::Verify(env.sealed_xml, anchors);
    if (!report.ok) state.SkipWithError("verify failed");
    benchmark::DoNotOptimize(report);
  }
}
BENCHMARK(BM_EvidenceVerifier_Verify)->Unit(benchmark::kMicrosecond);

void BM_CompactRange_Append(benchmark::State& state) {
  merkle::CompactRange range;
  merkle::Hash h = common::Sha256(std::string_view("leaf"));
  for (auto _ : state) {
    range.Append(h);
    h[0] = static_cast<std::uint8_t>(h[0] + 1);
    benchmark::DoNotOptimize(range);
  }
}
BENCHMARK(BM_CompactRange_Append);

void BM_CompactRange_Root(benchmark::State& state) {
  merkle::CompactRange range;
  merkle::Hash h = common::Sha256(std::string_view("leaf"));
  for (int i = 0; i < 1'000'003; ++i) range.Append(h);
  for (auto _ : state) benchmark::DoNotOptimize(range.Root());
}
BENCHMARK(BM_CompactRange_Root);

void BM_AesGcm_Encrypt64KB(benchmark::State& state) {
  Env& env = Env::Get();
  auto key = env.cipher->NewItemKey();
  common::Bytes plain = env.random.Generate(64 * 1024);
  for (auto _ : state) {
    auto sealed = env.cipher->Encrypt(key.plain, plain, "item/attachment");
    if (!sealed) state.SkipWithError("encrypt failed");
    benchmark::DoNotOptimize(sealed);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 64 * 1024);
}
BENCHMARK(BM_AesGcm_Encrypt64KB)->Unit(benchmark::kMicrosecond);

void BM_Sha256_64KB(benchmark::State& state) {
  Env& env = Env::Get();
  common::Bytes data = env.random.Generate(64 * 1024);
  for (auto _ : state) benchmark::DoNotOptimize(common::Sha256(data));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 64 * 1024);
}
BENCHMARK(BM_Sha256_64KB)->Unit(benchmark::kMicrosecond);

void BM_FsBlobStore_Put64KB(benchmark::State& state) {  // write + fsync + rename + fsync(dir)
  Env& env = Env::Get();
  common::Bytes data = env.random.Generate(64 * 1024);
  for (auto _ : state) {
    data[0] = static_cast<std::uint8_t>(data[0] + 1);  // content-addressed: a new blob each time
    data[1] = static_cast<std::uint8_t>(data[1] + (data[0] == 0 ? 1 : 0));
    data[2] = static_cast<std::uint8_t>(state.iterations());
    auto address = env.blobs->Put(data);
    if (!address) state.SkipWithError("put failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FsBlobStore_Put64KB)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The full EvidenceLog::Record of a registered-recipient submission: 3 seals + one SQLite commit.
void BM_EvidenceLog_Record_Submission3(benchmark::State& state) {
  Env& env = Env::Get();
  for (auto _ : state) {
    if (!env.RecordSubmission(*env.log)) state.SkipWithError("record failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvidenceLog_Record_Submission3)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->Threads(1)
    ->Threads(2)
    ->Threads(8);

// The same with sealing taken out (pre-sealed XML): the SQLite transaction + fsync under the writer
// lock.
void BM_EvidenceLog_Record_Presealed3(benchmark::State& state) {
  Env& env = Env::Get();
  for (auto _ : state) {
    if (!env.RecordSubmission(*env.presealed_log)) state.SkipWithError("record failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvidenceLog_Record_Presealed3)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->Threads(1)
    ->Threads(8);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  int status = 0;
  try {
    Env::Get();  // build the PKI and database before timing anything
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sealpost-microbench: %s\n", e.what());
    status = 1;
  }
  benchmark::Shutdown();
  return status;
}
