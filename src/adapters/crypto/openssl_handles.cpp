#include "adapters/crypto/openssl_handles.hpp"

#include <openssl/err.h>

namespace sealpost::adapters::crypto {

std::string DrainOpenSslErrors() {
  std::string out;
  char buf[256];
  while (unsigned long code = ERR_get_error()) {
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

common::Error OpenSslError(common::ErrorCode code, std::string_view what) {
  std::string message(what);
  std::string details = DrainOpenSslErrors();
  if (!details.empty()) message += " (" + details + ")";
  return common::Error{code, std::move(message), {}};
}

}  // namespace sealpost::adapters::crypto
