#include "main/subscription_setup.hpp"

#include "adapters/crypto/pem.hpp"
#include "adapters/files/atomic_file.hpp"
#include "adapters/pdf/approval_form_renderer.hpp"
#include "adapters/pdf/pdf_signature_inspector.hpp"
#include "app/usecases/subscription_requests.hpp"
#include "app/usecases/subscription_review.hpp"
#include "http/web/subscription_pages.hpp"
#include "http/web/subscription_review_pages.hpp"

namespace sealpost::main {

struct SubscriptionModule {
  std::unique_ptr<adapters::pdf::PdfApprovalFormRenderer> forms;
  std::unique_ptr<adapters::pdf::OpenSslPdfSignatureInspector> inspector;
  std::unique_ptr<app::SubscriptionRequests> requests;
  std::unique_ptr<app::SubscriptionReview> review;
};

void SubscriptionModuleDeleter::operator()(SubscriptionModule* module) const { delete module; }

namespace {

common::Result<void> AddAnchors(const std::string& pem, const std::string& source,
                                std::vector<common::Bytes>& out) {
  auto certificates = adapters::crypto::CertificatesFromPem(pem);
  if (!certificates || certificates->empty()) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        "[subscription] trust_anchors: no certificate in " + source);
  }
  for (auto& certificate : *certificates) {
    auto der = adapters::crypto::CertificateToDer(certificate.get());
    if (!der) return common::Fail(der.error());
    out.push_back(std::move(*der));
  }
  return common::Ok();
}

}  // namespace

common::Result<SubscriptionModulePtr> AddSubscriptionProcedure(
    http::Router& router, const http::web::WebContext& web, const Config& config,
    const SubscriptionDependencies& deps) {
  app::SubscriptionSettings settings;
  settings.max_document_bytes = config.subscription.max_document_bytes;
  settings.provider_name = config.provider.name;
  settings.public_base_url = config.identity.public_base_url;
  for (const auto& path : config.subscription.trust_anchors) {
    auto pem = adapters::files::ReadWholeFile(path);
    if (!pem) return common::Fail(pem.error());
    if (auto ok = AddAnchors(*pem, path.string(), settings.trust_anchors_der); !ok) {
      return common::Fail(ok.error());
    }
  }
  if (!deps.demo_root_pem.empty()) {
    if (auto ok = AddAnchors(deps.demo_root_pem, "the demo PKI", settings.trust_anchors_der); !ok) {
      return common::Fail(ok.error());
    }
  }
  SubscriptionModulePtr module(new SubscriptionModule);
  module->forms =
      std::make_unique<adapters::pdf::PdfApprovalFormRenderer>(deps.translator, deps.pdf_renderer);
  module->inspector = std::make_unique<adapters::pdf::OpenSslPdfSignatureInspector>(deps.clock);
  module->requests = std::make_unique<app::SubscriptionRequests>(
      deps.database, deps.blobs, deps.cipher, *module->forms, *module->inspector, deps.clock,
      deps.random, settings);
  module->review = std::make_unique<app::SubscriptionReview>(deps.database, deps.blobs, deps.cipher,
                                                             deps.clock, deps.random, settings);
  http::web::AddSubscriptionPages(router, {web, *module->requests, settings.max_document_bytes});
  http::web::AddSubscriptionReviewPages(router, {web, *module->review});
  return module;
}

}  // namespace sealpost::main
