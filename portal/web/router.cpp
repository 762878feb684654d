#include "portal/web/router.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace portal::web {

namespace {

// Percent-decodes one segment; a malformed escape leaves it undecodable, which
// we treat as "no such path" rather than guessing.
bool decodeSegment(std::string_view raw, std::string* out) {
  try {
    out->clear();
    Poco::URI::decode(std::string(raw), *out);
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

}  // namespace

void Router::add(std::string method, std::string_view pattern, RouteHandler handler) {
  const EndpointRule* rule = nullptr;
  for (const EndpointRule& candidate : policy_) {
    if (candidate.method == method && candidate.pattern == pattern) rule = &candidate;
  }
  if (rule == nullptr) {
    throw std::logic_error("router: " + method + " " + std::string(pattern) +
                           " has no line in the access policy (portal/web/access_policy.cpp)");
  }
  Route route{std::move(method), {}, std::move(handler), rule};
  for (std::string_view part : split(pattern)) {
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      route.segments.push_back({std::string(part.substr(1, part.size() - 2)), true});
    } else {
      route.segments.push_back({std::string(part), false});
    }
  }
  routes_.push_back(std::move(route));
}

std::vector<std::string_view> Router::split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    // Leading and doubled slashes give empty parts; a trailing slash too.
    // Keeping them (except the leading one) makes "/tasks/" differ from
    // "/tasks", as a strict API should.
    if (!(pos == 0 && next == 0)) {
      parts.push_back(path.substr(pos, next - pos));
    }
    pos = next + 1;
  }
  return parts;
}

Router::Match Router::match(std::string_view method, std::string_view raw_path) const {
  Match result;
  const std::vector<std::string_view> parts = split(raw_path);
  for (const Route& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool matched = true;
    for (size_t i = 0; i < parts.size() && matched; ++i) {
      const Segment& segment = route.segments[i];
      if (!segment.capture) {
        matched = segment.text == parts[i];
        continue;
      }
      std::string decoded;
      matched = !parts[i].empty() && decodeSegment(parts[i], &decoded);
      if (matched) params.emplace(segment.text, std::move(decoded));
    }
    if (!matched) continue;
    if (route.method != method) {
      if (std::find(result.allowed.begin(), result.allowed.end(), route.method) ==
          result.allowed.end()) {
        result.allowed.push_back(route.method);
      }
      continue;
    }
    result.kind = Match::Kind::Found;
    result.handler = &route.handler;
    result.rule = route.rule;
    result.params = std::move(params);
    result.allowed.clear();
    return result;
  }
  result.kind = result.allowed.empty() ? Match::Kind::NoSuchPath : Match::Kind::MethodNotAllowed;
  return result;
}

}  // namespace portal::web
