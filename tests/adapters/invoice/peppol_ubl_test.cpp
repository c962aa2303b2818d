// The Peppol BIS Billing 3.0 specifics of REFERENCE.md §7, read back from the written XML.
#include <gtest/gtest.h>

#include "adapters/invoice/ubl_invoice_writer.hpp"
#include "adapters/invoice/ubl_test_support.hpp"
#include "domain/belgian_identifiers.hpp"
#include "domain/invoice_number.hpp"

namespace sealpost::adapters::invoice {
namespace {

using testing::XmlQuery;

std::string Write(const domain::Invoice& invoice) {
  auto xml = WriteUblInvoice(invoice);
  EXPECT_TRUE(xml.has_value()) << xml.error().ToString();
  return xml.value_or("");
}

void ExpectPeppolHeaderAndParties(const XmlQuery& doc, const std::string& root) {
  EXPECT_EQ(doc.String(root + "/cbc:CustomizationID"),
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
  EXPECT_EQ(doc.String(root + "/cbc:ProfileID"), "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
  EXPECT_EQ(doc.String(root + "/cbc:DocumentCurrencyCode"), "EUR");
  EXPECT_NE(doc.String(root + "/cbc:BuyerReference"), "");
  for (const std::string party : {"AccountingSupplierParty", "AccountingCustomerParty"}) {
    std::string at = root + "/cac:" + party + "/cac:Party";
    EXPECT_EQ(doc.String(at + "/cbc:EndpointID/@schemeID"), "0208") << party;
    std::string endpoint = doc.String(at + "/cbc:EndpointID");
    auto number = domain::EnterpriseNumber::Parse(endpoint);
    EXPECT_TRUE(number && number->digits == endpoint) << party << " " << endpoint;
    EXPECT_NE(doc.String(at + "/cac:PartyLegalEntity/cbc:RegistrationName"), "") << party;
    EXPECT_EQ(doc.String(at + "/cac:PostalAddress/cac:Country/cbc:IdentificationCode"), "BE");
  }
  EXPECT_EQ(doc.Number("count(" + root + "/cac:TaxTotal)"), 1);
  // No empty elements anywhere.
  EXPECT_EQ(doc.Number("count(//*[not(*) and normalize-space(.) = ''])"), 0);
  // Every amount is in euros with two decimals.
  EXPECT_EQ(doc.Number("count(//*[@currencyID != 'EUR'])"), 0);
  EXPECT_EQ(doc.Number("count(//*[@currencyID][not(contains(., '.')) or "
                       "string-length(substring-after(., '.')) != 2])"),
            0);
}

TEST(PeppolUbl, MonthlyInvoiceCarriesTheBelgianPaymentDetails) {
  domain::Invoice invoice = testing::SampleMonthlyInvoice();
  XmlQuery doc(Write(invoice));
  ASSERT_TRUE(doc.parsed());
  ExpectPeppolHeaderAndParties(doc, "/ubl:Invoice");
  EXPECT_EQ(doc.String("/ubl:Invoice/cbc:InvoiceTypeCode"), "380");
  EXPECT_EQ(doc.String("/ubl:Invoice/cbc:ID"), "2026-000042");
  EXPECT_EQ(doc.String("/ubl:Invoice/cbc:DueDate"), "2026-12-31");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:InvoicePeriod/cbc:StartDate"), "2026-11-01");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:PaymentMeans/cbc:PaymentMeansCode"), "58");
  std::string payment_id = doc.String("/ubl:Invoice/cac:PaymentMeans/cbc:PaymentID");
  EXPECT_TRUE(domain::IsValidStructuredCommunication(payment_id)) << payment_id;
  EXPECT_EQ(payment_id, domain::InvoiceNumber({2026, 42}).StructuredCommunication());
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"),
            "BE68539007547034");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/"
                       "cbc:CompanyID"),
            "BE0566988259");
  // 802.10 + 15.00 + 3.70 + 113.30 = 934.10; 21 % = 196.161 → 196.16.
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:TaxTotal/cbc:TaxAmount"), "196.16");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID"), "S");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent"),
            "21");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount"), "934.10");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"), "1130.26");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"), "1130.26");
  EXPECT_EQ(doc.Number("count(/ubl:Invoice/cac:InvoiceLine)"), 4);
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:InvoiceLine[1]/cbc:InvoicedQuantity/@unitCode"), "C62");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:InvoiceLine[1]/cbc:LineExtensionAmount"), "802.10");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:InvoiceLine[1]/cac:Price/cbc:PriceAmount"), "0.65");
}

TEST(PeppolUbl, TextIsEscapedNotConcatenated) {
  XmlQuery doc(Write(testing::SampleMonthlyInvoice()));
  ASSERT_TRUE(doc.parsed());
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name"),
            "Dupont & Fils <Logistics> NV");
}

TEST(PeppolUbl, TopUpReceiptIsPaidAndCarriesNoVatIdentifiers) {
  XmlQuery doc(Write(testing::SampleTopUpReceipt()));
  ASSERT_TRUE(doc.parsed());
  ExpectPeppolHeaderAndParties(doc, "/ubl:Invoice");
  EXPECT_EQ(doc.String("/ubl:Invoice/cbc:InvoiceTypeCode"), "380");
  EXPECT_EQ(doc.Number("count(//cac:PartyTaxScheme)"), 0);  // BR-O-02
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID"), "O");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:LegalMonetaryTotal/cbc:PrepaidAmount"), "50.00");
  EXPECT_EQ(doc.String("/ubl:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"), "0.00");
  EXPECT_TRUE(domain::IsValidStructuredCommunication(
      doc.String("/ubl:Invoice/cac:PaymentMeans/cbc:PaymentID")));
}

TEST(PeppolUbl, CreditNoteIsASeparateDocumentThatReferencesTheInvoice) {
  XmlQuery doc(Write(testing::SampleCreditNote()));
  ASSERT_TRUE(doc.parsed());
  ExpectPeppolHeaderAndParties(doc, "/cn:CreditNote");
  EXPECT_EQ(doc.String("/cn:CreditNote/cbc:CreditNoteTypeCode"), "381");
  EXPECT_EQ(doc.String("/cn:CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
            "2026-000042");
  EXPECT_EQ(doc.Number("count(/cn:CreditNote/cac:CreditNoteLine)"), 1);
  EXPECT_EQ(doc.String("/cn:CreditNote/cac:CreditNoteLine/cbc:CreditedQuantity"), "2");
  // 2 × 0.65 = 1.30 + 0.27 VAT (0.273), in positive amounts.
  EXPECT_EQ(doc.String("/cn:CreditNote/cac:LegalMonetaryTotal/cbc:PayableAmount"), "1.57");
}

TEST(PeppolUbl, RefusesDocumentsPeppolCannotCarry) {
  domain::Invoice no_endpoint = testing::SampleMonthlyInvoice();
  no_endpoint.buyer.enterprise_number.clear();  // a private person
  no_endpoint.buyer.vat_id.clear();
  EXPECT_FALSE(WriteUblInvoice(no_endpoint).has_value());

  domain::Invoice no_reference = testing::SampleMonthlyInvoice();
  no_reference.buyer_reference.clear();
  EXPECT_FALSE(WriteUblInvoice(no_reference).has_value());

  domain::Invoice invalid = testing::SampleMonthlyInvoice();
  invalid.lines.clear();
  EXPECT_FALSE(WriteUblInvoice(invalid).has_value());

  domain::Invoice control_char = testing::SampleMonthlyInvoice();
  control_char.lines[0].description = "Delivery\x01";
  auto refused = WriteUblInvoice(control_char);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, common::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sealpost::adapters::invoice
