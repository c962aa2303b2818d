// The catalogue check: what a correct set of catalogues looks like beyond each message parsing
// (which Catalog::Load enforces). Run by the unit_ui suite, so that `make test` fails when a key is
// missing in one language; main may run it at start-up and log the result. Pure, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "ui/catalog.hpp"

namespace sealpost::ui {

// Keys the layer itself needs from every catalogue (the product name, each language's own name for
// the language switcher, …), whatever the templates say.
std::vector<std::string> RequiredMessageKeys();

// One line per problem, empty when the catalogues agree: a key missing in a language, a key whose
// argument names differ between languages (every language gets the same values), a required key
// missing.
std::vector<std::string> FindCatalogProblems(const Catalog& catalog);

}  // namespace sealpost::ui
