// `sealpost admin …`: operator administration from the command line, on the same configuration
// and data as `serve` (PRODUCT §8: operators are granted here and nowhere else). Prints what it
// did; the audit log records the OS user who ran it.
#pragma once

#include <string>
#include <vector>

namespace sealpost::main {

// Returns the process exit code: 0 done, 1 refused (e.g. unknown person), 2 usage or config error.
int RunAdminCommand(const std::vector<std::string>& args);

}  // namespace sealpost::main
