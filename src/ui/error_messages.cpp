#include "ui/error_messages.hpp"

namespace sealpost::ui {

std::string ErrorMessageKey(common::ErrorCode code) {
  return std::string("error.") + common::ErrorCodeName(code);
}

}  // namespace sealpost::ui
