#include "portal/web/audit_hook.h"

#include <Poco/Logger.h>

#include <utility>

namespace portal::web {

AuditHook auditHook(hall::domain::AuditTrail& trail, std::function<int64_t()> now_millis) {
  return [&trail, now = std::move(now_millis)](const ApiRequest& request, const std::string& action,
                                               int status) {
    hall::domain::AuditEntry entry;
    entry.at = now();
    entry.actor = request.caller.name;
    for (const std::string& role : request.caller.roles.names()) {
      entry.roles += (entry.roles.empty() ? "" : ",") + role;
    }
    entry.remote = request.remote;
    entry.action = action;
    entry.target = request.path;
    entry.outcome = status;
    const wf::Status recorded = trail.record(entry);
    if (!recorded.isOk()) {
      Poco::Logger::get("hall.audit")
          .error("audit entry lost: " + action + " " + request.path + " by " + entry.actor + " → " +
                 std::to_string(status) + ": " + recorded.message());
    }
  };
}

}  // namespace portal::web
