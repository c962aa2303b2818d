#include "main/application.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "adapters/archive/zip_archive.hpp"
#include "adapters/blob/fs_blob_store.hpp"
#include "adapters/crypto/aes_gcm_content_cipher.hpp"
#include "adapters/crypto/builtin_tsa.hpp"
#include "adapters/crypto/demo_pki.hpp"
#include "adapters/crypto/http_tsa_client.hpp"
#include "adapters/crypto/pem.hpp"
#include "adapters/evidence/verifying_evidence_reader.hpp"
#include "adapters/evidence/xades_sealer.hpp"
#include "adapters/files/atomic_file.hpp"
#include "adapters/identity/demo_idp.hpp"
#include "adapters/identity/oidc_client.hpp"
#include "adapters/mail/smtp_mailer.hpp"
#include "adapters/mail/spool_mailer.hpp"
#include "adapters/mail/template_mail_composer.hpp"
#include "adapters/pdf/cairo_pdf_renderer.hpp"
#include "adapters/pdf/evidence_certificate_renderer.hpp"
#include "adapters/pdf/pades_sealer.hpp"
#include "adapters/storage/soci_database.hpp"
#include "app/checkpoint_service.hpp"
#include "app/evidence_log.hpp"
#include "app/usecases/accept_invitation.hpp"
#include "app/usecases/authenticate_api_key.hpp"
#include "app/usecases/build_evidence_certificate.hpp"
#include "app/usecases/build_proof_bundle.hpp"
#include "app/usecases/company_accounts.hpp"
#include "app/usecases/company_details.hpp"
#include "app/usecases/expire_deliveries.hpp"
#include "app/usecases/hand_over_content.hpp"
#include "app/usecases/item_queries.hpp"
#include "app/usecases/manage_api_keys.hpp"
#include "app/usecases/manage_members.hpp"
#include "app/usecases/operator_back_office.hpp"
#include "app/usecases/recipient_decision.hpp"
#include "app/usecases/recipient_registration.hpp"
#include "app/usecases/record_notification.hpp"
#include "app/usecases/send_queued_mail.hpp"
#include "app/usecases/send_reminders.hpp"
#include "app/usecases/sender_notifications.hpp"
#include "app/usecases/session_service.hpp"
#include "app/usecases/submit_item.hpp"
#include "http/api/account_routes.hpp"
#include "http/api/api_v1.hpp"
#include "http/api/billing_routes.hpp"
#include "http/api/openapi_routes.hpp"
#include "http/demo_idp_routes.hpp"
#include "http/http_response.hpp"
#include "http/http_server.hpp"
#include "http/mail_viewer_routes.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/web/account_pages.hpp"
#include "http/web/api_key_pages.hpp"
#include "http/web/company_pages.hpp"
#include "http/web/compose_page.hpp"
#include "http/web/inbox_pages.hpp"
#include "http/web/member_pages.hpp"
#include "http/web/notification_pages.hpp"
#include "http/web/operator_pages.hpp"
#include "http/web/outbox_pages.hpp"
#include "http/web/recipient_pages.hpp"
#include "http/web/recipient_registration_pages.hpp"
#include "http/web/sign_in_routes.hpp"
#include "http/web/static_routes.hpp"
#include "http/web/verify_pages.hpp"
#include "jobs/scheduler.hpp"
#include "main/demo_seed.hpp"
#include "main/free_port.hpp"
#include "main/secret_files.hpp"
#include "main/subscription_setup.hpp"
#include "main/webhook_setup.hpp"
#include "ui/template_renderer.hpp"
#include "ui/translator.hpp"
#include "verify/offline_proof_verifier.hpp"

namespace sealpost::main {

using common::ErrorCode;
using common::Fail;

struct Application::Parts {
  Config config;
  common::SystemClock clock;
  common::SecureRandom random;
  std::unique_ptr<adapters::storage::SociDatabase> database;
  std::unique_ptr<adapters::blob::FsBlobStore> blobs;
  std::unique_ptr<adapters::crypto::AesGcmContentCipher> cipher;
  std::optional<adapters::crypto::DemoPki> pki;
  std::unique_ptr<app::TimeStamper> time_stamper;
  std::unique_ptr<adapters::evidence::XadesEvidenceSealer> sealer;
  std::optional<merkle::NoteSigner> note_signer;
  std::unique_ptr<app::EvidenceLog> log;
  std::unique_ptr<app::CheckpointService> checkpoints;
  adapters::archive::ZipArchiveWriter zip;
  std::unique_ptr<app::AuthenticateApiKey> authenticate;
  std::unique_ptr<app::SubmitItem> submit;
  std::unique_ptr<app::BillingQueries> billing;
  std::unique_ptr<app::ItemQueries> queries;
  std::unique_ptr<app::HandOverContent> hand_over;
  std::unique_ptr<app::BuildProofBundle> proof_bundle;
  std::unique_ptr<app::ExpireDeliveries> expire;
  std::unique_ptr<app::SessionService> sessions;
  std::unique_ptr<app::ManageApiKeys> api_keys;
  std::unique_ptr<app::CompanyAccounts> companies;
  std::unique_ptr<app::ManageMembers> members;
  std::unique_ptr<app::AcceptInvitation> accept_invitation;
  std::unique_ptr<app::RecipientRegistration> registration;
  std::unique_ptr<app::SenderNotifications> notifications;
  std::unique_ptr<app::OperatorBackOffice> back_office;
  std::unique_ptr<app::CompanyDetails> company_details;
  std::unique_ptr<ui::Translator> translator;
  std::unique_ptr<ui::TemplateRenderer> pages;  // refers to translator
  std::unique_ptr<app::RecipientDecision> decision;
  std::unique_ptr<app::SendReminders> reminders;
  std::unique_ptr<app::RecordNotification> record_notification;
  adapters::pdf::CairoPdfRenderer pdf_renderer;
  std::unique_ptr<adapters::pdf::PadesPdfSealer> pdf_sealer;
  std::unique_ptr<adapters::evidence::VerifyingEvidenceReader> evidence_reader;
  std::unique_ptr<adapters::pdf::PdfEvidenceCertificateRenderer> certificate_renderer;
  std::unique_ptr<app::BuildEvidenceCertificate> certificate;
  std::unique_ptr<app::ProofVerifier> proof_verifier;
  std::unique_ptr<adapters::mail::SmtpMailer> smtp;
  std::shared_ptr<adapters::mail::SpoolMailer> spool;  // also read by /dev/mail
  app::Mailer* mailer = nullptr;
  std::unique_ptr<adapters::mail::TemplateMailComposer> composer;  // refers to translator, pages
  std::unique_ptr<app::SendQueuedMail> send_mail;
  std::vector<std::unique_ptr<app::IdentityProvider>> identity_providers;
  std::unique_ptr<WebhookParts> webhooks;
  http::Metrics metrics;
  std::unique_ptr<http::HttpServer> server;
  jobs::Scheduler scheduler;
  SubscriptionModulePtr subscription;  // refers to database, blobs, cipher, translator
};

namespace {

// The keys, certificates and time-stamp authority: generated in demo mode, read from files
// otherwise.
struct TrustSetup {
  std::string seal_key_pem;
  std::string seal_cert_pem;
  std::vector<std::string> seal_chain_pems;
  common::Bytes log_seed;
  app::TrustMaterial published;
};

common::Result<TrustSetup> SetUpDemoTrust(Application::Parts& p) {
  auto pki = adapters::crypto::DemoPki::LoadOrCreate(p.config.data_dir / "pki", p.clock);
  if (!pki) return Fail(pki.error());
  p.pki = std::move(*pki);
  auto tsa = adapters::crypto::BuiltinTsa::Create(p.pki->tsa_certificate(), p.pki->tsa_key(),
                                                  p.clock, p.random);
  if (!tsa) return Fail(tsa.error());
  p.time_stamper = std::move(*tsa);
  TrustSetup t;
  t.seal_key_pem = p.pki->seal_key_pem();
  t.seal_cert_pem = p.pki->seal_certificate_pem();
  t.seal_chain_pems = {p.pki->ca_certificate_pem()};
  t.log_seed = p.pki->log_seed();
  t.published.root_ca_pem = p.pki->ca_certificate_pem();
  t.published.seal_chain_pem = p.pki->seal_certificate_pem();
  t.published.tsa_chain_pem = p.pki->tsa_certificate_pem();
  return t;
}

common::Result<TrustSetup> SetUpProductionTrust(Application::Parts& p) {
  const Config& c = p.config;
  TrustSetup t;
  for (auto [path, target] : {std::pair{&c.seal.key_file, &t.seal_key_pem},
                              std::pair{&c.seal.certificate_file, &t.seal_cert_pem},
                              std::pair{&c.seal.root_ca_file, &t.published.root_ca_pem},
                              std::pair{&c.tsa.chain_file, &t.published.tsa_chain_pem}}) {
    auto text = adapters::files::ReadWholeFile(*path);
    if (!text) return Fail(text.error());
    *target = std::move(*text);
  }
  if (!c.seal.chain_file.empty()) {
    auto chain = adapters::files::ReadWholeFile(c.seal.chain_file);
    if (!chain) return Fail(chain.error());
    t.seal_chain_pems.push_back(*chain);
  }
  t.published.seal_chain_pem = t.seal_cert_pem;
  for (const auto& pem : t.seal_chain_pems) t.published.seal_chain_pem += pem;
  auto seed = LoadHexSecret(c.log.key_file, 32, false, p.random);
  if (!seed) return Fail(seed.error());
  t.log_seed = std::move(*seed);
  auto trust = adapters::files::ReadWholeFile(c.tsa.trust_file);
  if (!trust) return Fail(trust.error());
  auto client = adapters::crypto::HttpTsaClient::Create(
      {c.tsa.url, std::chrono::milliseconds(10000), *trust, {}}, p.random);
  if (!client) return Fail(client.error());
  p.time_stamper = std::move(*client);
  return t;
}

// The identity providers of the configuration, and in demo mode the built-in demo provider —
// reached through the same OpenID Connect client as every other one.
common::Result<void> SetUpIdentity(Application::Parts& p, http::Router& router) {
  namespace identity = adapters::identity;
  const Config& c = p.config;
  const std::string& base = c.identity.public_base_url;
  if (c.demo) {
    const std::string secret = common::NewToken(p.random, 32);  // in-process only, never logged
    identity::DemoIdpConfig idp{base, "sealpost-demo", secret, base + "/auth/callback/demo",
                                c.data_dir / "pki" / "demo-idp-key.pem"};
    auto demo = identity::DemoIdentityProvider::Create(std::move(idp), p.clock, p.random);
    if (!demo) return Fail(demo.error());
    http::AddDemoIdpRoutes(router,
                           std::shared_ptr<app::DemoIdentityProviderService>(std::move(*demo)));
    identity::OidcProviderConfig rp;
    rp.id = "demo";
    rp.display_name = "Demo identity provider (test citizens)";
    rp.issuer = base + "/demo-idp";
    rp.client_id = "sealpost-demo";
    rp.client_auth = identity::ClientAuthMethod::kClientSecretBasic;
    rp.client_secret = secret;
    rp.scopes = "openid profile";
    rp.acr_values = identity::kLoaHigh;
    rp.acr_levels = identity::EidasAcrLevels();
    rp.allow_http_issuer = true;
    auto client = identity::OidcClient::Create(std::move(rp), p.clock, p.random);
    if (!client) return Fail(client.error());
    p.identity_providers.push_back(std::move(*client));
  }
  for (const auto& ip : c.identity.providers) {
    identity::OidcProviderConfig rp;
    rp.id = ip.id;
    rp.display_name = ip.display_name;
    rp.issuer = ip.issuer;
    rp.client_id = ip.client_id;
    auto auth = identity::ParseClientAuthMethod(ip.client_auth);
    if (!auth) return Fail(auth.error());
    rp.client_auth = *auth;
    if (!ip.client_secret_file.empty()) {
      auto secret = adapters::files::ReadWholeFile(ip.client_secret_file);
      if (!secret) return Fail(secret.error());
      rp.client_secret = *secret;
      while (!rp.client_secret.empty() &&
             (rp.client_secret.back() == '\n' || rp.client_secret.back() == '\r')) {
        rp.client_secret.pop_back();
      }
    }
    if (!ip.client_jwks_file.empty()) {
      auto jwks = adapters::files::ReadWholeFile(ip.client_jwks_file);
      if (!jwks) return Fail(jwks.error());
      rp.client_private_jwks = *jwks;
    }
    rp.scopes = ip.scopes;
    rp.acr_values = ip.acr_values;
    if (ip.acr_levels == "itsme") {
      rp.acr_levels = identity::ItsmeAcrLevels();
    } else if (ip.acr_levels == "fas") {
      rp.acr_levels = identity::FasAcrLevels();
    } else if (ip.acr_levels == "eidas") {
      rp.acr_levels = identity::EidasAcrLevels();
    } else {
      return Fail(ErrorCode::kInvalidArgument,
                  "identity provider " + ip.id + ": acr_levels must be itsme, fas or eidas");
    }
    if (!ip.national_number_claim.empty()) rp.national_number_claim = ip.national_number_claim;
    rp.request_claims_parameter = ip.request_claims_parameter;
    rp.call_userinfo = ip.call_userinfo;
    auto client = identity::OidcClient::Create(std::move(rp), p.clock, p.random);
    if (!client) return Fail(client.error());
    p.identity_providers.push_back(std::move(*client));
  }
  p.sessions = std::make_unique<app::SessionService>(*p.database, p.clock, p.random);
  return common::Ok();
}

// The web application: catalogues and templates (loaded and checked now: a broken template stops
// the start), static files, and the pages.
common::Result<void> SetUpWeb(Application::Parts& p, http::Router& router) {
  const Config& c = p.config;
  auto translator = ui::Translator::Load(c.web.dir / "locales");
  if (!translator) return Fail(translator.error());
  p.translator = std::make_unique<ui::Translator>(std::move(*translator));
  auto pages = ui::TemplateRenderer::Load(c.web.dir / "templates", *p.translator);
  if (!pages) return Fail(pages.error());
  p.pages = std::make_unique<ui::TemplateRenderer>(std::move(*pages));
  if (auto ok = http::web::AddStaticRoutes(router, c.web.dir / "static"); !ok) {
    return Fail(ok.error());
  }
  const http::web::WebContext web{*p.pages, *p.translator, *p.sessions, c.identity.public_base_url,
                                  c.demo};
  http::web::SignInRoutes sign_in{web,
                                  {},
                                  c.pricing.electronic_delivery_cents,
                                  static_cast<int>(c.delivery.handover_period.count())};
  std::vector<std::pair<std::string, std::string>> provider_names;
  for (auto& provider : p.identity_providers) {
    sign_in.providers.push_back(provider.get());
    provider_names.emplace_back(provider->Id(), provider->DisplayName());
  }
  http::web::AddSignInRoutes(router, sign_in);
  http::web::AddAccountPages(router, {web, *p.companies, *p.accept_invitation, provider_names});
  http::web::AddRecipientPages(router, {web, *p.decision});
  http::web::AddVerifyPages(router, {web, *p.proof_verifier});
  http::web::AddApiKeyPages(router, {web, *p.api_keys});
  http::web::AddMemberPages(router, {web, *p.members, p.clock});
  http::web::AddNotificationPages(router, {web, *p.notifications});
  http::web::AddOperatorPages(router, {web, *p.back_office});
  http::web::AddCompanyPages(router, {web, *p.company_details});
  http::web::AddRecipientRegistrationPages(
      router,
      {web, *p.registration, p.clock, static_cast<int>(c.delivery.handover_period.count())});
  http::web::AddOutboxPages(router, {web, *p.queries, *p.proof_bundle, p.zip});
  http::web::AddComposePages(router, {web, *p.submit, app::LookupRecipient(*p.database, p.clock),
                                      c.delivery, c.pricing.electronic_delivery_cents});
  http::web::AddInboxPages(router, {web, *p.queries, *p.hand_over, *p.proof_bundle, p.zip});
  auto subscription =
      AddSubscriptionProcedure(router, web, c,
                               {*p.database, *p.blobs, *p.cipher, *p.translator, p.pdf_renderer,
                                p.clock, p.random, p.pki ? p.pki->ca_certificate_pem() : ""});
  if (!subscription) return Fail(subscription.error());
  p.subscription = std::move(*subscription);
  return common::Ok();
}

// Outgoing mail: the transport (SMTP relay, or the demo spool shown at /dev/mail), the composer
// of the localised e-mails, and the outbox job that sends them and reports what the mail system
// answered for notifications (evidence).
common::Result<void> SetUpMail(Application::Parts& p, http::Router& router) {
  const MailConfig& m = p.config.mail;
  adapters::mail::MailSender sender{m.from_address, m.from_name, m.message_id_domain};
  if (m.transport == "smtp") {
    std::string password;
    if (!m.password_file.empty()) {
      auto secret = adapters::files::ReadWholeFile(m.password_file);
      if (!secret) return Fail(secret.error());
      password = *secret;
      while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) {
        password.pop_back();
      }
    }
    adapters::mail::SmtpMailerSettings settings{m.smtp_url,
                                                m.require_starttls,
                                                m.ca_file.string(),
                                                m.username,
                                                password,
                                                sender,
                                                std::chrono::seconds(m.connect_timeout_seconds),
                                                std::chrono::seconds(m.timeout_seconds)};
    auto smtp = adapters::mail::SmtpMailer::Create(std::move(settings), p.clock);
    if (!smtp) return Fail(smtp.error());
    p.smtp = std::move(*smtp);
    p.mailer = p.smtp.get();
  } else {
    auto spool =
        adapters::mail::SpoolMailer::Create({m.spool_dir, m.spool_max_messages, sender}, p.clock);
    if (!spool) return Fail(spool.error());
    p.spool = std::move(*spool);
    p.mailer = p.spool.get();
    if (p.config.demo) http::AddMailViewerRoutes(router, p.spool);
  }
  auto composer = adapters::mail::TemplateMailComposer::Create(*p.translator, *p.pages);
  if (!composer) return Fail(composer.error());
  p.composer = std::move(*composer);
  Application::Parts* raw = &p;
  p.send_mail = std::make_unique<app::SendQueuedMail>(
      *p.database, *p.composer, *p.mailer, p.clock, app::SendQueuedMailSettings{},
      [raw](const app::OutboxMail& mail, const common::Error& error) {
        if (auto ok = raw->record_notification->Failed(mail, error); !ok) {
          std::fprintf(stderr, "level=error event=mail_failure_not_recorded mail=%s code=%s\n",
                       mail.id.c_str(),
                       std::string(common::ErrorCodeName(ok.error().code)).c_str());
        }
      },
      [raw](const app::OutboxMail& mail) {
        if (auto ok = raw->record_notification->Sent(mail); !ok) {
          std::fprintf(stderr, "level=error event=notification_not_recorded mail=%s code=%s\n",
                       mail.id.c_str(),
                       std::string(common::ErrorCodeName(ok.error().code)).c_str());
        }
      });
  return common::Ok();
}

void AddSystemRoutes(http::Router& router, Application::Parts& p) {
  router.Add("GET", "/healthz", [&p](const http::HttpRequest&) {
    auto head = p.log->Head();
    if (!head) {
      return http::HttpResponse::Json(503,
                                      {{"status", "unavailable"}, {"database", "unreachable"}});
    }
    return http::HttpResponse::Json(
        200, {{"status", "ok"}, {"demo", p.config.demo}, {"evidence_log_size", head->size}});
  });
  router.Add("GET", "/metrics", [&p](const http::HttpRequest&) {
    return http::HttpResponse::Text(200, p.metrics.RenderPrometheus(),
                                    std::string(http::Metrics::kContentType));
  });
}

}  // namespace

Application::Application(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Application::~Application() { Stop(); }

common::Result<std::unique_ptr<Application>> Application::Create(const Config& config) {
  auto p = std::make_unique<Parts>();
  p->config = config;
  if (p->config.server.port == 0) {
    // The port goes into redirect URIs and the demo provider's issuer: it must be known now.
    auto port = PickFreePort(p->config.server.address);
    if (!port) return Fail(port.error());
    p->config.server.port = *port;
  }
  if (p->config.identity.public_base_url.empty()) {
    p->config.identity.public_base_url =
        "http://localhost:" + std::to_string(p->config.server.port);
  }
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);

  auto database =
      adapters::storage::SociDatabase::Open(config.storage.database, config.storage.pool_size);
  if (!database) return Fail(database.error());
  p->database = std::move(*database);
  p->blobs = std::make_unique<adapters::blob::FsBlobStore>(config.storage.blob_dir);
  auto master = LoadHexSecret(config.storage.master_key_file, 32, config.demo, p->random);
  if (!master) return Fail(master.error());
  auto cipher = adapters::crypto::AesGcmContentCipher::Create(std::move(*master), p->random);
  if (!cipher) return Fail(cipher.error());
  p->cipher = std::move(*cipher);

  auto trust = config.demo ? SetUpDemoTrust(*p) : SetUpProductionTrust(*p);
  if (!trust) return Fail(trust.error());
  adapters::evidence::ProviderConfig provider{config.provider.name, config.provider.country,
                                              config.provider.policy_id,
                                              config.provider.log_origin};
  auto sealer = adapters::evidence::XadesEvidenceSealer::Create(
      provider, trust->seal_key_pem, trust->seal_cert_pem, trust->seal_chain_pems, *p->time_stamper,
      p->clock);
  if (!sealer) return Fail(sealer.error());
  p->sealer = std::move(*sealer);
  auto signer = merkle::NoteSigner::Create(config.provider.log_origin, trust->log_seed);
  if (!signer) return Fail(signer.error());
  p->note_signer = std::move(*signer);
  trust->published.log_verifier_key = p->note_signer->VerifierKey();

  Parts* raw = p.get();
  p->log = std::make_unique<app::EvidenceLog>(*p->database, *p->sealer,
                                              [raw] { return raw->blobs->SyncStaged(); });
  p->checkpoints = std::make_unique<app::CheckpointService>(*p->database, *p->log, *p->note_signer,
                                                            *p->time_stamper, p->clock,
                                                            config.provider.log_origin);
  p->authenticate = std::make_unique<app::AuthenticateApiKey>(*p->database, p->clock);
  const std::string& base_url = p->config.identity.public_base_url;
  app::SubmissionSettings delivery = config.delivery;
  delivery.public_base_url = base_url;
  delivery.electronic_delivery_cents = config.pricing.electronic_delivery_cents;
  p->submit = std::make_unique<app::SubmitItem>(*p->database, *p->log, *p->blobs, *p->cipher,
                                                p->clock, p->random, delivery);
  p->queries = std::make_unique<app::ItemQueries>(*p->database);
  p->hand_over = std::make_unique<app::HandOverContent>(*p->database, *p->log, *p->blobs,
                                                        *p->cipher, p->clock, p->random, base_url);
  p->proof_bundle = std::make_unique<app::BuildProofBundle>(*p->database, *p->queries,
                                                            *p->checkpoints, trust->published);
  p->expire =
      std::make_unique<app::ExpireDeliveries>(*p->database, *p->log, p->clock, p->random, base_url);
  p->decision = std::make_unique<app::RecipientDecision>(*p->database, *p->log, p->clock, p->random,
                                                         delivery.handover_period, base_url);
  p->reminders = std::make_unique<app::SendReminders>(*p->database, *p->cipher, p->clock, p->random,
                                                      delivery.reminder_days, base_url);
  p->record_notification = std::make_unique<app::RecordNotification>(*p->database, *p->log,
                                                                     p->clock, p->random, base_url);

  // The PDF certificate is sealed with the same key and certificate as the evidence.
  auto pdf_key = adapters::crypto::PrivateKeyFromPem(trust->seal_key_pem);
  if (!pdf_key) return Fail(pdf_key.error());
  auto pdf_certificate = adapters::crypto::CertificateFromPem(trust->seal_cert_pem);
  if (!pdf_certificate) return Fail(pdf_certificate.error());
  std::vector<adapters::crypto::X509Ptr> pdf_chain;
  for (const auto& pem : trust->seal_chain_pems) {
    auto certificates = adapters::crypto::CertificatesFromPem(pem);
    if (!certificates) return Fail(certificates.error());
    for (auto& c : *certificates) pdf_chain.push_back(std::move(c));
  }
  auto pdf_sealer = adapters::pdf::PadesPdfSealer::Create(
      std::move(*pdf_key), std::move(*pdf_certificate), std::move(pdf_chain), p->time_stamper.get(),
      p->clock,
      {"Sealed by " + config.provider.name + " (electronic registered delivery)",
       config.provider.country, ""});
  if (!pdf_sealer) return Fail(pdf_sealer.error());
  p->pdf_sealer = std::move(*pdf_sealer);
  std::vector<std::string> evidence_anchors{trust->published.root_ca_pem};
  if (!config.demo) {
    auto tsa_roots = adapters::files::ReadWholeFile(config.tsa.trust_file);
    if (!tsa_roots) return Fail(tsa_roots.error());
    evidence_anchors.push_back(*tsa_roots);
  }
  p->evidence_reader =
      std::make_unique<adapters::evidence::VerifyingEvidenceReader>(std::move(evidence_anchors));
  // The public verification page trusts only what the provider publishes.
  p->proof_verifier = std::make_unique<verify::OfflineProofVerifier>(
      trust->published.root_ca_pem, trust->published.log_verifier_key);

  if (config.demo) {
    auto keys = SeedDemoData(*p->database, config.data_dir, p->clock, p->random);
    if (!keys) return Fail(keys.error());
    std::printf("demo mode: API keys (also in %s)\n  sender    %s\n  recipient %s\n",
                (config.data_dir / "demo-api-keys.txt").c_str(), keys->sender.c_str(),
                keys->recipient.c_str());
    std::fflush(stdout);
  }

  http::Router router;
  AddSystemRoutes(router, *p);
  if (auto ok = SetUpIdentity(*p, router); !ok) return Fail(ok.error());
  p->api_keys = std::make_unique<app::ManageApiKeys>(*p->database, p->clock, p->random);
  p->companies = std::make_unique<app::CompanyAccounts>(*p->database, p->clock, p->random);
  p->members = std::make_unique<app::ManageMembers>(*p->database, p->clock, p->random,
                                                    p->config.identity.public_base_url);
  p->accept_invitation = std::make_unique<app::AcceptInvitation>(*p->database, p->clock, p->random);
  p->notifications = std::make_unique<app::SenderNotifications>(*p->database, p->clock);
  p->back_office = std::make_unique<app::OperatorBackOffice>(*p->database, p->clock);
  p->company_details = std::make_unique<app::CompanyDetails>(*p->database, p->clock, p->random);
  p->registration = std::make_unique<app::RecipientRegistration>(
      *p->database, p->clock, p->random, p->config.identity.public_base_url);
  http::api::AddAccountRoutes(router, {{*p->authenticate, *p->sessions},
                                       *p->sessions,
                                       *p->companies,
                                       *p->members,
                                       *p->api_keys,
                                       p->clock});
  if (auto ok = SetUpWeb(*p, router); !ok) return Fail(ok.error());
  p->certificate_renderer = std::make_unique<adapters::pdf::PdfEvidenceCertificateRenderer>(
      *p->translator, p->pdf_renderer, *p->pdf_sealer, base_url);
  p->certificate = std::make_unique<app::BuildEvidenceCertificate>(
      *p->database, *p->queries, *p->evidence_reader, *p->certificate_renderer, p->clock);
  p->billing = std::make_unique<app::BillingQueries>(*p->database,
                                                     p->config.pricing.electronic_delivery_cents);
  http::api::AddBillingRoutes(router, {{*p->authenticate, *p->sessions}, *p->billing});
  http::api::AddApiV1Routes(router,
                            {*p->authenticate, *p->sessions, *p->submit, *p->queries, *p->hand_over,
                             *p->proof_bundle, p->zip, p->certificate.get()});
  if (auto ok = http::api::AddOpenApiRoutes(
          router,
          {p->config.web.dir / "api",
           (p->config.web.dir / ".." / "node_modules" / "swagger-ui-dist").lexically_normal()});
      !ok) {
    return Fail(ok.error());
  }
  if (auto ok = SetUpMail(*p, router); !ok) return Fail(ok.error());
  p->webhooks = SetUpWebhooks(p->config, *p->database, *p->cipher, p->clock, p->random, base_url,
                              {*p->authenticate, *p->sessions}, router, p->scheduler);
  p->metrics.RegisterGauge("sealpost_evidence_log_size",
                           "Number of evidence records in the Merkle log", [raw] {
                             auto head = raw->log->Head();
                             return head ? static_cast<double>(head->size) : 0.0;
                           });
  http::HttpServerConfig server;
  server.address = p->config.server.address;
  server.port = p->config.server.port;
  server.max_body_bytes = config.server.max_request_bytes;
  server.worker_threads = config.server.worker_threads;
  server.io_threads = config.server.io_threads;
  p->server = std::make_unique<http::HttpServer>(server, std::move(router), p->metrics);

  p->scheduler.Every("expire-deliveries", std::chrono::seconds(config.expiry_interval_seconds),
                     [raw]() -> common::Result<void> {
                       auto closed = raw->expire->RunOnce();
                       if (!closed) return Fail(closed.error());
                       return common::Ok();
                     });
  p->scheduler.Every("expire-sessions", std::chrono::minutes(5), [raw]() -> common::Result<void> {
    auto deleted = raw->sessions->DeleteExpiredSessions();
    if (!deleted) return Fail(deleted.error());
    return common::Ok();
  });
  p->scheduler.Every("send-mail", std::chrono::seconds(config.mail.send_interval_seconds),
                     [raw]() -> common::Result<void> {
                       auto sent = raw->send_mail->RunOnce();
                       if (!sent) return Fail(sent.error());
                       return common::Ok();
                     });
  p->scheduler.Every("send-reminders", std::chrono::seconds(config.expiry_interval_seconds),
                     [raw]() -> common::Result<void> {
                       auto queued = raw->reminders->RunOnce();
                       if (!queued) return Fail(queued.error());
                       return common::Ok();
                     });
  p->scheduler.Every("checkpoint", std::chrono::seconds(config.log.checkpoint_interval_seconds),
                     [raw]() -> common::Result<void> {
                       auto cp = raw->checkpoints->Refresh();
                       if (!cp) return Fail(cp.error());
                       return common::Ok();
                     });
  return std::unique_ptr<Application>(new Application(std::move(p)));
}

common::Result<std::uint16_t> Application::Start() {
  auto port = parts_->server->Start();
  if (!port) return port;
  parts_->scheduler.Start();
  return port;
}

void Application::Stop() {
  if (!parts_) return;
  parts_->scheduler.Stop();
  if (parts_->server) parts_->server->Stop();
}

}  // namespace sealpost::main
