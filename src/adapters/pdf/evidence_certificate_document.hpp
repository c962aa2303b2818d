// The evidence certificate as a PdfDocument in one language: the item, the sender and the
// recipient with their identities, the events with their time-stamped times and evidence ids,
// the attachments with size and SHA-256, and how to verify it (QR code and printed URL of the
// public verification page). Wording comes from the catalogue (certificate.* keys), formatting
// from the language's ui::Formatter; no value is invented: every fact comes from the content.
// Thread-safety: a pure function of its arguments (the Translator is thread-safe).
#pragma once

#include <string>

#include "app/ports/certificate_renderer.hpp"
#include "app/ports/pdf_renderer.hpp"
#include "ui/language.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::pdf {

// `verification_url`: the public verification page, printed and encoded in the QR code.
app::PdfDocument ComposeCertificateDocument(const app::CertificateContent& content,
                                            ui::Language language, const ui::Translator& translator,
                                            const std::string& verification_url);

// BCP 47 tag written as the PDF's /Lang: "nl-BE", "fr-BE", "en", "de-BE".
std::string CertificateLanguageTag(ui::Language language);

}  // namespace sealpost::adapters::pdf
