// Peppol BIS Billing 3.0 (UBL 2.1) XML of a sealpost invoice, receipt or credit note
// (REFERENCE.md §7): what a Belgian business customer's accounting software or Peppol access point
// reads. Built with libxml2 so every text is escaped; no element is written empty.
//
// Written: CustomizationID and ProfileID of Peppol BIS 3.0; Invoice with type code 380 (invoices
// and top-up receipts) or CreditNote with 381 and a BillingReference to the corrected invoice;
// currency EUR; seller and buyer with EndpointID schemeID="0208" (the enterprise number), name,
// postal address with country, VAT id (omitted on documents not subject to VAT, BR-O-02) and legal
// entity; BuyerReference; PaymentMeans 58 (SEPA credit transfer) with the seller's IBAN and
// PaymentID = the structured communication when something is payable (a paid receipt says 68,
// online payment service); the due date (for a credit note in PaymentMeans, as UBL's CreditNote
// has no DueDate) or payment terms; one TaxTotal with a subtotal per VAT category and rate;
// LegalMonetaryTotal; one line per invoice line. Amounts come from domain::ComputeTotals.
// Thread-safe: each call builds its own document.
#pragma once

#include <string>

#include "common/result.hpp"
#include "domain/invoice.hpp"

namespace sealpost::adapters::invoice {

inline constexpr const char* kPeppolCustomizationId =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
inline constexpr const char* kPeppolProfileId = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
inline constexpr const char* kUblInvoiceNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
inline constexpr const char* kUblCreditNoteNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
inline constexpr const char* kUblCacNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
inline constexpr const char* kUblCbcNamespace =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

// The UTF-8 XML document. Fails with kInvalidArgument when the invoice does not pass
// domain::ValidateInvoice, when a party has no enterprise number (Peppol addresses parties by it;
// a private person gets the PDF only), when the buyer reference is empty, or when a text is not
// valid XML character data.
common::Result<std::string> WriteUblInvoice(const domain::Invoice& invoice);

}  // namespace sealpost::adapters::invoice
