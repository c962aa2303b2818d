// PdfApprovalFormRenderer: the ApprovalFormRenderer that writes the form with the message
// catalogue (ComposeApprovalFormDocument) and renders it with a PdfRenderer. The form is not
// sealed: the representative's own signature goes into its empty signature field, and sealpost
// recognises its form by the reference, checked against the stored request.
// Thread-safety: Render may be called concurrently; the translator and renderer it holds are
// thread-safe and must outlive it.
#pragma once

#include "app/ports/approval_form_renderer.hpp"
#include "app/ports/pdf_renderer.hpp"
#include "ui/translator.hpp"

namespace sealpost::adapters::pdf {

class PdfApprovalFormRenderer final : public app::ApprovalFormRenderer {
 public:
  PdfApprovalFormRenderer(const ui::Translator& translator, app::PdfRenderer& renderer)
      : translator_(translator), renderer_(renderer) {}

  common::Result<std::string> Render(const app::ApprovalFormContent& content,
                                     std::string_view language) override;

 private:
  const ui::Translator& translator_;
  app::PdfRenderer& renderer_;
};

}  // namespace sealpost::adapters::pdf
