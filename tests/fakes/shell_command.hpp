// Running the independent command-line verifiers (openssl, xmlsec1, xmllint, psql, sealpost) from
// tests.
#pragma once

#include <string>

namespace sealpost::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `command` with /bin/sh; arguments must already be quoted (see ShellQuote).
CommandResult RunCommand(const std::string& command);
// `text` as one single-quoted shell word.
std::string ShellQuote(const std::string& text);

}  // namespace sealpost::testing
