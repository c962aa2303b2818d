// Sample documents and XML inspection for the UBL writer tests.
#pragma once

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <memory>
#include <string>

#include "domain/invoice.hpp"

namespace sealpost::adapters::invoice::testing {

domain::InvoiceParty SampleSeller();
domain::InvoiceParty SampleBuyer();
domain::Invoice SampleTopUpReceipt();
domain::Invoice SampleMonthlyInvoice();  // postpaid, several lines, amount due
domain::Invoice SampleCreditNote();      // corrects SampleMonthlyInvoice

// A parsed XML document queried with XPath; prefixes ubl (Invoice), cn (CreditNote), cac, cbc,
// svrl (Schematron reports).
class XmlQuery {
 public:
  explicit XmlQuery(const std::string& xml);
  ~XmlQuery();
  XmlQuery(const XmlQuery&) = delete;
  XmlQuery& operator=(const XmlQuery&) = delete;

  bool parsed() const { return doc_ != nullptr; }
  double Number(const std::string& xpath) const;       // count(), number(), …
  std::string String(const std::string& xpath) const;  // string(…)
  // Replaces the text of the first node `xpath` selects; returns the re-serialised document.
  std::string WithText(const std::string& xpath, const std::string& text);

 private:
  xmlXPathObjectPtr Evaluate(const std::string& xpath) const;
  xmlDocPtr doc_ = nullptr;
  xmlXPathContextPtr context_ = nullptr;
};

}  // namespace sealpost::adapters::invoice::testing
