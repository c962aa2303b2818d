// How accounts and recipients appear in evidence (EN 319 522 UserDetails).
#pragma once

#include "app/caller.hpp"
#include "domain/account.hpp"
#include "domain/delivery.hpp"
#include "domain/evidence.hpp"

namespace sealpost::app {

// The sender as authenticated for this submission.
domain::PartyIdentity SenderIdentity(const Caller& caller);
// The recipient as the sender described them, completed with the registered account when known.
domain::PartyIdentity RecipientIdentity(const domain::Recipient& recipient,
                                        const domain::Account* account);

}  // namespace sealpost::app
