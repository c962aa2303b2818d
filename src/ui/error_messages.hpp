// The message shown to a person for each ErrorCode: "error." + ErrorCodeName(code), e.g.
// "error.not_found". Every catalogue must have one per code (catalog_check.hpp checks). Pure,
// thread-safe.
#pragma once

#include <array>
#include <string>

#include "common/result.hpp"

namespace sealpost::ui {

inline constexpr std::array<common::ErrorCode, 8> kAllErrorCodes = {
    common::ErrorCode::kInvalidArgument, common::ErrorCode::kNotFound,
    common::ErrorCode::kConflict,        common::ErrorCode::kFailedPrecondition,
    common::ErrorCode::kUnauthenticated, common::ErrorCode::kPermissionDenied,
    common::ErrorCode::kUnavailable,     common::ErrorCode::kInternal};

std::string ErrorMessageKey(common::ErrorCode code);

}  // namespace sealpost::ui
