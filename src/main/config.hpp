// Config: every setting of sealpost, parsed and validated once at start-up from the TOML file
// (config/sealpost.example.toml documents each) and the command line. Each component later receives
// only its own part. A wrong setting stops the start with a message that says what to change.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/usecases/submission_settings.hpp"
#include "common/result.hpp"

namespace sealpost::main {

struct ServerConfig {
  std::string address = "0.0.0.0";
  std::uint16_t port = 8080;
  std::size_t worker_threads = 8;
  std::size_t io_threads = 1;
  std::size_t max_request_bytes = 0;  // 0: derived from the item size limit
};

struct StorageConfig {
  std::string database;            // "sqlite:PATH" or "postgresql:…"; default DATA/sealpost.db
  std::filesystem::path blob_dir;  // default DATA/blobs
  std::filesystem::path master_key_file;  // 64 hex characters; default DATA/master.key
  std::size_t pool_size = 8;
};

struct ProviderConfig {
  std::string name = "sealpost demo provider";
  std::string country = "BE";
  std::string policy_id = "urn:sealpost:evidence-policy:demo";
  std::string log_origin = "demo.sealpost.test/evidence-log";
};

struct SealConfig {  // production only; demo mode generates its own
  std::filesystem::path key_file;
  std::filesystem::path certificate_file;
  std::filesystem::path chain_file;
  std::filesystem::path root_ca_file;
};

struct TsaConfig {
  std::string url;                   // empty: the built-in TSA (demo mode only)
  std::filesystem::path trust_file;  // roots the TSA chain must lead to
  std::filesystem::path chain_file;  // the TSA certificate chain, shipped in proof bundles
};

struct LogConfig {
  std::filesystem::path key_file;  // 32-byte Ed25519 seed, hex (production)
  std::uint32_t checkpoint_interval_seconds = 60;
};

// One OpenID Connect identity provider (itsme, the federal eID login, any other), as configured.
struct IdentityProviderConfig {
  std::string id;
  std::string display_name;
  std::string issuer;
  std::string client_id;
  std::string client_auth = "client_secret_basic";  // or client_secret_post, private_key_jwt
  std::filesystem::path client_secret_file;
  std::filesystem::path
      client_jwks_file;  // private JWKS: "sig" key for private_key_jwt, "enc" key for JWE
  std::string scopes = "openid profile";
  std::string acr_values;
  std::string acr_levels = "eidas";   // mapping preset: itsme, fas or eidas
  std::string national_number_claim;  // empty: the itsme claim name
  bool request_claims_parameter = false;
  bool call_userinfo = false;
};

struct IdentityConfig {
  std::string public_base_url;  // where browsers reach sealpost; empty: http://localhost:PORT
  std::vector<IdentityProviderConfig> providers;
};

struct WebConfig {
  // Templates, catalogues and static files (web/ of the source tree unless configured).
  std::filesystem::path dir;
};

// Outgoing e-mail (config [mail]): through an SMTP relay in production; in demo mode into a
// spool directory shown at /dev/mail.
struct MailConfig {
  std::string transport;     // "smtp" or "spool"; default: spool in demo mode, smtp otherwise
  std::string from_address;  // default in demo mode: no-reply@demo.sealpost.test
  std::string from_name = "sealpost";
  std::string message_id_domain;  // default: the domain of from_address
  std::string smtp_url;           // smtp://host:587 or smtps://host:465
  bool require_starttls = true;
  std::filesystem::path ca_file;
  std::string username;
  std::filesystem::path password_file;
  std::uint32_t connect_timeout_seconds = 10;
  std::uint32_t timeout_seconds = 60;
  std::filesystem::path spool_dir;  // default DATA/mail-spool
  std::size_t spool_max_messages = 500;
  std::uint32_t send_interval_seconds = 2;
};

// Webhooks (config [webhooks], docs/operations.md): the two jobs, the retry schedule and which
// URLs may be called.
struct WebhookConfig {
  std::optional<bool> allow_http_loopback;  // http://localhost, loopback; default: demo mode only
  std::vector<std::string> allowed_hosts;   // hosts exempt from the private-address refusal
  std::uint32_t backoff_base_seconds = 30;
  std::uint32_t max_backoff_seconds = 6 * 3600;
  std::uint32_t give_up_after_hours = 72;
  std::uint32_t rotation_overlap_hours = 24;
  std::uint32_t timeout_seconds = 10;
  std::uint32_t send_interval_seconds = 2;
};

struct PricingConfig {
  // Price of one electronic delivery (per recipient), excluding VAT, in cents. Billing plans may
  // override it per customer.
  std::int64_t electronic_delivery_cents = 450;
};

// The company subscription procedure (PRODUCT §3).
struct SubscriptionConfig {
  // PEM files (one or more certificates each) the signer of an approval form must chain to, e.g.
  // the Belgian eID root CAs. Demo mode adds the demo PKI's root, so that tests can sign forms.
  std::vector<std::filesystem::path> trust_anchors;
  std::uint64_t max_document_bytes = 10 * 1024 * 1024;  // [subscription] max_document_megabytes
};

struct Config {
  bool demo = false;
  std::filesystem::path data_dir = "data";
  ServerConfig server;
  StorageConfig storage;
  ProviderConfig provider;
  SealConfig seal;
  TsaConfig tsa;
  LogConfig log;
  IdentityConfig identity;
  app::SubmissionSettings delivery;
  std::uint32_t expiry_interval_seconds = 60;
  WebConfig web;
  PricingConfig pricing;
  MailConfig mail;
  SubscriptionConfig subscription;
  WebhookConfig webhooks;
};

// Reads `file` (if given), applies the command-line overrides, fills defaults and validates.
struct CommandLineOverrides {
  bool demo = false;
  std::optional<std::filesystem::path> data_dir;
  std::optional<std::uint16_t> port;
  std::optional<std::string> database;
};

common::Result<Config> LoadConfig(const std::optional<std::filesystem::path>& file,
                                  const CommandLineOverrides& overrides);

}  // namespace sealpost::main
