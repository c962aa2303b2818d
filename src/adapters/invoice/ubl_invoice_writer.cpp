#include "adapters/invoice/ubl_invoice_writer.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlstring.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <utility>

namespace sealpost::adapters::invoice {
namespace {

using common::ErrorCode;
using common::Fail;
using domain::Cents;
using domain::Invoice;
using domain::InvoiceKind;
using domain::InvoiceParty;
using domain::VatCategory;

constexpr const char* kCurrency = "EUR";
constexpr const char* kEnterpriseNumberScheme = "0208";  // Belgian KBO/BCE number (ISO 6523 ICD)
constexpr const char* kSepaCreditTransfer = "58";
constexpr const char* kOnlinePaymentService = "68";
constexpr const char* kNotSubjectToVatCode = "VATEX-EU-O";

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

void EnsureLibxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// XML 1.0 character data: valid UTF-8 without control characters other than tab, CR, LF.
bool IsXmlText(const std::string& text) {
  if (xmlCheckUTF8(reinterpret_cast<const xmlChar*>(text.c_str())) == 0) return false;
  for (unsigned char c : text) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return text.find('\0') == std::string::npos;
}

std::string Date(std::chrono::year_month_day date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// Builds the document; the first failure (invalid text) sticks and is reported at the end, which
// keeps the writing code a plain sequence of elements.
class UblBuilder {
 public:
  UblBuilder(const char* root_name, const char* root_namespace) : doc_(xmlNewDoc(BAD_CAST "1.0")) {
    root_ = xmlNewDocNode(doc_.get(), nullptr, BAD_CAST root_name, nullptr);
    xmlDocSetRootElement(doc_.get(), root_);
    xmlNs* default_ns = xmlNewNs(root_, BAD_CAST root_namespace, nullptr);
    xmlSetNs(root_, default_ns);
    cac_ = xmlNewNs(root_, BAD_CAST kUblCacNamespace, BAD_CAST "cac");
    cbc_ = xmlNewNs(root_, BAD_CAST kUblCbcNamespace, BAD_CAST "cbc");
  }

  xmlNode* root() const { return root_; }

  xmlNode* Aggregate(xmlNode* parent, const char* name) {
    return xmlNewChild(parent, cac_, BAD_CAST name, nullptr);
  }

  // A cbc element with text; nothing is written for an empty text (no empty elements).
  xmlNode* Basic(xmlNode* parent, const char* name, const std::string& text) {
    if (text.empty()) return nullptr;
    if (!IsXmlText(text)) {
      if (error_.empty()) error_ = std::string("the text of ") + name + " is not valid XML text";
      return nullptr;
    }
    return xmlNewTextChild(parent, cbc_, BAD_CAST name, BAD_CAST text.c_str());
  }

  xmlNode* BasicWith(xmlNode* parent, const char* name, const std::string& text,
                     const char* attribute, const std::string& value) {
    xmlNode* node = Basic(parent, name, text);
    if (node != nullptr) xmlNewProp(node, BAD_CAST attribute, BAD_CAST value.c_str());
    return node;
  }

  xmlNode* Amount(xmlNode* parent, const char* name, Cents cents) {
    return BasicWith(parent, name, domain::FormatDecimalAmount(cents), "currencyID", kCurrency);
  }

  common::Result<std::string> Serialize() {
    if (!error_.empty()) return Fail(ErrorCode::kInvalidArgument, error_, "invalid_invoice");
    xmlChar* buffer = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc_.get(), &buffer, &size, "UTF-8", 1);
    if (buffer == nullptr) return Fail(ErrorCode::kInternal, "cannot serialise the UBL document");
    std::string xml(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size));
    xmlFree(buffer);
    return xml;
  }

 private:
  XmlDocPtr doc_;
  xmlNode* root_ = nullptr;
  xmlNs* cac_ = nullptr;
  xmlNs* cbc_ = nullptr;
  std::string error_;
};

void WriteTaxScheme(UblBuilder& b, xmlNode* parent) {
  b.Basic(b.Aggregate(parent, "TaxScheme"), "ID", "VAT");
}

void WriteParty(UblBuilder& b, xmlNode* parent, const InvoiceParty& party, bool with_vat_id) {
  xmlNode* node = b.Aggregate(parent, "Party");
  b.BasicWith(node, "EndpointID", party.enterprise_number, "schemeID", kEnterpriseNumberScheme);
  b.Basic(b.Aggregate(node, "PartyName"), "Name", party.name);
  xmlNode* address = b.Aggregate(node, "PostalAddress");
  b.Basic(address, "StreetName", party.address.street);
  b.Basic(address, "CityName", party.address.city);
  b.Basic(address, "PostalZone", party.address.postal_zone);
  b.Basic(b.Aggregate(address, "Country"), "IdentificationCode", party.address.country_code);
  if (with_vat_id && !party.vat_id.empty()) {
    xmlNode* tax = b.Aggregate(node, "PartyTaxScheme");
    b.Basic(tax, "CompanyID", party.vat_id);
    WriteTaxScheme(b, tax);
  }
  xmlNode* legal = b.Aggregate(node, "PartyLegalEntity");
  b.Basic(legal, "RegistrationName", party.name);
  b.BasicWith(legal, "CompanyID", party.enterprise_number, "schemeID", kEnterpriseNumberScheme);
}

void WriteTaxCategory(UblBuilder& b, xmlNode* category, VatCategory code, int percent,
                      const std::string& exemption_reason) {
  b.Basic(category, "ID", std::string(domain::VatCategoryCode(code)));
  if (code == VatCategory::kStandardRate) {
    b.Basic(category, "Percent", std::to_string(percent));
  } else {
    b.Basic(category, "TaxExemptionReasonCode", kNotSubjectToVatCode);
    b.Basic(category, "TaxExemptionReason", exemption_reason);
  }
  WriteTaxScheme(b, category);
}

common::Result<void> CheckPeppolParties(const Invoice& invoice) {
  if (invoice.seller.enterprise_number.empty() || invoice.buyer.enterprise_number.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "Peppol addresses both parties by their enterprise number", "invalid_invoice");
  }
  if (invoice.buyer_reference.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "Peppol asks for a buyer reference",
                "invalid_invoice");
  }
  return common::Ok();
}

}  // namespace

common::Result<std::string> WriteUblInvoice(const Invoice& invoice) {
  if (auto ok = domain::ValidateInvoice(invoice); !ok) return Fail(ok.error());
  if (auto ok = CheckPeppolParties(invoice); !ok) return Fail(ok.error());
  auto totals = domain::ComputeTotals(invoice);
  if (!totals) return Fail(totals.error());
  EnsureLibxml();

  const bool credit_note = invoice.kind == InvoiceKind::kCreditNote;
  bool subject_to_vat = false;
  for (const auto& row : totals->breakdown) {
    if (row.category != VatCategory::kNotSubjectToVat) subject_to_vat = true;
  }

  UblBuilder b(credit_note ? "CreditNote" : "Invoice",
               credit_note ? kUblCreditNoteNamespace : kUblInvoiceNamespace);
  xmlNode* root = b.root();
  b.Basic(root, "CustomizationID", kPeppolCustomizationId);
  b.Basic(root, "ProfileID", kPeppolProfileId);
  b.Basic(root, "ID", invoice.number);
  b.Basic(root, "IssueDate", Date(invoice.issue_date));
  if (!credit_note && invoice.due_date) b.Basic(root, "DueDate", Date(*invoice.due_date));
  b.Basic(root, credit_note ? "CreditNoteTypeCode" : "InvoiceTypeCode",
          credit_note ? "381" : "380");
  b.Basic(root, "Note", invoice.note);
  b.Basic(root, "DocumentCurrencyCode", kCurrency);
  b.Basic(root, "BuyerReference", invoice.buyer_reference);
  if (invoice.period_start && invoice.period_end) {
    xmlNode* period = b.Aggregate(root, "InvoicePeriod");
    b.Basic(period, "StartDate", Date(*invoice.period_start));
    b.Basic(period, "EndDate", Date(*invoice.period_end));
  }
  if (credit_note) {
    xmlNode* reference =
        b.Aggregate(b.Aggregate(root, "BillingReference"), "InvoiceDocumentReference");
    b.Basic(reference, "ID", invoice.corrected_invoice_number);
    if (invoice.corrected_invoice_date) {
      b.Basic(reference, "IssueDate", Date(*invoice.corrected_invoice_date));
    }
  }
  WriteParty(b, b.Aggregate(root, "AccountingSupplierParty"), invoice.seller, subject_to_vat);
  WriteParty(b, b.Aggregate(root, "AccountingCustomerParty"), invoice.buyer, subject_to_vat);

  // How to pay: by SEPA transfer with the structured communication when something is due; a
  // receipt records that it was paid online. A credit note returns money: nothing to transfer to
  // us.
  if (totals->payable > 0 && !credit_note) {
    xmlNode* means = b.Aggregate(root, "PaymentMeans");
    b.Basic(means, "PaymentMeansCode", kSepaCreditTransfer);
    b.Basic(means, "PaymentID", invoice.payment.structured_communication);
    xmlNode* account = b.Aggregate(means, "PayeeFinancialAccount");
    b.Basic(account, "ID", invoice.payment.iban);
    if (!invoice.payment.bic.empty()) {
      b.Basic(b.Aggregate(account, "FinancialInstitutionBranch"), "ID", invoice.payment.bic);
    }
  } else if (invoice.kind == InvoiceKind::kTopUpReceipt) {
    xmlNode* means = b.Aggregate(root, "PaymentMeans");
    b.Basic(means, "PaymentMeansCode", kOnlinePaymentService);
    b.Basic(means, "PaymentID", invoice.payment.structured_communication);
  } else if (credit_note && invoice.due_date) {
    xmlNode* means = b.Aggregate(root, "PaymentMeans");
    b.Basic(means, "PaymentMeansCode", kSepaCreditTransfer);
    b.Basic(means, "PaymentDueDate", Date(*invoice.due_date));
  }
  if (!invoice.payment_terms.empty()) {
    b.Basic(b.Aggregate(root, "PaymentTerms"), "Note", invoice.payment_terms);
  }

  xmlNode* tax_total = b.Aggregate(root, "TaxTotal");
  b.Amount(tax_total, "TaxAmount", totals->tax);
  for (const auto& row : totals->breakdown) {
    xmlNode* subtotal = b.Aggregate(tax_total, "TaxSubtotal");
    b.Amount(subtotal, "TaxableAmount", row.taxable);
    b.Amount(subtotal, "TaxAmount", row.tax);
    WriteTaxCategory(b, b.Aggregate(subtotal, "TaxCategory"), row.category, row.percent,
                     row.exemption_reason);
  }

  xmlNode* monetary = b.Aggregate(root, "LegalMonetaryTotal");
  b.Amount(monetary, "LineExtensionAmount", totals->line_total);
  b.Amount(monetary, "TaxExclusiveAmount", totals->tax_exclusive);
  b.Amount(monetary, "TaxInclusiveAmount", totals->tax_inclusive);
  if (totals->prepaid != 0) b.Amount(monetary, "PrepaidAmount", totals->prepaid);
  b.Amount(monetary, "PayableAmount", totals->payable);

  for (const auto& line : invoice.lines) {
    auto net = line.Net();
    if (!net) return Fail(net.error());
    xmlNode* node = b.Aggregate(root, credit_note ? "CreditNoteLine" : "InvoiceLine");
    b.Basic(node, "ID", line.id);
    b.BasicWith(node, credit_note ? "CreditedQuantity" : "InvoicedQuantity",
                std::to_string(line.quantity), "unitCode", line.unit_code);
    b.Amount(node, "LineExtensionAmount", *net);
    xmlNode* item = b.Aggregate(node, "Item");
    b.Basic(item, "Name", line.description);
    xmlNode* category = b.Aggregate(item, "ClassifiedTaxCategory");
    b.Basic(category, "ID", std::string(domain::VatCategoryCode(line.vat_category)));
    if (line.vat_category == VatCategory::kStandardRate) {
      b.Basic(category, "Percent", std::to_string(line.vat_percent));
    }
    WriteTaxScheme(b, category);
    b.Amount(b.Aggregate(node, "Price"), "PriceAmount", line.unit_price);
  }
  return b.Serialize();
}

}  // namespace sealpost::adapters::invoice
