// The web server's audit hook (WebServerOptions::audit) over an AuditTrail:
// one entry per change asked for — who, with which roles, from where,
// which endpoint and path, and the status answered. An entry the trail
// cannot write is logged (hall.audit) with what it was; the request it
// describes has been answered already.
//
// Thread-safety: the hook may run on every server thread at once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "portal/domain/audit_trail.h"
#include "portal/web/api_request.h"

namespace portal::web {

using AuditHook = std::function<void(const ApiRequest&, const std::string& action, int status)>;

// `trail` must outlive the hook.
AuditHook auditHook(hall::domain::AuditTrail& trail, std::function<int64_t()> now_millis);

}  // namespace portal::web
