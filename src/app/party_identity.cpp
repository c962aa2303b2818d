#include "app/party_identity.hpp"

namespace sealpost::app {

domain::PartyIdentity SenderIdentity(const Caller& caller) {
  const domain::Account& a = caller.account;
  domain::PartyIdentity p;
  p.name = a.display_name;
  p.email = a.email;
  p.national_number = a.national_number;
  p.enterprise_number = a.enterprise_number;
  p.assurance_level = a.assurance_level;
  p.authentication_method = caller.authentication_method;
  p.authentication_time = caller.authenticated_at;
  return p;
}

domain::PartyIdentity RecipientIdentity(const domain::Recipient& recipient, const domain::Account* account) {
  domain::PartyIdentity p;
  p.name = recipient.name;
  p.email = recipient.email;
  p.national_number = recipient.national_number;
  p.enterprise_number = recipient.enterprise_number;
  if (account != nullptr) {
    p.name = account->display_name;
    if (p.enterprise_number.empty()) p.enterprise_number = account->enterprise_number;
    if (p.national_number.empty()) p.national_number = account->national_number;
  }
  return p;
}

}  // namespace sealpost::app
