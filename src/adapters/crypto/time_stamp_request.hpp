// TimeStampRequest: the client half of RFC 3161 shared by every TimeStamper: builds a TimeStampReq
// for a SHA-256 imprint (random nonce, certReq true) and checks a TimeStampResp against it (status
// granted, same imprint and nonce) before the token inside is used.
// Thread-safety: free functions; a TimeStampRequest is a value owned by one caller.
#pragma once

#include <optional>
#include <string>

#include "adapters/crypto/openssl_handles.hpp"
#include "app/ports/time_stamper.hpp"
#include "common/bytes.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "common/sha256.hpp"

namespace sealpost::adapters::crypto {

struct TimeStampRequest {
  TsReqPtr request;
  common::Bytes der;  // what is sent to the TSA
};

// `policy_oid` (dotted text) asks the TSA for one policy; without it the TSA applies its default.
common::Result<TimeStampRequest> NewTimeStampRequest(
    const common::Sha256Digest& imprint, common::Random& random,
    const std::optional<std::string>& policy_oid = std::nullopt);

// Parses `response_der` and returns its token when the status is granted (or granted with
// modifications) and the token's imprint, nonce (and policy, when requested) match `request`.
// Does not verify the signature: that needs trust anchors (see VerifyTimeStampToken).
// kUnavailable when the TSA refused or answered something that does not fit the request.
common::Result<app::TimeStampToken> TokenFromResponse(TS_REQ* request,
                                                      const common::Bytes& response_der);

// The same checks on a response already in memory (an in-process TSA): no DER round trip, which
// would re-decode the TSA certificate and its key for nothing. `response` is only read.
common::Result<app::TimeStampToken> TokenFromResponse(TS_REQ* request, TS_RESP* response);

}  // namespace sealpost::adapters::crypto
