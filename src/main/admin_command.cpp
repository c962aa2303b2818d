#include "main/admin_command.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>

#include "adapters/storage/soci_database.hpp"
#include "app/usecases/check_audit_chain.hpp"
#include "app/usecases/manage_billing.hpp"
#include "app/usecases/manage_operators.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "domain/belgian_identifiers.hpp"
#include "main/command_line.hpp"

namespace sealpost::main {

namespace {

constexpr const char* kAdminUsage =
    "usage:\n"
    "  sealpost admin grant-operator NATIONAL_NUMBER [--config FILE] [--data DIR] [--database "
    "URL]\n"
    "  sealpost admin revoke-operator NATIONAL_NUMBER [same options]\n"
    "  sealpost admin list-operators [same options]\n"
    "      The person must have signed in once with eID or itsme.\n"
    "  sealpost admin check-audit-log [same options]\n"
    "      Recomputes the audit log's hash chain; exit 1 when an entry was changed, removed\n"
    "      or reordered.\n"
    "  sealpost admin set-billing-plan ENTERPRISE_NUMBER prepaid|postpaid [--credit-limit EUR]\n"
    "      [--electronic-price EUR] [same options]\n"
    "      Sets a company's billing plan: postpaid with a credit limit, and its own price of one\n"
    "      electronic delivery excl. VAT (default: the configured price).\n"
    "  sealpost admin check-ledger [same options]\n"
    "      Recomputes every balance from the journal and compares it with the cached balances;\n"
    "      exit 0 when the ledger is sound, 1 listing every discrepancy.\n"
    "  Use the options `serve` uses, so that the command reaches the same database.\n";

int AdminUsage(const std::string& problem) {
  std::fprintf(stderr, "sealpost admin: %s\n\n%s", problem.c_str(), kAdminUsage);
  return 2;
}

// Who ran the command, for the audit log: the OS user, since the command line has no sign-in.
std::string CommandLineActor() {
  const char* user = ::getenv("SUDO_USER");  // the person behind sudo, when there is one
  if (user == nullptr || *user == '\0') {
    const passwd* entry = ::getpwuid(::geteuid());
    user = entry != nullptr ? entry->pw_name : nullptr;
  }
  return std::string("command-line:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

}  // namespace

namespace {

int CheckLedger(app::ManageBilling& billing) {
  auto report = billing.CheckLedger();
  if (!report) {
    std::fprintf(stderr, "sealpost admin: %s\n", report.error().message.c_str());
    return 1;
  }
  for (const auto& line : report->discrepancies) std::printf("DISCREPANCY %s\n", line.c_str());
  std::printf("%zu journal entries, %zu ledger accounts: %s\n", report->entries, report->accounts,
              report->Sound()
                  ? "the ledger is sound"
                  : (std::to_string(report->discrepancies.size()) + " discrepancies").c_str());
  return report->Sound() ? 0 : 1;
}

// set-billing-plan ENTERPRISE_NUMBER MODE [--credit-limit EUR] [--electronic-price EUR]
int SetBillingPlan(app::ManageBilling& billing, const std::vector<std::string>& rest) {
  if (rest.size() < 3) return AdminUsage("set-billing-plan needs an enterprise number and a mode");
  app::BillingPlan plan;
  if (rest[2] == "postpaid") {
    plan.mode = domain::BillingMode::kPostpaid;
  } else if (rest[2] != "prepaid") {
    return AdminUsage("the mode is prepaid or postpaid");
  }
  constexpr domain::Cents kMaxAmount = 100'000'000'00;  // 100 million euros
  for (std::size_t i = 3; i < rest.size(); i += 2) {
    if (i + 1 >= rest.size()) return AdminUsage(rest[i] + " needs an amount in euros");
    auto cents = domain::ParseEuroAmount(rest[i + 1], 0, kMaxAmount);
    if (!cents) return AdminUsage(rest[i] + ": " + cents.error().message);
    if (rest[i] == "--credit-limit") {
      plan.credit_limit = *cents;
    } else if (rest[i] == "--electronic-price") {
      plan.unit_prices[std::string(app::kElectronicChannel)] = *cents;
    } else {
      return AdminUsage("unknown option " + rest[i]);
    }
  }
  auto set = billing.SetPlan(rest[1], plan, CommandLineActor());
  if (!set) {
    std::fprintf(stderr, "sealpost admin: %s\n", set.error().message.c_str());
    return 1;
  }
  std::printf("billing plan of %s: %s, credit limit %s EUR\n", rest[1].c_str(),
              set->mode == domain::BillingMode::kPostpaid ? "postpaid" : "prepaid",
              domain::FormatDecimalAmount(set->credit_limit).c_str());
  return 0;
}

}  // namespace

int RunAdminCommand(const std::vector<std::string>& args) {
  auto options = ParseServiceOptions(args);
  if (!options) return AdminUsage(options.error().message);
  const std::vector<std::string>& rest = options->rest;
  if (rest.empty()) return AdminUsage("which command?");
  const std::string& command = rest[0];
  const bool takes_person = command == "grant-operator" || command == "revoke-operator";
  const bool billing_command = command == "set-billing-plan" || command == "check-ledger";
  if (!takes_person && !billing_command && command != "list-operators" &&
      command != "check-audit-log") {
    return AdminUsage("unknown admin command " + command);
  }
  if (!billing_command && rest.size() != (takes_person ? 2u : 1u)) {
    return AdminUsage(takes_person ? command + " needs one national register number"
                                   : command + " takes no argument");
  }
  if (command == "check-ledger" && rest.size() != 1) {
    return AdminUsage(command + " takes no argument");
  }
  auto config = LoadConfig(options->config_file, options->overrides);
  if (!config) {
    std::fprintf(stderr, "sealpost admin: configuration: %s\n", config.error().message.c_str());
    return 2;
  }
  auto database = adapters::storage::SociDatabase::Open(config->storage.database, 1);
  if (!database) {
    std::fprintf(stderr, "sealpost admin: database: %s\n", database.error().message.c_str());
    return 2;
  }
  common::SystemClock clock;
  common::SecureRandom random;
  if (billing_command) {
    app::ManageBilling billing(**database, clock, random);
    return command == "check-ledger" ? CheckLedger(billing) : SetBillingPlan(billing, rest);
  }
  app::ManageOperators operators(**database, clock, random);

  if (command == "check-audit-log") {
    auto report = app::CheckAuditChain(**database).Run();
    if (!report) {
      std::fprintf(stderr, "sealpost admin: %s\n", report.error().message.c_str());
      return 2;
    }
    if (!report->intact) {
      std::printf("audit log BROKEN at entry %lld: %s\n",
                  static_cast<long long>(report->first_broken_seq), report->problem.c_str());
      return 1;
    }
    std::printf("audit log intact: %lld chained entries\n",
                static_cast<long long>(report->entries));
    return 0;
  }

  if (command == "list-operators") {
    auto list = operators.List();
    if (!list) {
      std::fprintf(stderr, "sealpost admin: %s\n", list.error().message.c_str());
      return 1;
    }
    for (const auto& op : *list) {
      std::printf("%s  %s  granted %s by %s\n",
                  domain::NationalNumber{op.person.national_number}.Formatted().c_str(),
                  op.person.display_name.c_str(),
                  common::FormatRfc3339(op.grant.granted_at).c_str(), op.grant.granted_by.c_str());
    }
    if (list->empty()) std::printf("no operators\n");
    return 0;
  }
  auto changed = command == "grant-operator" ? operators.Grant(rest[1], CommandLineActor())
                                             : operators.Revoke(rest[1], CommandLineActor());
  if (!changed) {
    std::fprintf(stderr, "sealpost admin: %s\n", changed.error().message.c_str());
    return 1;
  }
  std::printf("%s %s is %s an operator\n", changed->display_name.c_str(),
              domain::NationalNumber{changed->national_number}.Formatted().c_str(),
              command == "grant-operator" ? "now" : "no longer");
  return 0;
}

}  // namespace sealpost::main
