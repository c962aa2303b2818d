#include "domain/recipient_match.hpp"

#include "domain/name_match.hpp"

namespace sealpost::domain {

std::string_view RecipientMismatchName(RecipientMismatch mismatch) {
  switch (mismatch) {
    case RecipientMismatch::kNationalNumber:
      return "national_number";
    case RecipientMismatch::kEnterpriseNumber:
      return "enterprise_number";
    case RecipientMismatch::kNotRecipientHandler:
      return "not_recipient_handler";
    case RecipientMismatch::kName:
      return "name";
  }
  return "";
}

std::optional<RecipientMismatch> MatchRecipient(const Recipient& declared, const Account& person,
                                                const Account& acting_for, bool may_handle) {
  if (!declared.national_number.empty() && declared.national_number != person.national_number) {
    return RecipientMismatch::kNationalNumber;
  }
  if (!declared.enterprise_number.empty()) {
    if (acting_for.kind != AccountKind::kCompany ||
        acting_for.enterprise_number != declared.enterprise_number) {
      return RecipientMismatch::kEnterpriseNumber;
    }
    if (!may_handle) return RecipientMismatch::kNotRecipientHandler;
    return std::nullopt;
  }
  if (declared.national_number.empty() && !NamesMatch(declared.name, person.display_name)) {
    return RecipientMismatch::kName;
  }
  return std::nullopt;
}

}  // namespace sealpost::domain
