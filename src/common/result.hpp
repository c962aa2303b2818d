// Result<T>: the outcome of an operation that can fail in an expected way.
// Expected failures are values (std::expected); bugs are assertions. The ErrorCode list is short on
// purpose: the HTTP layer maps each code to one status in one place, the domain never mentions
// HTTP.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace sealpost::common {

enum class ErrorCode {
  kInvalidArgument,     // the caller's input is wrong; retrying the same input will fail again
  kNotFound,            // no such thing, or not visible to this caller
  kConflict,            // the thing exists already or changed concurrently
  kFailedPrecondition,  // the input is fine but the state forbids it (illegal transition, no
                        // balance)
  kUnauthenticated,     // who is calling is unknown
  kPermissionDenied,    // the caller is known but may not do this
  kUnavailable,         // a dependency is down; retrying later may succeed
  kInternal,            // a bug or a broken invariant
};

// Stable, lower-case name of a code, used in logs and problem+json `type` URIs.
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // human-readable, safe to show to the caller (never a secret)
  std::string reason;   // optional machine-readable detail, e.g. an EN 319 522 reason code

  std::string ToString() const;
};

template <typename T>
using Result = std::expected<T, Error>;

// Result<void> helper: `return Ok();`
inline Result<void> Ok() { return {}; }

inline std::unexpected<Error> Fail(ErrorCode code, std::string message, std::string reason = {}) {
  return std::unexpected(Error{code, std::move(message), std::move(reason)});
}

inline std::unexpected<Error> Fail(Error error) { return std::unexpected(std::move(error)); }

}  // namespace sealpost::common
