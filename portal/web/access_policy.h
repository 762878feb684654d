// AccessPolicy: the role matrix — which roles may call which endpoint —
// written down in one place (access_policy.cpp). The router takes each
// route's rule from here and refuses to add a route that has none, so an
// endpoint cannot exist without a line in the matrix; the web server checks
// every request against it before the handler runs (401 without
// credentials, 403 for a role not listed), and a test walks the whole
// matrix.
//
// The hall's own tools (the admin bearer token, role System) may call every
// endpoint that is not public.
//
// Thread-safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

#include "portal/domain/roles.h"

namespace portal::web {

struct EndpointRule {
  std::string_view method;
  std::string_view pattern;   // as given to Router::add ("/api/v1/tasks/{id}")
  hall::domain::Roles roles;  // who may call it, besides System
  bool is_public = false;     // anyone, with or without credentials
};

// Every rule, in the order of the table.
std::span<const EndpointRule> accessPolicy();

// Whether a caller holding `roles` may call an endpoint of `rule` (public
// endpoints: everyone; others: System or one of the listed roles).
bool allows(const EndpointRule& rule, hall::domain::Roles roles);

}  // namespace portal::web
