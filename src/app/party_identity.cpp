#include "app/party_identity.hpp"

namespace sealpost::app {

domain::PartyIdentity SenderIdentity(const Caller& caller) {
  const domain::Account& a = caller.account;
  domain::PartyIdentity p;
  p.name = a.display_name;
  p.given_names = a.given_names;
  p.family_name = a.family_name;
  p.email = a.email;
  p.national_number = a.national_number;
  p.enterprise_number = a.enterprise_number;
  p.assurance_level = a.assurance_level;
  p.authentication_method = caller.authentication_method;
  p.authentication_time = caller.authenticated_at;
  return p;
}

domain::PartyIdentity RecipientIdentity(const domain::Recipient& recipient,
                                        const domain::Account* account) {
  domain::PartyIdentity p;
  p.name = recipient.name;
  p.email = recipient.email;
  p.national_number = recipient.national_number;
  p.enterprise_number = recipient.enterprise_number;
  if (account != nullptr) {
    // A registered recipient: the account was identified when it registered, so the evidence names
    // the identified party rather than what the sender typed.
    p.name = account->display_name;
    p.given_names = account->given_names;
    p.family_name = account->family_name;
    p.enterprise_number = account->enterprise_number;
    p.national_number = account->national_number;
    p.assurance_level = account->assurance_level;
    p.authentication_method = account->authentication_method;
  }
  return p;
}

}  // namespace sealpost::app
