#include "main/admin_command.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>

#include "adapters/storage/soci_database.hpp"
#include "app/usecases/check_audit_chain.hpp"
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
    "  sealpost admin check-audit-log [same options]\n"
    "      The person must have signed in once with eID or itsme. Use the options `serve` uses,\n"
    "      so that the command reaches the same database. check-audit-log recomputes the audit\n"
    "      log's hash chain and exits 1 when an entry was changed, removed or reordered.\n";

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

int RunAdminCommand(const std::vector<std::string>& args) {
  auto options = ParseServiceOptions(args);
  if (!options) return AdminUsage(options.error().message);
  const std::vector<std::string>& rest = options->rest;
  if (rest.empty()) return AdminUsage("which command?");
  const std::string& command = rest[0];
  const bool takes_person = command == "grant-operator" || command == "revoke-operator";
  if (!takes_person && command != "list-operators" && command != "check-audit-log") {
    return AdminUsage("unknown admin command " + command);
  }
  if (rest.size() != (takes_person ? 2u : 1u)) {
    return AdminUsage(takes_person ? command + " needs one national register number"
                                   : command + " takes no argument");
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
