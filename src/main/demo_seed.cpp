#include "main/demo_seed.hpp"

#include <map>
#include <sstream>

#include "adapters/files/atomic_file.hpp"
#include "adapters/identity/demo_idp_citizens.hpp"
#include "app/ledger.hpp"
#include "app/person_account.hpp"
#include "common/sha256.hpp"
#include "domain/ledger_standard_entries.hpp"
#include "domain/membership.hpp"
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

// Demo citizens (adapters/identity/demo_idp_citizens.cpp) with a part to play, so that signing in
// as one of them shows members, roles and the back office at once.
struct DemoMember {
  const char* national_number;
  const char* company_role;  // "sender" or "recipient" (kCompanies), or nullptr
  const char* roles;         // space-separated role names
  bool is_operator;
};
constexpr DemoMember kMembers[] = {
    {"85073003328", "sender", "admin", false},                       // Émile Dupont-Lefèvre
    {"03021412447", "sender", "sender", false},                      // An Peeters
    {"90010131993", "recipient", "admin recipient_handler", false},  // Jan Janssens
    {"78052224688", nullptr, "", true},                              // Sophie Martin, operator
};

// What a demo company starts with on its prepaid balance: enough to send in demo mode.
constexpr domain::Cents kDemoCredit = 1'000'00;
constexpr const char* kDemoProvider = "demo";

// Credits a demo company's prepaid balance once, as a paid top-up through the "demo" provider
// recorded by a proper journal entry (clearing → prepaid): a restart replays the same transfer id,
// which changes nothing.
common::Result<void> SeedDemoCredit(app::UnitOfWork& uow, const std::string& account_id,
                                    common::TimePoint now, common::Random& random) {
  const std::string payment_id = "welcome-" + account_id;
  auto existing = uow.TopUps().FindByProviderPayment(kDemoProvider, payment_id);
  if (!existing) return common::Fail(existing.error());
  if (*existing) return common::Ok();
  app::TopUp top_up{common::NewUuid(random), account_id, kDemoCredit, kDemoProvider, payment_id,
                    app::TopUpStatus::kPaid, now,        now};
  if (auto ok = uow.TopUps().Insert(top_up); !ok) return common::Fail(ok.error());
  auto entry = domain::TopUpPaidEntry(kDemoProvider, payment_id, account_id, kDemoCredit, now);
  if (!entry) return common::Fail(entry.error());
  auto posted = app::PostLedgerEntry(uow, *entry);
  if (!posted) return common::Fail(posted.error());
  return common::Ok();
}

// The person account of a demo citizen, as the first sign-in would create it.
common::Result<domain::Account> DemoPerson(app::UnitOfWork& uow,
                                           const adapters::identity::DemoCitizen& citizen,
                                           common::TimePoint now, common::Random& random) {
  auto existing = uow.Accounts().FindByNationalNumber(citizen.national_number);
  if (!existing) return common::Fail(existing.error());
  if (*existing) return **existing;
  app::VerifiedIdentity identity;
  identity.provider_id = "demo";
  identity.national_number = citizen.national_number;
  identity.given_names = citizen.given_name;
  identity.family_name = citizen.family_name;
  identity.email = citizen.email;
  identity.assurance_level = std::string(app::kLoaHigh);
  const domain::Account a = app::PersonAccountFor(identity, common::NewUuid(random), now);
  if (auto ok = uow.Accounts().Insert(a); !ok) return common::Fail(ok.error());
  return a;
}

common::Result<void> SeedDemoMembers(app::UnitOfWork& uow,
                                     const std::map<std::string, std::string>& company_ids,
                                     common::TimePoint now, common::Random& random) {
  for (const DemoMember& m : kMembers) {
    const adapters::identity::DemoCitizen* citizen = nullptr;
    for (const auto& c : adapters::identity::DemoCitizens()) {
      if (c.national_number == m.national_number) citizen = &c;
    }
    if (citizen == nullptr) continue;
    auto person = DemoPerson(uow, *citizen, now, random);
    if (!person) return common::Fail(person.error());
    if (m.company_role != nullptr) {
      const std::string& company_id = company_ids.at(m.company_role);
      auto member = uow.Memberships().Find(company_id, person->id);
      if (!member) return common::Fail(member.error());
      if (!*member) {
        domain::Membership membership{company_id, person->id, *domain::ParseRoles(m.roles), now,
                                      person->id};
        if (auto ok = uow.Memberships().Insert(membership); !ok) return common::Fail(ok.error());
      }
    }
    if (m.is_operator) {
      if (auto ok = uow.Operators().Grant({person->id, now, "demo-seed"}); !ok) {
        return common::Fail(ok.error());
      }
    }
  }
  return common::Ok();
}

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
  std::map<std::string, std::string> company_ids;  // role → account id
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
    if (auto ok = SeedDemoCredit(**uow, account.id, now, random); !ok) {
      return common::Fail(ok.error());
    }
    company_ids[c.role] = account.id;
  }
  if (auto ok = SeedDemoMembers(**uow, company_ids, now, random); !ok) {
    return common::Fail(ok.error());
  }
  if (auto ok = (*uow)->Commit(); !ok) return common::Fail(ok.error());
  std::string text = "sender " + keys.sender + "\nrecipient " + keys.recipient + "\n";
  if (auto ok = adapters::files::WriteFileAtomically(data_dir / kKeysFile, text, 0600); !ok)
    return common::Fail(ok.error());
  return keys;
}

}  // namespace sealpost::main
