#include "app/person_account.hpp"

namespace sealpost::app {

domain::Account PersonAccountFor(const VerifiedIdentity& identity, std::string id,
                                 common::TimePoint now) {
  domain::Account a;
  a.id = std::move(id);
  a.kind = domain::AccountKind::kPerson;
  a.given_names = identity.given_names;
  a.family_name = identity.family_name;
  a.display_name = identity.given_names + " " + identity.family_name;
  a.email = identity.email;
  a.national_number = identity.national_number;
  a.assurance_level = identity.assurance_level;
  a.authentication_method = identity.provider_id;
  // A personal account can send once identified; identified means LoA high.
  a.can_send = identity.assurance_level == kLoaHigh;
  a.created_at = now;
  return a;
}

}  // namespace sealpost::app
