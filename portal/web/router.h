// Router: maps a method and a path to a handler. Patterns are literal
// segments and `{name}` captures ("/api/v1/tasks/{id}/claim"); a capture
// matches exactly one non-empty segment. Routes are tried in the order they
// were added.
//
// Thread-safety: add routes before serving; after that, match() is const and
// may run on every server thread at once.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "portal/web/api_request.h"

namespace portal::web {

using RouteHandler = std::function<ApiResponse(const ApiRequest&)>;

// Who may call a route: the holders of the admin token (every /api/ route
// by default); those and the hall's devices, with their device key (a ticket
// machine taking a ticket); or anyone (what a visitor's QR code opens).
enum class Access { Token, Device, Public };

class Router {
 public:
  void add(std::string method, std::string_view pattern, RouteHandler handler,
           Access access = Access::Token);

  struct Match {
    enum class Kind { Found, NoSuchPath, MethodNotAllowed };
    Kind kind = Kind::NoSuchPath;
    const RouteHandler* handler = nullptr;      // set when Found
    Access access = Access::Token;              // set when Found
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
    Access access = Access::Token;
  };

  static std::vector<std::string_view> split(std::string_view path);

  std::vector<Route> routes_;
};

}  // namespace portal::web
