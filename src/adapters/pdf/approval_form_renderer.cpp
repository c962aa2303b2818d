#include "adapters/pdf/approval_form_renderer.hpp"

#include "adapters/pdf/approval_form_document.hpp"
#include "ui/language.hpp"

namespace sealpost::adapters::pdf {

common::Result<std::string> PdfApprovalFormRenderer::Render(const app::ApprovalFormContent& content,
                                                            std::string_view language) {
  // Exactly the four codes: a tag like "fr-CH" is the HTTP layer's to negotiate, not ours.
  const auto parsed = ui::LanguageFromTag(language);
  if (!parsed || ui::LanguageCode(*parsed) != language) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "the approval form language must be nl, fr, en or de");
  }
  return renderer_.Render(ComposeApprovalFormDocument(content, *parsed, translator_));
}

}  // namespace sealpost::adapters::pdf
