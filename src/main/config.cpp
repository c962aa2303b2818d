#include "main/config.hpp"

#include <toml++/toml.h>

#include <algorithm>

namespace sealpost::main {

namespace {

using common::ErrorCode;
using common::Fail;

template <typename T>
void Read(const toml::table& t, std::string_view section, std::string_view key, T& target) {
  if (auto v = t[section][key].value<T>()) target = *v;
}

void ReadPath(const toml::table& t, std::string_view section, std::string_view key,
              std::filesystem::path& target) {
  if (auto v = t[section][key].value<std::string>()) target = *v;
}

common::Result<void> Validate(const Config& c) {
  if (c.demo) {
    // Demo mode generates throw-away keys and a built-in TSA: never together with production keys.
    if (!c.seal.key_file.empty() || !c.log.key_file.empty() || !c.tsa.url.empty()) {
      return Fail(
          ErrorCode::kInvalidArgument,
          "demo mode cannot be combined with production keys: remove [seal], [log].key_file and "
          "[tsa].url from the configuration, or start without --demo");
    }
  } else {
    for (auto [value, name] : {std::pair{&c.seal.key_file, "[seal] key_file"},
                               std::pair{&c.seal.certificate_file, "[seal] certificate_file"},
                               std::pair{&c.seal.root_ca_file, "[seal] root_ca_file"},
                               std::pair{&c.log.key_file, "[log] key_file"},
                               std::pair{&c.tsa.trust_file, "[tsa] trust_file"},
                               std::pair{&c.tsa.chain_file, "[tsa] chain_file"}}) {
      if (value->empty()) {
        return Fail(ErrorCode::kInvalidArgument,
                    std::string(name) + " is required outside demo mode (or start with --demo)");
      }
    }
    if (c.tsa.url.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  "[tsa] url is required outside demo mode: a qualified TSA");
    }
  }
  if (c.mail.transport != "smtp" && c.mail.transport != "spool") {
    return Fail(ErrorCode::kInvalidArgument, "[mail] transport must be \"smtp\" or \"spool\"");
  }
  if (c.mail.transport == "smtp" && c.mail.smtp_url.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "[mail] smtp_url is required (e.g. \"smtp://relay.example:587\"): without it no "
                "recipient is ever notified");
  }
  if (c.mail.from_address.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "[mail] from_address is required");
  }
  if (c.delivery.acceptance_period.count() < 1) {
    return Fail(ErrorCode::kInvalidArgument,
                "[delivery] acceptance_period_days must be at least 1");
  }
  if (c.pricing.electronic_delivery_cents < 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "[pricing] electronic_delivery_cents cannot be negative");
  }
  if (c.delivery.handover_period.count() < 1) {
    return Fail(ErrorCode::kInvalidArgument, "[delivery] handover_period_days must be at least 1");
  }
  if (c.delivery.max_item_bytes < 1024) {
    return Fail(ErrorCode::kInvalidArgument, "[delivery] max_item_megabytes is too small");
  }
  if (c.server.worker_threads < 1)
    return Fail(ErrorCode::kInvalidArgument, "[server] worker_threads must be >= 1");
  return common::Ok();
}

}  // namespace

common::Result<Config> LoadConfig(const std::optional<std::filesystem::path>& file,
                                  const CommandLineOverrides& overrides) {
  Config c;
  if (file) {
    toml::table t;
    try {
      t = toml::parse_file(file->string());
    } catch (const toml::parse_error& err) {
      return Fail(ErrorCode::kInvalidArgument, "config " + file->string() + " line " +
                                                   std::to_string(err.source().begin.line) + ": " +
                                                   std::string(err.description()));
    }
    Read(t, "sealpost", "demo", c.demo);
    if (auto v = t["sealpost"]["data_dir"].value<std::string>()) c.data_dir = *v;
    Read(t, "server", "address", c.server.address);
    if (auto v = t["server"]["port"].value<int64_t>())
      c.server.port = static_cast<std::uint16_t>(*v);
    if (auto v = t["server"]["worker_threads"].value<int64_t>())
      c.server.worker_threads = static_cast<std::size_t>(*v);
    Read(t, "storage", "database", c.storage.database);
    ReadPath(t, "storage", "blob_dir", c.storage.blob_dir);
    ReadPath(t, "storage", "master_key_file", c.storage.master_key_file);
    if (auto v = t["storage"]["pool_size"].value<int64_t>())
      c.storage.pool_size = static_cast<std::size_t>(*v);
    Read(t, "provider", "name", c.provider.name);
    Read(t, "provider", "country", c.provider.country);
    Read(t, "provider", "policy_id", c.provider.policy_id);
    Read(t, "provider", "log_origin", c.provider.log_origin);
    ReadPath(t, "seal", "key_file", c.seal.key_file);
    ReadPath(t, "seal", "certificate_file", c.seal.certificate_file);
    ReadPath(t, "seal", "chain_file", c.seal.chain_file);
    ReadPath(t, "seal", "root_ca_file", c.seal.root_ca_file);
    Read(t, "tsa", "url", c.tsa.url);
    ReadPath(t, "tsa", "trust_file", c.tsa.trust_file);
    ReadPath(t, "tsa", "chain_file", c.tsa.chain_file);
    ReadPath(t, "log", "key_file", c.log.key_file);
    if (auto v = t["log"]["checkpoint_interval_seconds"].value<int64_t>()) {
      c.log.checkpoint_interval_seconds = static_cast<std::uint32_t>(*v);
    }
    Read(t, "identity", "public_base_url", c.identity.public_base_url);
    if (auto* providers = t["identity"]["providers"].as_array()) {
      for (const auto& node : *providers) {
        const toml::table* p = node.as_table();
        if (p == nullptr)
          return Fail(ErrorCode::kInvalidArgument, "[[identity.providers]] entries must be tables");
        IdentityProviderConfig ip;
        auto str = [&](const char* key, std::string& target) {
          if (auto v = (*p)[key].value<std::string>()) target = *v;
        };
        auto path = [&](const char* key, std::filesystem::path& target) {
          if (auto v = (*p)[key].value<std::string>()) target = *v;
        };
        str("id", ip.id);
        str("display_name", ip.display_name);
        str("issuer", ip.issuer);
        str("client_id", ip.client_id);
        str("client_auth", ip.client_auth);
        path("client_secret_file", ip.client_secret_file);
        path("client_jwks_file", ip.client_jwks_file);
        str("scopes", ip.scopes);
        str("acr_values", ip.acr_values);
        str("acr_levels", ip.acr_levels);
        str("national_number_claim", ip.national_number_claim);
        if (auto v = (*p)["request_claims_parameter"].value<bool>())
          ip.request_claims_parameter = *v;
        if (auto v = (*p)["call_userinfo"].value<bool>()) ip.call_userinfo = *v;
        if (ip.id.empty() || ip.issuer.empty() || ip.client_id.empty()) {
          return Fail(ErrorCode::kInvalidArgument,
                      "[[identity.providers]] needs id, issuer and client_id");
        }
        if (ip.id == "demo") {
          return Fail(ErrorCode::kInvalidArgument,
                      "the provider id \"demo\" is reserved for demo mode");
        }
        if (ip.display_name.empty()) ip.display_name = ip.id;
        c.identity.providers.push_back(std::move(ip));
      }
    }
    if (auto v = t["delivery"]["handover_period_days"].value<int64_t>())
      c.delivery.handover_period = std::chrono::days(*v);
    if (auto v = t["delivery"]["max_item_megabytes"].value<int64_t>()) {
      c.delivery.max_item_bytes = static_cast<std::uint64_t>(*v) * 1024 * 1024;
    }
    if (auto v = t["delivery"]["expiry_check_seconds"].value<int64_t>()) {
      c.expiry_interval_seconds = static_cast<std::uint32_t>(*v);
    }
    ReadPath(t, "web", "dir", c.web.dir);
    Read(t, "mail", "transport", c.mail.transport);
    Read(t, "mail", "from_address", c.mail.from_address);
    Read(t, "mail", "from_name", c.mail.from_name);
    Read(t, "mail", "message_id_domain", c.mail.message_id_domain);
    Read(t, "mail", "smtp_url", c.mail.smtp_url);
    Read(t, "mail", "require_starttls", c.mail.require_starttls);
    ReadPath(t, "mail", "ca_file", c.mail.ca_file);
    Read(t, "mail", "username", c.mail.username);
    ReadPath(t, "mail", "password_file", c.mail.password_file);
    ReadPath(t, "mail", "spool_dir", c.mail.spool_dir);
    if (auto v = t["mail"]["send_interval_seconds"].value<int64_t>()) {
      c.mail.send_interval_seconds = static_cast<std::uint32_t>(std::max<int64_t>(1, *v));
    }
    if (auto v = t["delivery"]["acceptance_period_days"].value<int64_t>())
      c.delivery.acceptance_period = std::chrono::days(*v);
    if (auto v = t["webhooks"]["allow_http_loopback"].value<bool>()) {
      c.webhooks.allow_http_loopback = *v;
    }
    if (auto* hosts = t["webhooks"]["allowed_hosts"].as_array()) {
      for (const auto& h : *hosts) {
        if (auto host = h.value<std::string>()) c.webhooks.allowed_hosts.push_back(*host);
      }
    }
    for (auto [key, target] : {std::pair{"backoff_base_seconds", &c.webhooks.backoff_base_seconds},
                               {"max_backoff_seconds", &c.webhooks.max_backoff_seconds},
                               {"give_up_after_hours", &c.webhooks.give_up_after_hours},
                               {"rotation_overlap_hours", &c.webhooks.rotation_overlap_hours},
                               {"timeout_seconds", &c.webhooks.timeout_seconds},
                               {"send_interval_seconds", &c.webhooks.send_interval_seconds}}) {
      if (auto v = t["webhooks"][key].value<int64_t>()) {
        *target = static_cast<std::uint32_t>(std::clamp<int64_t>(*v, 1, 1000000));
      }
    }
    if (auto v = t["pricing"]["electronic_delivery_cents"].value<int64_t>()) {
      c.pricing.electronic_delivery_cents = *v;
    }
    if (auto* anchors = t["subscription"]["trust_anchors"].as_array()) {
      for (const auto& node : *anchors) {
        auto path = node.value<std::string>();
        if (!path) {
          return Fail(ErrorCode::kInvalidArgument,
                      "[subscription] trust_anchors must be a list of PEM file paths");
        }
        c.subscription.trust_anchors.emplace_back(*path);
      }
    }
    if (auto v = t["subscription"]["max_document_megabytes"].value<int64_t>()) {
      if (*v < 1) {
        return Fail(ErrorCode::kInvalidArgument,
                    "[subscription] max_document_megabytes must be at least 1");
      }
      c.subscription.max_document_bytes = static_cast<std::uint64_t>(*v) * 1024 * 1024;
    }
  }
  if (overrides.demo) c.demo = true;
  if (overrides.data_dir) c.data_dir = *overrides.data_dir;
  if (overrides.port) c.server.port = *overrides.port;
  if (overrides.database) c.storage.database = *overrides.database;

  // An empty public_base_url is derived from the port once it is known (port 0 picks one at start).
  while (c.identity.public_base_url.ends_with('/')) c.identity.public_base_url.pop_back();
  if (c.storage.database.empty())
    c.storage.database = "sqlite:" + (c.data_dir / "sealpost.db").string();
  if (c.storage.blob_dir.empty()) c.storage.blob_dir = c.data_dir / "blobs";
  if (c.web.dir.empty()) c.web.dir = SEALPOST_DEFAULT_WEB_DIR;
  if (c.mail.transport.empty()) c.mail.transport = c.demo ? "spool" : "smtp";
  if (c.mail.from_address.empty() && c.demo) c.mail.from_address = "no-reply@demo.sealpost.test";
  if (c.mail.message_id_domain.empty()) {
    const auto at = c.mail.from_address.find('@');
    c.mail.message_id_domain =
        at == std::string::npos ? "sealpost.invalid" : c.mail.from_address.substr(at + 1);
  }
  if (!c.webhooks.allow_http_loopback) c.webhooks.allow_http_loopback = c.demo;
  if (c.mail.spool_dir.empty()) c.mail.spool_dir = c.data_dir / "mail-spool";
  if (c.storage.master_key_file.empty()) c.storage.master_key_file = c.data_dir / "master.key";
  if (c.server.max_request_bytes == 0) {
    // Multipart framing and the JSON part come on top of the attachments themselves.
    c.server.max_request_bytes = static_cast<std::size_t>(c.delivery.max_item_bytes) + 1024 * 1024;
  }
  if (auto ok = Validate(c); !ok) return Fail(ok.error());
  return c;
}

}  // namespace sealpost::main
