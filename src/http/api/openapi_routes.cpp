#include "http/api/openapi_routes.hpp"

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "http/http_response.hpp"
#include "http/web/web_context.hpp"

namespace sealpost::http::api {

namespace {

struct Asset {
  std::string content_type;
  std::string body;
  std::string etag;
};

using Assets = std::map<std::string, Asset, std::less<>>;

common::Result<Asset> ReadAsset(const std::filesystem::path& file, std::string content_type) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (!in) {
    return common::Fail(common::ErrorCode::kInvalidArgument, "cannot read " + file.string());
  }
  Asset asset{std::move(content_type), buffer.str(), ""};
  asset.etag = "\"" + common::HexEncode(common::Sha256(asset.body)).substr(0, 32) + "\"";
  return asset;
}

// 304 when the client has this version, else the asset with its validators.
HttpResponse Serve(const HttpRequest& request, const Asset& asset, std::string_view cache_control) {
  if (request.Header("If-None-Match") == std::optional<std::string_view>(asset.etag)) {
    return HttpResponse::Empty(304).SetHeader("ETag", asset.etag);
  }
  return HttpResponse::Bytes(200, asset.content_type, asset.body)
      .SetHeader("ETag", asset.etag)
      .SetHeader("Cache-Control", std::string(cache_control));
}

}  // namespace

common::Result<void> AddOpenApiRoutes(Router& router, const OpenApiDocs& docs) {
  auto description = ReadAsset(docs.directory / "openapi.json", "application/json");
  if (!description) return common::Fail(description.error());
  if (!nlohmann::json::accept(description->body)) {
    return common::Fail(common::ErrorCode::kInvalidArgument,
                        (docs.directory / "openapi.json").string() + " is not valid JSON");
  }
  auto page = ReadAsset(docs.directory / "docs.html", "text/html; charset=utf-8");
  if (!page) return common::Fail(page.error());

  auto assets = std::make_shared<Assets>();
  for (const auto& [name, type] : {std::pair{"docs.js", "text/javascript; charset=utf-8"},
                                   std::pair{"docs.css", "text/css; charset=utf-8"}}) {
    auto asset = ReadAsset(docs.directory / name, type);
    if (!asset) return common::Fail(asset.error());
    assets->emplace(name, std::move(*asset));
  }
  for (const auto& [name, type] :
       {std::pair{"swagger-ui-bundle.js", "text/javascript; charset=utf-8"},
        std::pair{"swagger-ui.css", "text/css; charset=utf-8"}}) {
    auto asset = ReadAsset(docs.renderer_directory / name, type);
    if (!asset) {
      std::fprintf(stderr,
                   "level=warn event=api_docs_renderer_missing file=%s hint=\"run npm ci\"\n",
                   (docs.renderer_directory / name).c_str());
      continue;
    }
    assets->emplace(name, std::move(*asset));
  }

  router.Add(
      "GET", "/api/v1/openapi.json",
      [description = std::make_shared<Asset>(std::move(*description))](const HttpRequest& request) {
        // Revalidated after five minutes: a new release is seen soon, a 304 costs little.
        return Serve(request, *description, "public, max-age=300");
      });
  router.Add("GET", "/api/docs",
             [page = std::make_shared<Asset>(std::move(*page))](const HttpRequest&) {
               HttpResponse response = HttpResponse::Bytes(200, page->content_type, page->body);
               web::AddPageHeaders(response);
               return response;
             });
  router.Add("GET", "/api/docs/{file}", [assets](const HttpRequest& request) {
    auto it = assets->find(*request.Param("file"));
    if (it == assets->end()) return HttpResponse::Text(404, "not found");
    return Serve(request, it->second, "public, max-age=3600");
  });
  return common::Ok();
}

}  // namespace sealpost::http::api
