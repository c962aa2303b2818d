#include "domain/subscription_request_state.hpp"

#include <array>
#include <string>

namespace sealpost::domain {

namespace {

using S = SubscriptionState;
using E = SubscriptionEvent;
using common::ErrorCode;
using common::Fail;

struct Transition {
  S from;
  E event;
  S to;
};

// The whole state machine. Anything not listed is illegal.
constexpr std::array<Transition, 6> kTransitions{{
    {S::kDraft, E::kSubmitElectronically, S::kSubmitted},
    {S::kDraft, E::kChoosePaperPath, S::kAwaitingPaper},
    {S::kAwaitingPaper, E::kRecordPaperReceipt, S::kSubmitted},
    {S::kSubmitted, E::kApprove, S::kApproved},
    {S::kSubmitted, E::kRefuse, S::kRefused},
    {S::kRefused, E::kReopen, S::kDraft},
}};

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

common::Result<void> CheckContent(const SubscriptionRequest& request, E event,
                                  const SubscriptionEventContext& context) {
  switch (event) {
    case E::kSubmitElectronically:
      if (request.path != SubscriptionPath::kElectronic) {
        return Fail(ErrorCode::kFailedPrecondition,
                    "this request follows the paper path; it is submitted when the paper arrives",
                    "subscription_paper_path");
      }
      if (request.representatives.empty()) {
        return Fail(ErrorCode::kFailedPrecondition, "name at least one legal representative",
                    "subscription_no_representative");
      }
      if (!request.HasDocument(SubscriptionDocumentKind::kSignedForm)) {
        return Fail(ErrorCode::kFailedPrecondition, "upload the signed approval form first",
                    "subscription_no_signed_form");
      }
      return common::Ok();
    case E::kChoosePaperPath:
      if (request.representatives.empty()) {
        return Fail(ErrorCode::kFailedPrecondition, "name at least one legal representative",
                    "subscription_no_representative");
      }
      return common::Ok();
    case E::kRecordPaperReceipt:
      if (!request.HasDocument(SubscriptionDocumentKind::kPaperScan)) {
        return Fail(ErrorCode::kFailedPrecondition,
                    "attach the scan of the posted documents to record their receipt",
                    "subscription_no_paper_scan");
      }
      if (IsBlank(context.actor_account_id)) {
        return Fail(ErrorCode::kInvalidArgument, "the receiving operator is not known");
      }
      return common::Ok();
    case E::kApprove:
    case E::kRefuse:
      if (IsBlank(context.actor_account_id)) {
        return Fail(ErrorCode::kInvalidArgument, "the reviewing operator is not known");
      }
      if (event == E::kRefuse && IsBlank(context.reason)) {
        return Fail(ErrorCode::kInvalidArgument, "a refusal needs a reason",
                    "subscription_refusal_reason_missing");
      }
      return common::Ok();
    case E::kReopen:
      return common::Ok();
  }
  return Fail(ErrorCode::kInternal, "unknown subscription event");
}

}  // namespace

std::string_view SubscriptionEventName(SubscriptionEvent event) {
  switch (event) {
    case E::kSubmitElectronically:
      return "submit_electronically";
    case E::kChoosePaperPath:
      return "choose_paper_path";
    case E::kRecordPaperReceipt:
      return "record_paper_receipt";
    case E::kApprove:
      return "approve";
    case E::kRefuse:
      return "refuse";
    case E::kReopen:
      return "reopen";
  }
  return "unknown";
}

common::Result<SubscriptionState> NextSubscriptionState(SubscriptionState state,
                                                        SubscriptionEvent event) {
  for (const Transition& t : kTransitions) {
    if (t.from == state && t.event == event) return t.to;
  }
  return Fail(ErrorCode::kFailedPrecondition,
              std::string(SubscriptionEventName(event)) +
                  " is not allowed for a request in state " +
                  std::string(SubscriptionStateName(state)),
              "subscription_illegal_transition");
}

bool IsUnderReview(SubscriptionState state) {
  return state == S::kAwaitingPaper || state == S::kSubmitted;
}

bool IsEditable(SubscriptionState state) { return state == S::kDraft; }

common::Result<void> ApplySubscriptionEvent(SubscriptionRequest& request, SubscriptionEvent event,
                                            const SubscriptionEventContext& context) {
  auto next = NextSubscriptionState(request.state, event);
  if (!next) return std::unexpected(next.error());
  if (auto ok = CheckContent(request, event, context); !ok) return ok;

  request.state = *next;
  request.updated_at = context.at;
  switch (event) {
    case E::kSubmitElectronically:
    case E::kRecordPaperReceipt:
      request.submitted_at = context.at;
      break;
    case E::kChoosePaperPath:
      request.path = SubscriptionPath::kPaper;
      break;
    case E::kApprove:
      request.reviewed_by = std::string(context.actor_account_id);
      request.decided_at = context.at;
      break;
    case E::kRefuse:
      request.reviewed_by = std::string(context.actor_account_id);
      request.decided_at = context.at;
      request.refusal_reason = std::string(context.reason);
      break;
    case E::kReopen:
      request.submitted_at.reset();
      break;
  }
  return common::Ok();
}

}  // namespace sealpost::domain
