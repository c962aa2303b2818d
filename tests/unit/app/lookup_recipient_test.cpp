// LookupRecipient against the real adapters: the sender learns whether a recipient is registered
// by the same rule the submission routes by, and nothing more.
#include "app/usecases/lookup_recipient.hpp"

#include <gtest/gtest.h>

#include "unit/app/app_fixture.hpp"

namespace sealpost::app {
namespace {

domain::Recipient Described(std::string email, std::string name, std::string enterprise_number,
                            std::string national_number) {
  domain::Recipient r;
  r.email = std::move(email);
  r.name = std::move(name);
  r.enterprise_number = std::move(enterprise_number);
  r.national_number = std::move(national_number);
  return r;
}

class LookupRecipientTest : public AppFixture {
 protected:
  bool Registered(const domain::Recipient& recipient) {
    auto status = LookupRecipient(*database_, clock_).Execute(*sender_, recipient);
    EXPECT_TRUE(status.has_value()) << status.error().ToString();
    return status.has_value() && status->registered;
  }
  common::ErrorCode ErrorOf(const Caller& caller, const domain::Recipient& recipient) {
    auto status = LookupRecipient(*database_, clock_).Execute(caller, recipient);
    EXPECT_FALSE(status.has_value());
    return status.has_value() ? common::ErrorCode::kInternal : status.error().code;
  }
};

TEST_F(LookupRecipientTest, AnIdentifierDecidesInAnyPrintedForm) {
  EXPECT_TRUE(Registered(RecipientCompany()));  // "0566.988.259"
  EXPECT_TRUE(Registered(Described("", "", "0566988259", "")));
  EXPECT_TRUE(Registered(Described("someone@else.example", "Another Name", "0566 988 259", "")));
  EXPECT_TRUE(Registered(Described("", "", "", "85.07.30-033.28")));
  EXPECT_FALSE(Registered(Described("", "", kOutsiderEnterprise, "")))
      << "an account without consent";
  EXPECT_FALSE(Registered(Described("", "", kSenderEnterprise, "")));
}

TEST_F(LookupRecipientTest, WithoutIdentifierTheAddressNeedsAMatchingName) {
  EXPECT_TRUE(Registered(RecipientPerson()));  // lower case, no accents, no hyphen
  EXPECT_FALSE(Registered(Described(kPersonEmail, "Someone Else", "", "")));
  EXPECT_FALSE(Registered(Unregistered()));
}

TEST_F(LookupRecipientTest, AWithdrawnConsentMeansNotRegistered) {
  RevokeConsent(recipient_account_.id);
  EXPECT_FALSE(Registered(RecipientCompany()));
}

TEST_F(LookupRecipientTest, MalformedInputIsRefused) {
  EXPECT_EQ(ErrorOf(*sender_, Described("", "", "0566.988.258", "")),
            common::ErrorCode::kInvalidArgument);
  EXPECT_EQ(ErrorOf(*sender_, Described("", "", "", "85.07.30-033.29")),
            common::ErrorCode::kInvalidArgument);
  EXPECT_EQ(ErrorOf(*sender_, Described("not an address", "Name", "", "")),
            common::ErrorCode::kInvalidArgument);
  EXPECT_EQ(ErrorOf(*sender_, Described("", "", "", "")), common::ErrorCode::kInvalidArgument);
}

TEST_F(LookupRecipientTest, OnlyACallerWhoMaySendAsks) {
  const Caller reader = AddKeyAndAuthenticate(sender_account_, "read inbox");
  EXPECT_EQ(ErrorOf(reader, RecipientCompany()), common::ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace sealpost::app
