#include "http/web/static_routes.hpp"

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "common/bytes.hpp"
#include "common/sha256.hpp"
#include "http/http_response.hpp"

namespace sealpost::http::web {

namespace {

struct Asset {
  std::string content_type;
  std::string body;
  std::string etag;
};

const char* ContentTypeOf(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  return nullptr;
}

}  // namespace

common::Result<void> AddStaticRoutes(Router& router, const std::filesystem::path& directory) {
  auto assets = std::make_shared<std::map<std::string, Asset, std::less<>>>();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    if (!entry.is_regular_file()) continue;
    const char* type = ContentTypeOf(entry.path());
    if (type == nullptr) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in) {
      return common::Fail(common::ErrorCode::kInvalidArgument,
                          "cannot read static file " + entry.path().string());
    }
    Asset asset{type, buffer.str(), ""};
    asset.etag = "\"" + common::HexEncode(common::Sha256(asset.body)).substr(0, 32) + "\"";
    assets->emplace(entry.path().filename().string(), std::move(asset));
  }
  if (ec) {
    return common::Fail(
        common::ErrorCode::kInvalidArgument,
        "cannot read the static directory " + directory.string() + ": " + ec.message());
  }
  router.Add("GET", "/static/{file}", [assets](const HttpRequest& request) {
    auto it = assets->find(*request.Param("file"));
    if (it == assets->end()) return HttpResponse::Text(404, "not found");
    const Asset& asset = it->second;
    if (request.Header("If-None-Match") == std::optional<std::string_view>(asset.etag)) {
      return HttpResponse::Empty(304).SetHeader("ETag", asset.etag);
    }
    return HttpResponse::Bytes(200, asset.content_type, asset.body)
        .SetHeader("ETag", asset.etag)
        .SetHeader("Cache-Control", "public, max-age=3600");
  });
  return common::Ok();
}

}  // namespace sealpost::http::web
