// sealpost entry point: parses the command line and hands over to the composition root
// (serve) or to the offline verifier (verify).
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "adapters/files/atomic_file.hpp"
#include "main/admin_command.hpp"
#include "main/application.hpp"
#include "main/command_line.hpp"
#include "main/config.hpp"
#include "main/kbo_command.hpp"
#include "main/secret_files.hpp"
#include "verify/offline_verifier.hpp"

namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  sealpost serve [--demo] [--config FILE] [--data DIR] [--port N] [--database URL]\n"
    "      Runs the service. --demo: embedded defaults (SQLite under DIR, generated demo keys,\n"
    "      built-in time-stamp authority, demo accounts and API keys).\n"
    "  sealpost verify FILE [--trust ROOT.pem]... [--log-key KEY]\n"
    "      Checks an evidence XML file or a proof bundle (.zip) offline. Exit 0 only when every\n"
    "      check passes.\n"
    "  sealpost admin grant-operator|revoke-operator NATIONAL_NUMBER [serve's options]\n"
    "  sealpost admin list-operators [serve's options]\n"
    "      Grants or revokes the operator role of a person who signed in once.\n"
    "  sealpost kbo import DIR [--batch N] [serve's options]\n"
    "      Loads the KBO/BCE open data extract (enterprise, denomination, address CSV files).\n";

int Usage(const char* problem) {
  if (problem != nullptr) std::fprintf(stderr, "sealpost: %s\n\n", problem);
  std::fputs(kUsage, problem != nullptr ? stderr : stdout);
  return problem != nullptr ? 2 : 0;
}

int Serve(const std::vector<std::string>& args) {
  auto options = sealpost::main::ParseServiceOptions(args);
  if (!options) return Usage(options.error().message.c_str());
  if (!options->rest.empty()) return Usage(("unknown option " + options->rest[0]).c_str());
  auto config = sealpost::main::LoadConfig(options->config_file, options->overrides);
  if (!config) {
    std::fprintf(stderr, "sealpost: configuration: %s\n", config.error().message.c_str());
    return 2;
  }

  // Signals are handled by this thread only (sigwait below): block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto app = sealpost::main::Application::Create(*config);
  if (!app) {
    std::fprintf(stderr, "sealpost: cannot start: %s\n", app.error().message.c_str());
    return 1;
  }
  auto port = (*app)->Start();
  if (!port) {
    std::fprintf(stderr, "sealpost: cannot listen on port %u: %s\n", config->server.port,
                 port.error().message.c_str());
    return 1;
  }
  std::printf("%ssealpost listening on http://localhost:%u\n", config->demo ? "DEMO MODE — " : "",
              *port);
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  std::printf("sealpost: stopping (%s)\n", received == SIGINT ? "SIGINT" : "SIGTERM");
  (*app)->Stop();
  return 0;
}

int Verify(const std::vector<std::string>& args) {
  std::optional<std::string> file;
  sealpost::verify::VerifyOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--trust" || args[i] == "--log-key") {
      if (i + 1 >= args.size()) return Usage((args[i] + " needs a value").c_str());
      if (args[i] == "--log-key") {
        options.log_verifier_key = args[++i];
        continue;
      }
      auto pem = sealpost::adapters::files::ReadWholeFile(args[++i]);
      if (!pem) return Usage(pem.error().message.c_str());
      options.trust_anchor_pems.push_back(*pem);
    } else if (!file) {
      file = args[i];
    } else {
      return Usage("verify takes one file");
    }
  }
  if (!file) return Usage("verify needs a file");
  auto bytes = sealpost::adapters::files::ReadWholeFile(*file);
  if (!bytes) {
    std::fprintf(stderr, "sealpost: %s\n", bytes.error().message.c_str());
    return 2;
  }
  auto report = sealpost::verify::VerifyFile(*file, *bytes, options);
  std::fputs(sealpost::verify::RenderReport(report).c_str(), stdout);
  return report.ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage(nullptr);
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "serve") return Serve(args);
  if (command == "verify") return Verify(args);
  if (command == "admin") return sealpost::main::RunAdminCommand(args);
  if (command == "kbo") return sealpost::main::RunKboCommand(args);
  if (command == "help" || command == "--help" || command == "-h") return Usage(nullptr);
  return Usage(("unknown command " + command).c_str());
}
