#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "http/problem.hpp"

namespace sealpost::http {

namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  // "/a/b" → {"a","b"}; "/" → {""}; "/a/" → {"a",""}: a trailing slash is significant.
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) {
      break;
    }
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsParamName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsToken(std::string_view method) {
  return !method.empty() && std::all_of(method.begin(), method.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  });
}

}  // namespace

void Router::Add(std::string_view method, std::string_view pattern, Handler handler) {
  const auto fail = [&](std::string_view why) {
    throw std::invalid_argument("route " + std::string(method) + " " + std::string(pattern) + ": " +
                                std::string(why));
  };
  if (!IsToken(method)) fail("method must be an upper-case token");
  if (pattern.empty() || pattern.front() != '/') fail("pattern must start with '/'");
  if (pattern.find_first_of("?#%") != std::string_view::npos) {
    fail("pattern must not contain '?', '#' or '%'");
  }
  if (!handler) fail("handler is empty");

  Route route;
  route.method = std::string(method);
  route.pattern = std::string(pattern);
  const std::vector<std::string_view> parts = SplitPath(pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (part.starts_with('{')) {
      if (!part.ends_with('}')) fail("a parameter segment must be exactly \"{name}\"");
      std::string_view name = part.substr(1, part.size() - 2);
      SegmentKind kind = SegmentKind::kParam;
      if (name.ends_with("...")) {
        if (i + 1 != parts.size()) fail("\"{name...}\" must be the last segment");
        name.remove_suffix(3);
        kind = SegmentKind::kRest;
      }
      if (!IsParamName(name)) fail("parameter names are [A-Za-z0-9_]+");
      for (const Segment& existing : route.segments) {
        if (existing.kind != SegmentKind::kLiteral && existing.text == name) {
          fail("duplicate parameter name");
        }
      }
      route.segments.push_back({kind, std::string(name)});
      route.shape += kind == SegmentKind::kRest ? "/{...}" : "/{}";
    } else {
      if (part.find_first_of("{}") != std::string_view::npos) {
        fail("braces are only allowed around a whole segment");
      }
      route.segments.push_back({SegmentKind::kLiteral, std::string(part)});
      route.shape += "/" + std::string(part);
    }
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && existing.shape == route.shape) {
      fail("conflicts with the already registered " + existing.pattern);
    }
  }
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

bool Router::MatchSegments(const Route& route, const std::vector<std::string>& path_segments,
                           std::map<std::string, std::string, std::less<>>* params) {
  const std::size_t count = route.segments.size();
  const bool has_rest = count > 0 && route.segments.back().kind == SegmentKind::kRest;
  if (has_rest ? path_segments.size() < count : path_segments.size() != count) {
    return false;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const Segment& segment = route.segments[i];
    switch (segment.kind) {
      case SegmentKind::kLiteral:
        if (segment.text != path_segments[i]) return false;
        break;
      case SegmentKind::kParam:
        // An empty segment ("/items//x") never fills a parameter.
        if (path_segments[i].empty()) return false;
        if (params) (*params)[segment.text] = path_segments[i];
        break;
      case SegmentKind::kRest: {
        std::string rest;
        for (std::size_t j = i; j < path_segments.size(); ++j) {
          if (j > i) rest += '/';
          rest += path_segments[j];
        }
        if (rest.empty()) return false;
        if (params) (*params)[segment.text] = std::move(rest);
        break;
      }
    }
  }
  return true;
}

Router::Match Router::Resolve(std::string_view method, std::string_view raw_path) const {
  Match match;
  if (raw_path.empty() || raw_path.front() != '/') {
    match.status = MatchStatus::kBadPath;
    match.error = "the request target must be an absolute path";
    return match;
  }
  std::vector<std::string> segments;
  for (const std::string_view raw : SplitPath(raw_path)) {
    auto decoded = PercentDecode(raw);
    if (!decoded) {
      match.status = MatchStatus::kBadPath;
      match.error = decoded.error().message;
      return match;
    }
    segments.push_back(std::move(*decoded));
  }

  const Route* best = nullptr;
  const auto more_specific = [](const Route& a, const Route& b) {
    const std::size_t n = std::min(a.segments.size(), b.segments.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (a.segments[i].kind != b.segments[i].kind) {
        return a.segments[i].kind < b.segments[i].kind;
      }
    }
    return a.segments.size() > b.segments.size();
  };
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    if (!MatchSegments(route, segments, nullptr)) {
      continue;
    }
    if (route.method != method) {
      allowed.push_back(route.method);
      continue;
    }
    if (best == nullptr || more_specific(route, *best)) {
      best = &route;
    }
  }
  if (best != nullptr) {
    match.status = MatchStatus::kFound;
    match.handler = &best->handler;
    match.pattern = best->pattern;
    MatchSegments(*best, segments, &match.params);
    return match;
  }
  if (!allowed.empty()) {
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    match.status = MatchStatus::kMethodNotAllowed;
    match.allowed_methods = std::move(allowed);
    return match;
  }
  match.status = MatchStatus::kNotFound;
  return match;
}

HttpResponse Router::Handle(HttpRequest& request) const {
  Match match = Resolve(request.method, request.raw_path);
  ProblemOptions options;
  options.instance = request.raw_path;
  options.request_id = request.request_id;
  switch (match.status) {
    case MatchStatus::kFound:
      request.route = std::move(match.pattern);
      request.route_params = std::move(match.params);
      return (*match.handler)(request);
    case MatchStatus::kBadPath:
      return ProblemResponse(400, "malformed_url", "Malformed URL", match.error, options);
    case MatchStatus::kMethodNotAllowed: {
      std::string allow;
      for (const std::string& method : match.allowed_methods) {
        if (!allow.empty()) allow += ", ";
        allow += method;
      }
      HttpResponse response = ProblemResponse(
          405, "method_not_allowed", "Method not allowed",
          "This resource does not support " + request.method + "; allowed: " + allow + ".",
          options);
      response.headers.Set("Allow", allow);
      return response;
    }
    case MatchStatus::kNotFound:
      break;
  }
  return ProblemResponse(404, "not_found", "Not found", "There is no resource at this path.",
                         options);
}

}  // namespace sealpost::http
