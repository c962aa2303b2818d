#include "adapters/invoice/ubl_test_support.hpp"

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include "adapters/invoice/ubl_invoice_writer.hpp"
#include "domain/invoice_number.hpp"

namespace sealpost::adapters::invoice::testing {

using std::chrono::year;
using namespace domain;

InvoiceParty SampleSeller() {
  return {"sealpost SRL",
          "0566988259",
          "BE0566988259",
          {"Rue de la Loi 16", "Bruxelles", "1000", "BE"}};
}

// A name with characters XML must escape.
InvoiceParty SampleBuyer() {
  return {"Dupont & Fils <Logistics> NV",
          "0428759497",
          "BE0428759497",
          {"Meir 1 bus 3", "Antwerpen", "2000", "BE"}};
}

Invoice SampleTopUpReceipt() {
  return MakeTopUpReceipt("2026-000007", year{2026} / 11 / 27, SampleSeller(), SampleBuyer(),
                          "account 0b6f3c1e", "BE68539007547034", 5000, "mollie tr_WDqYK6vllg")
      .value();
}

Invoice SampleMonthlyInvoice() {
  Invoice invoice;
  invoice.kind = InvoiceKind::kInvoice;
  invoice.number = "2026-000042";
  invoice.issue_date = year{2026} / 12 / 1;
  invoice.due_date = year{2026} / 12 / 31;
  invoice.payment_terms =
      "Payable within 30 days by bank transfer with the structured communication";
  invoice.period_start = year{2026} / 11 / 1;
  invoice.period_end = year{2026} / 11 / 30;
  invoice.seller = SampleSeller();
  invoice.buyer = SampleBuyer();
  invoice.buyer_reference = "PO-2026-77";
  invoice.payment = {"BE68539007547034", "GEBABEBB",
                     InvoiceNumber{2026, 42}.StructuredCommunication()};
  invoice.lines = {
      {"1", "Electronic registered delivery", 1234, "C62", 65, VatCategory::kStandardRate, 21},
      {"2", "Paper registered delivery: handling", 10, "C62", 150, VatCategory::kStandardRate, 21},
      {"3", "Paper registered delivery: pages", 37, "C62", 10, VatCategory::kStandardRate, 21},
      {"4", "Paper registered delivery: postage", 10, "C62", 1133, VatCategory::kStandardRate, 21},
  };
  return invoice;
}

Invoice SampleCreditNote() {
  Invoice credit;
  credit.kind = InvoiceKind::kCreditNote;
  credit.number = "2026-000043";
  credit.issue_date = year{2026} / 12 / 5;
  credit.seller = SampleSeller();
  credit.buyer = SampleBuyer();
  credit.buyer_reference = "PO-2026-77";
  credit.note = "Two deliveries charged twice";
  credit.payment = {"BE68539007547034", "", InvoiceNumber{2026, 43}.StructuredCommunication()};
  credit.payment_terms = "Deducted from the amount due";
  credit.corrected_invoice_number = "2026-000042";
  credit.corrected_invoice_date = year{2026} / 12 / 1;
  credit.lines = {
      {"1", "Electronic registered delivery", 2, "C62", 65, VatCategory::kStandardRate, 21}};
  return credit;
}

XmlQuery::XmlQuery(const std::string& xml) {
  doc_ = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "ubl.xml", "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  if (doc_ == nullptr) return;
  context_ = xmlXPathNewContext(doc_);
  xmlXPathRegisterNs(context_, BAD_CAST "ubl", BAD_CAST kUblInvoiceNamespace);
  xmlXPathRegisterNs(context_, BAD_CAST "cn", BAD_CAST kUblCreditNoteNamespace);
  xmlXPathRegisterNs(context_, BAD_CAST "cac", BAD_CAST kUblCacNamespace);
  xmlXPathRegisterNs(context_, BAD_CAST "cbc", BAD_CAST kUblCbcNamespace);
  xmlXPathRegisterNs(context_, BAD_CAST "svrl", BAD_CAST "http://purl.oclc.org/dsdl/svrl");
}

XmlQuery::~XmlQuery() {
  if (context_ != nullptr) xmlXPathFreeContext(context_);
  if (doc_ != nullptr) xmlFreeDoc(doc_);
}

xmlXPathObjectPtr XmlQuery::Evaluate(const std::string& xpath) const {
  if (context_ == nullptr) return nullptr;
  return xmlXPathEvalExpression(BAD_CAST xpath.c_str(), context_);
}

double XmlQuery::Number(const std::string& xpath) const {
  xmlXPathObjectPtr result = Evaluate(xpath);
  if (result == nullptr) return -1;
  double value = xmlXPathCastToNumber(result);
  xmlXPathFreeObject(result);
  return value;
}

std::string XmlQuery::String(const std::string& xpath) const {
  xmlXPathObjectPtr result = Evaluate(xpath);
  if (result == nullptr) return "<xpath error>";
  xmlChar* text = xmlXPathCastToString(result);
  std::string value(reinterpret_cast<const char*>(text));
  xmlFree(text);
  xmlXPathFreeObject(result);
  return value;
}

std::string XmlQuery::WithText(const std::string& xpath, const std::string& text) {
  xmlXPathObjectPtr result = Evaluate(xpath);
  if (result != nullptr && result->nodesetval != nullptr && result->nodesetval->nodeNr > 0) {
    xmlNodeSetContent(result->nodesetval->nodeTab[0], BAD_CAST text.c_str());
  }
  if (result != nullptr) xmlXPathFreeObject(result);
  xmlChar* buffer = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc_, &buffer, &size, "UTF-8");
  std::string xml(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size));
  xmlFree(buffer);
  return xml;
}

}  // namespace sealpost::adapters::invoice::testing
