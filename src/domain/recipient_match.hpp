// Whether the person who identified is the recipient the sender named (PRODUCT §4.1, §4.2): a
// national number, when given, must be theirs; an enterprise number, when given, must be the
// company they act for, as one of its recipient handlers; with neither, their name must match the
// name the sender gave (normalised: case, accents, hyphens). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "domain/account.hpp"
#include "domain/delivery.hpp"

namespace sealpost::domain {

enum class RecipientMismatch {
  kNationalNumber,       // another person than the one named
  kEnterpriseNumber,     // not acting for the company named
  kNotRecipientHandler,  // acting for it, but without the recipient handler role
  kName,                 // the name does not match
};

std::string_view RecipientMismatchName(RecipientMismatch mismatch);

// `person`: the identified person's own account; `acting_for`: the account they act for (the
// person's own, or a company); `may_handle`: whether they may take over items for it (inbox).
std::optional<RecipientMismatch> MatchRecipient(const Recipient& declared, const Account& person,
                                                const Account& acting_for, bool may_handle);

}  // namespace sealpost::domain
