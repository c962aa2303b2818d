// The subscription request's state machine (PRODUCT.md §3, steps 4-6):
//   draft --submit_electronically--> submitted          (needs the signed form)
//   draft --choose_paper_path-----> awaiting_paper
//   awaiting_paper --record_paper_receipt--> submitted  (an operator, with a scan)
//   submitted --approve--> approved (final)     submitted --refuse--> refused (reason required)
//   refused --reopen--> draft                           (correct and submit again)
// NextSubscriptionState knows only the arrows; ApplySubscriptionEvent also checks what each arrow
// needs from the request and records who/when. Anything else is refused with kFailedPrecondition,
// so an illegal step cannot be recorded. Pure, thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/subscription_request.hpp"

namespace sealpost::domain {

enum class SubscriptionEvent {
  kSubmitElectronically,
  kChoosePaperPath,
  kRecordPaperReceipt,
  kApprove,
  kRefuse,
  kReopen,
};
std::string_view SubscriptionEventName(SubscriptionEvent event);  // "submit_electronically", ...

// The state after `event`, or kFailedPrecondition when the event is not allowed in `state`.
common::Result<SubscriptionState> NextSubscriptionState(SubscriptionState state,
                                                        SubscriptionEvent event);

// Waiting for the paper file or for an operator: the requester cannot change it, nor start
// another request for the same company.
bool IsUnderReview(SubscriptionState state);
// Only a draft may be edited (company data, representatives, documents, path).
bool IsEditable(SubscriptionState state);

// What an event carries beyond its name.
struct SubscriptionEventContext {
  common::TimePoint at;
  std::string_view actor_account_id;  // requester or operator
  std::string_view reason;            // refusal reason (kRefuse only)
};

// Applies `event` to `request` when both the state machine and the request's content allow it:
//  - submitting electronically needs the electronic path, a representative and a signed form;
//  - choosing the paper path needs a representative;
//  - recording the paper receipt needs a paper scan among the documents;
//  - approving and refusing need the operator; refusing needs a non-blank reason.
// On failure the request is unchanged.
common::Result<void> ApplySubscriptionEvent(SubscriptionRequest& request, SubscriptionEvent event,
                                            const SubscriptionEventContext& context);

}  // namespace sealpost::domain
