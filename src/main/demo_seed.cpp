#include "main/demo_seed.hpp"

#include <sstream>

#include "adapters/files/atomic_file.hpp"
#include "common/sha256.hpp"
#include "main/secret_files.hpp"

namespace sealpost::main {

namespace {

struct DemoCompany {
  const char* role;
  const char* name;
  const char* enterprise_number;
  const char* email;
  bool can_send;
  bool registered_recipient;
};

constexpr DemoCompany kCompanies[] = {
    {"sender", "Demo Sender NV", "0403019261", "sender@demo.sealpost.test", true, false},
    {"recipient", "Demo Recipient BV", "0566988259", "recipient@demo.sealpost.test", true, true},
};

constexpr const char* kKeysFile = "demo-api-keys.txt";

// Keys from an earlier start, "role key" per line.
std::string ExistingKey(const std::string& file_text, const std::string& role) {
  std::istringstream in(file_text);
  std::string r, key;
  while (in >> r >> key) {
    if (r == role) return key;
  }
  return {};
}

}  // namespace

common::Result<DemoKeys> SeedDemoData(app::Database& database,
                                      const std::filesystem::path& data_dir,
                                      const common::Clock& clock, common::Random& random) {
  std::string previous;
  if (auto text = adapters::files::ReadWholeFile(data_dir / kKeysFile)) previous = *text;
  const common::TimePoint now = clock.Now();
  DemoKeys keys;
  auto uow = database.Begin();
  if (!uow) return common::Fail(uow.error());
  for (const DemoCompany& c : kCompanies) {
    auto existing = (*uow)->Accounts().FindByEnterpriseNumber(c.enterprise_number);
    if (!existing) return common::Fail(existing.error());
    domain::Account account;
    if (*existing) {
      account = **existing;
    } else {
      account.id = common::NewUuid(random);
      account.kind = domain::AccountKind::kCompany;
      account.display_name = c.name;
      account.email = c.email;
      account.enterprise_number = c.enterprise_number;
      account.assurance_level = "http://eidas.europa.eu/LoA/high";
      account.authentication_method = "demo-idp";
      account.can_send = c.can_send;
      account.created_at = now;
      if (auto ok = (*uow)->Accounts().Insert(account); !ok) return common::Fail(ok.error());
      if (c.registered_recipient) {
        domain::Consent consent{common::NewUuid(random),
                                account.id,
                                "all",
                                std::string(c.name) + " (" + c.enterprise_number + ")",
                                now,
                                std::nullopt};
        if (auto ok = (*uow)->Consents().Insert(consent); !ok) return common::Fail(ok.error());
      }
    }
    // Reuse the key of the previous start when it is still valid; otherwise issue a new one.
    std::string secret = ExistingKey(previous, c.role);
    bool valid = false;
    if (!secret.empty()) {
      auto found = (*uow)->ApiKeys().FindBySecretHash(common::HexEncode(common::Sha256(secret)));
      if (!found) return common::Fail(found.error());
      valid = *found && !(*found)->revoked_at && (*found)->account_id == account.id;
    }
    if (!valid) {
      secret = "sp_demo_" + common::NewToken(random, 24);
      domain::ApiKey key;
      key.id = common::NewUuid(random);
      key.account_id = account.id;
      key.label = "demo key";
      key.prefix = secret.substr(0, 12);
      key.secret_hash = common::HexEncode(common::Sha256(secret));
      key.scopes = "send read inbox";
      key.created_at = now;
      if (auto ok = (*uow)->ApiKeys().Insert(key); !ok) return common::Fail(ok.error());
    }
    (std::string(c.role) == "sender" ? keys.sender : keys.recipient) = secret;
  }
  if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
  std::string text = "sender " + keys.sender + "\nrecipient " + keys.recipient + "\n";
  if (auto ok = adapters::files::WriteFileAtomically(data_dir / kKeysFile, text, 0600); !ok)
    return common::Fail(ok.error());
  return keys;
}

}  // namespace sealpost::main
