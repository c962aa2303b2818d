// The fixed test citizens of the demo OpenID Provider: valid Belgian national register numbers
// (check digits per REFERENCE.md §4, one born after 2000 so that the "2" prefix rule is exercised),
// names with the accents of the country's languages, a preferred language and a demo e-mail
// address. Fixed on purpose: demo data, tests and screenshots name the same people on every
// installation. Immutable; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace sealpost::adapters::identity {

struct DemoCitizen {
  std::string subject;          // stable OIDC "sub", derived from the national number
  std::string national_number;  // 11 digits, no separators
  std::string given_name;
  std::string family_name;
  std::string email;       // @demo.sealpost.test
  std::string locale;      // BCP 47, e.g. "nl-BE"
  std::string birth_date;  // YYYY-MM-DD, shown on the chooser page
};

const std::vector<DemoCitizen>& DemoCitizens();

}  // namespace sealpost::adapters::identity
