// GET /static/{file}: the stylesheet and other static assets of web/static, read once at start-up
// (a handful of small files) and served from memory with a content hash as ETag. Only known file
// types are served, only from that directory (no sub-paths). Thread-safe after construction.
#pragma once

#include <filesystem>

#include "common/result.hpp"
#include "http/router.hpp"

namespace sealpost::http::web {

// kInvalidArgument when the directory cannot be read (fail fast at start-up).
common::Result<void> AddStaticRoutes(Router& router, const std::filesystem::path& directory);

}  // namespace sealpost::http::web
