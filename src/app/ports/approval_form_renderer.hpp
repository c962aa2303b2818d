// ApprovalFormRenderer: the company subscription's approval form (PRODUCT.md §3 step 2) as a PDF in
// the requester's language, prefilled with the company, its enterprise number and registered
// office, the requester, the legal representatives, the request reference (as text and as a QR
// code an operator scans when the paper arrives), the date and the terms being approved, with an
// empty signature field per representative for a qualified electronic signature (eID, itsme).
// Implementations are thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace sealpost::app {

struct ApprovalFormRepresentative {
  std::string name;
  std::string national_number;  // 11 digits, or empty when not given
};

struct ApprovalFormContent {
  std::string reference;  // the subscription request's id
  std::string provider_name;
  std::string company_name;
  std::string enterprise_number;           // 10 digits
  std::vector<std::string> address_lines;  // registered office, as it is to be printed
  std::string requester_name;
  std::string contact_email;
  std::string contact_phone;  // may be empty
  std::vector<ApprovalFormRepresentative> representatives;
  common::TimePoint issued_at;
};

class ApprovalFormRenderer {
 public:
  virtual ~ApprovalFormRenderer() = default;
  // kInvalidArgument for a language other than "nl", "fr", "en", "de", or content the PDF
  // renderer refuses (text that is not UTF-8).
  virtual common::Result<std::string> Render(const ApprovalFormContent& content,
                                             std::string_view language) = 0;
};

}  // namespace sealpost::app
