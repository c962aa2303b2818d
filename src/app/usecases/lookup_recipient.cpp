#include "app/usecases/lookup_recipient.hpp"

#include "app/recipient_directory.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/email_address.hpp"

namespace sealpost::app {

using common::ErrorCode;
using common::Fail;

LookupRecipient::LookupRecipient(Database& database, const common::Clock& clock)
    : database_(database), clock_(clock) {}

common::Result<RecipientStatus> LookupRecipient::Execute(const Caller& caller,
                                                         domain::Recipient recipient) const {
  if (!caller.Can(domain::Permission::kSend)) {
    return Fail(ErrorCode::kPermissionDenied, "this credential lacks the \"send\" permission");
  }
  // The same canonical digits SubmitItem stores, so that "0566.988.259" finds "0566988259".
  if (!recipient.enterprise_number.empty()) {
    auto number = domain::EnterpriseNumber::Parse(recipient.enterprise_number);
    if (!number)
      return Fail(ErrorCode::kInvalidArgument, "enterprise_number: " + number.error().message,
                  number.error().reason);
    recipient.enterprise_number = number->digits;
  }
  if (!recipient.national_number.empty()) {
    auto number = domain::NationalNumber::Parse(recipient.national_number);
    if (!number)
      return Fail(ErrorCode::kInvalidArgument, "national_number: " + number.error().message,
                  number.error().reason);
    recipient.national_number = number->digits;
  }
  const bool identified =
      !recipient.enterprise_number.empty() || !recipient.national_number.empty();
  if (!identified && !domain::LooksLikeEmail(recipient.email)) {
    return Fail(ErrorCode::kInvalidArgument,
                "give a valid e-mail address, an enterprise number or a national number");
  }
  auto uow = database_.BeginReadOnly();
  if (!uow) return Fail(uow.error());
  auto found = FindRegisteredRecipient(**uow, recipient, clock_.Now());
  if (!found) return Fail(found.error());
  return RecipientStatus{found->has_value()};
}

}  // namespace sealpost::app
