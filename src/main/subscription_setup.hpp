// Wires the company subscription procedure (PRODUCT.md §3) into the application: the approval form
// renderer, the PDF signature inspector with the configured trust anchors (plus the demo PKI's root
// in demo mode), the requester's and the operator's use cases, and their pages. Kept apart from
// application.cpp so that the procedure is added with one call. The module owns what it builds;
// it must outlive the router's handlers (the Application keeps it).
#pragma once

#include <memory>
#include <string>

#include "app/ports/blob_store.hpp"
#include "app/ports/content_cipher.hpp"
#include "app/ports/database.hpp"
#include "app/ports/pdf_renderer.hpp"
#include "common/clock.hpp"
#include "common/random.hpp"
#include "common/result.hpp"
#include "http/router.hpp"
#include "http/web/web_context.hpp"
#include "main/config.hpp"
#include "ui/translator.hpp"

namespace sealpost::main {

struct SubscriptionModule;

struct SubscriptionModuleDeleter {
  void operator()(SubscriptionModule* module) const;
};
using SubscriptionModulePtr = std::unique_ptr<SubscriptionModule, SubscriptionModuleDeleter>;

struct SubscriptionDependencies {
  app::Database& database;
  app::BlobStore& blobs;
  app::ContentCipher& cipher;
  const ui::Translator& translator;
  app::PdfRenderer& pdf_renderer;
  const common::Clock& clock;
  common::Random& random;
  std::string demo_root_pem;  // the demo PKI's root in demo mode, else empty
};

// Reads the trust anchors (kInvalidArgument naming a file that holds no certificate) and adds the
// routes of /account/subscription and /operator/subscriptions.
common::Result<SubscriptionModulePtr> AddSubscriptionProcedure(
    http::Router& router, const http::web::WebContext& web, const Config& config,
    const SubscriptionDependencies& deps);

}  // namespace sealpost::main
