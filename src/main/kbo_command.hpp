// `sealpost kbo import DIR`: loads a KBO/BCE open data extract (the full monthly one, or the
// update's *_insert.csv / *_delete.csv files) into the database that `serve` uses, so that
// subscription requests are prefilled with the company's name and registered office. Progress and
// bad rows go to stderr, the summary per file to stdout.
#pragma once

#include <string>
#include <vector>

namespace sealpost::main {

// Returns the process exit code: 0 every row imported, 1 some rows were bad (reported; the others
// imported) or the import stopped on a database error, 2 usage, configuration or missing files.
int RunKboCommand(const std::vector<std::string>& args);

}  // namespace sealpost::main
