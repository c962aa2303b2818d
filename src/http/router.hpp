// Router: the one route table of the service. Patterns are '/'-separated segments, each a literal,
// a parameter "{name}" (one decoded segment) or, last only, "{name...}" (the decoded rest of the
// path, segments joined by '/'). Matching is per segment on the percent-encoded path, so "%2F"
// inside an id never splits it. When several patterns match, the most specific wins (literal
// before "{name}" before "{name...}", compared left to right), e.g. "/items/export" beats
// "/items/{id}". Unknown path → 404 problem; known path, other method → 405 problem with Allow.
//
// Thread-safety: Add() during start-up only; once the server runs, the table is read-only and
// Resolve()/Handle() may be called from any number of threads — so handlers run concurrently and
// must be thread-safe themselves.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_request.hpp"
#include "http/http_response.hpp"

namespace sealpost::http {

class Router {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  enum class MatchStatus { kFound, kNotFound, kMethodNotAllowed, kBadPath };

  struct Match {
    MatchStatus status = MatchStatus::kNotFound;
    const Handler* handler = nullptr;  // set when kFound; points into the router
    std::string pattern;               // set when kFound
    std::map<std::string, std::string, std::less<>> params;
    std::vector<std::string> allowed_methods;  // set when kMethodNotAllowed, sorted
    std::string error;                         // set when kBadPath (malformed percent-encoding)
  };

  // Registers a route. A malformed pattern or a second route with the same method and the same
  // pattern shape is a programming error: throws std::invalid_argument at start-up.
  void Add(std::string_view method, std::string_view pattern, Handler handler);

  Match Resolve(std::string_view method, std::string_view raw_path) const;

  // Resolves `request.raw_path`, fills request.route and request.route_params and calls the
  // handler; answers 404/405/400 problems itself. Exceptions from the handler propagate (the
  // server turns them into a 500).
  HttpResponse Handle(HttpRequest& request) const;

 private:
  enum class SegmentKind { kLiteral = 0, kParam = 1, kRest = 2 };
  struct Segment {
    SegmentKind kind;
    std::string text;  // literal text or parameter name
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::string shape;  // pattern with parameter names erased, for duplicate detection
    std::vector<Segment> segments;
    Handler handler;
  };

  static bool MatchSegments(const Route& route, const std::vector<std::string>& path_segments,
                            std::map<std::string, std::string, std::less<>>* params);

  std::vector<Route> routes_;
};

}  // namespace sealpost::http
