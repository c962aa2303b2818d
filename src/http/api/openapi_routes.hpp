// The API's own documentation (PRODUCT.md §7): GET /api/v1/openapi.json serves the OpenAPI 3.1
// description (web/api/openapi.json, the contract the integration tests check every response
// against) and GET /api/docs a page that renders it with Swagger UI, served from our origin under
// the pages' Content-Security-Policy (no inline script). Both are anonymous. Every file is read
// once at start-up and served from memory with a content-hash ETag; thread-safe afterwards.
#pragma once

#include <filesystem>

#include "common/result.hpp"
#include "http/router.hpp"

namespace sealpost::http::api {

struct OpenApiDocs {
  // web/api: openapi.json, and the page (docs.html) with its own script and stylesheet.
  std::filesystem::path directory;
  // The pinned npm package swagger-ui-dist (node_modules/swagger-ui-dist). When it is missing the
  // page still answers and links to the description; a warning is logged at start-up.
  std::filesystem::path renderer_directory;
};

// kInvalidArgument when the description or the page cannot be read or the description is not JSON
// (fail fast at start-up).
common::Result<void> AddOpenApiRoutes(Router& router, const OpenApiDocs& docs);

}  // namespace sealpost::http::api
