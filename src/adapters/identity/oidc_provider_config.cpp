#include "adapters/identity/oidc_provider_config.hpp"

namespace sealpost::adapters::identity {

using common::ErrorCode;
using common::Fail;

common::Result<ClientAuthMethod> ParseClientAuthMethod(std::string_view name) {
  if (name == "private_key_jwt") return ClientAuthMethod::kPrivateKeyJwt;
  if (name == "client_secret_basic") return ClientAuthMethod::kClientSecretBasic;
  if (name == "client_secret_post") return ClientAuthMethod::kClientSecretPost;
  return Fail(ErrorCode::kInvalidArgument,
              "unknown client authentication method '" + std::string(name) + "'");
}

bool IsLoopbackHttpUrl(std::string_view url) {
  constexpr std::string_view kHttp = "http://";
  if (!url.starts_with(kHttp)) return false;
  std::string_view rest = url.substr(kHttp.size());
  for (std::string_view host : {"127.0.0.1", "localhost", "[::1]"}) {
    if (rest.starts_with(host)) {
      const std::string_view after = rest.substr(host.size());
      if (after.empty() || after.front() == ':' || after.front() == '/') return true;
    }
  }
  return false;
}

common::Result<void> ValidateConfig(const OidcProviderConfig& config) {
  auto invalid = [&](const std::string& what) {
    return Fail(ErrorCode::kInvalidArgument, "identity provider '" + config.id + "': " + what);
  };
  if (config.id.empty()) return invalid("id is empty");
  if (config.client_id.empty()) return invalid("client_id is empty");
  if (config.issuer.empty() || config.issuer.back() == '/')
    return invalid("issuer is empty or ends with '/'");
  if (!config.issuer.starts_with("https://") &&
      !(config.allow_http_issuer && IsLoopbackHttpUrl(config.issuer))) {
    return invalid(
        "issuer must be https (plain http only for a loopback issuer with allow_http_issuer)");
  }
  if (config.scopes.find("openid") == std::string::npos)
    return invalid("scopes must include openid");
  if (config.client_auth == ClientAuthMethod::kPrivateKeyJwt &&
      config.client_private_jwks.empty()) {
    return invalid("private_key_jwt needs client_private_jwks");
  }
  if (config.client_auth != ClientAuthMethod::kPrivateKeyJwt && config.client_secret.empty()) {
    return invalid("client_secret is empty");
  }
  if (LevelRank(config.required_level) == 0) return invalid("required_level is not an eIDAS level");
  if (config.acr_levels.empty()) return invalid("acr_levels is empty: no acr would be accepted");
  for (const auto& entry : config.acr_levels) {
    if (LevelRank(entry.level) == 0)
      return invalid("acr_levels maps '" + entry.acr + "' to an unknown level");
  }
  if (config.national_number_claim.empty() && config.national_number_required) {
    return invalid("national_number_claim is empty");
  }
  return common::Ok();
}

std::optional<std::string> LevelForAcr(const OidcProviderConfig& config, std::string_view acr) {
  for (const auto& entry : config.acr_levels) {
    if (entry.acr == acr) return entry.level;
  }
  return std::nullopt;
}

int LevelRank(std::string_view level) {
  if (level == kLoaLow) return 1;
  if (level == kLoaSubstantial) return 2;
  if (level == kLoaHigh) return 3;
  return 0;
}

std::vector<AcrLevel> ItsmeAcrLevels() {
  return {{kItsmeAcrAdvanced, kLoaHigh}, {kItsmeAcrBasic, kLoaSubstantial}};
}

std::vector<AcrLevel> FasAcrLevels() {
  // FAS levels (urn:be:fedict:iam:fas:LevelNNN): 500 eID card/itsme, 450 other high means; to be
  // confirmed against the FAS onboarding documentation before production.
  return {{"urn:be:fedict:iam:fas:Level500", kLoaHigh},
          {"urn:be:fedict:iam:fas:Level450", kLoaHigh},
          {"urn:be:fedict:iam:fas:Level400", kLoaSubstantial},
          {"urn:be:fedict:iam:fas:Level100", kLoaLow}};
}

std::vector<AcrLevel> EidasAcrLevels() {
  return {{kLoaHigh, kLoaHigh}, {kLoaSubstantial, kLoaSubstantial}, {kLoaLow, kLoaLow}};
}

}  // namespace sealpost::adapters::identity
