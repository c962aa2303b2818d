// The company subscription's approval form as a PdfDocument in one language: what is approved
// (company, enterprise number, registered office), by whose request, who may sign, the terms, and
// one signature box per legal representative (an empty PDF signature field each, named
// "representative_1", "representative_2", …). The request reference is printed and encoded in the
// QR code. Wording from the catalogue (subscription.form.* keys); no value is invented.
// Thread-safety: a pure function of its arguments (the Translator is thread-safe).
#pragma once

#include <string>

#include "app/ports/approval_form_renderer.hpp"
#include "app/ports/pdf_renderer.hpp"
#include "ui/language.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::pdf {

app::PdfDocument ComposeApprovalFormDocument(const app::ApprovalFormContent& content,
                                             ui::Language language,
                                             const ui::Translator& translator);

// The name of the n-th (0-based) representative's signature field.
std::string ApprovalSignatureFieldName(std::size_t index);

}  // namespace sealpost::adapters::pdf
