// Router: maps a method and a path to a handler. Patterns are literal
// segments and `{name}` captures ("/api/v1/tasks/{id}/claim"); a capture
// matches exactly one non-empty segment. Routes are tried in the order they
// were added.
//
// Every route takes its access rule from the role matrix the router was made
// with (portal/web/access_policy.h): adding a route the matrix does not list
// is a programming error and throws std::logic_error at start-up.
//
// Thread-safety: add routes before serving; after that, match() is const and
// may run on every server thread at once.
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "portal/web/access_policy.h"
#include "portal/web/api_request.h"

namespace portal::web {

using RouteHandler = std::function<ApiResponse(const ApiRequest&)>;

class Router {
 public:
  // `policy` must outlive the router (the hall's is static).
  explicit Router(std::span<const EndpointRule> policy = accessPolicy()) : policy_(policy) {}

  // Throws std::logic_error when the policy has no rule for method and pattern.
  void add(std::string method, std::string_view pattern, RouteHandler handler);

  struct Match {
    enum class Kind { Found, NoSuchPath, MethodNotAllowed };
    Kind kind = Kind::NoSuchPath;
    const RouteHandler* handler = nullptr;      // set when Found
    const EndpointRule* rule = nullptr;         // set when Found
    std::map<std::string, std::string> params;  // decoded captures, when Found
    std::vector<std::string> allowed;           // methods of the path, when MethodNotAllowed
  };

  // `path` is the raw (still percent-encoded) path; captures are decoded
  // one segment at a time, so "%2F" inside an id stays inside that id.
  Match match(std::string_view method, std::string_view raw_path) const;

 private:
  struct Segment {
    std::string text;
    bool capture = false;
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
    RouteHandler handler;
    const EndpointRule* rule = nullptr;
  };

  static std::vector<std::string_view> split(std::string_view path);

  std::span<const EndpointRule> policy_;
  std::vector<Route> routes_;
};

}  // namespace portal::web
