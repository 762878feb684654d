#include "portal/web/access_policy.h"

#include <iterator>

namespace portal::web {

namespace {

using hall::domain::Role;
using hall::domain::Roles;

constexpr Roles kNobody{};  // System only
constexpr Roles kClerk = Role::Clerk;
constexpr Roles kApprover = Role::Approver;
constexpr Roles kManager = Role::Manager;
constexpr Roles kAnalyst = Role::Analyst;
constexpr Roles kAdmin = Role::Admin;
constexpr Roles kDevice = Role::Device;
constexpr Roles kPeople =
    Role::Clerk | Role::Approver | Role::Manager | Role::Analyst | Role::Admin;
constexpr Roles kFrontDesk = Role::Clerk | Role::Manager;
constexpr Roles kHallAdmin = Role::Manager | Role::Admin;

constexpr EndpointRule kRules[] = {
    // The server itself.
    {"GET", "/health", kNobody, true},

    // Signing in and out (session_routes).
    {"POST", "/api/v1/session", kNobody, true},
    {"GET", "/api/v1/session", kPeople},
    {"DELETE", "/api/v1/session", kPeople},
    {"POST", "/api/v1/session/password", kPeople},
    {"POST", "/api/v1/session/certificate", kNobody, true},

    // Accounts and the audit trail (account_routes, audit_routes).
    {"GET", "/api/v1/users", kAdmin | kManager},
    {"POST", "/api/v1/users", kAdmin},
    {"GET", "/api/v1/users/{login}", kAdmin | kManager},
    {"PUT", "/api/v1/users/{login}", kAdmin},
    {"POST", "/api/v1/users/{login}/retire", kAdmin},
    {"POST", "/api/v1/users/{login}/unlock", kAdmin},
    {"POST", "/api/v1/users/{login}/password", kAdmin},
    // A clerk's finger, enrolled through a window's reader (fingerprint_routes).
    {"POST", "/api/v1/users/{login}/fingerprint", kAdmin},
    {"DELETE", "/api/v1/users/{login}/fingerprint", kAdmin},
    {"GET", "/api/v1/audit", kAdmin | kManager},

    // Intake and acceptance at the window (case_routes); anyone holding a
    // receipt may check the hall's signature on it.
    {"GET", "/api/v1/catalogue", kClerk | kManager},
    {"GET", "/api/v1/catalogue/{code}", kClerk | kManager},
    {"POST", "/api/v1/catalogue/{code}/checklist", kClerk | kManager},
    {"POST", "/api/v1/cases", kClerk},
    {"GET", "/api/v1/cases", kClerk | kManager},
    {"GET", "/api/v1/cases/{code}", kClerk | kManager},
    {"GET", "/api/v1/receipts/{code}/pdf", kClerk | kManager},
    {"GET", "/api/v1/receipts/{code}/verify", kNobody, true},
    {"POST", "/api/v1/receipts/verify", kNobody, true},
    // The applicant's licences at intake (用证清单, licence_check_routes).
    {"POST", "/api/v1/intake/licence-check", kClerk},

    // 一网通办 online cases taken in at a window, and the city's form
    // definitions for intake (online_case_routes).
    {"GET", "/api/v1/online-cases", kClerk | kManager},
    {"POST", "/api/v1/online-cases/{id}/take", kClerk},
    {"GET", "/api/v1/matters/{code}/form", kClerk | kManager},
    // 好差评 (rating_routes): the visitor rates with what they hold (the
    // ticket's status token or the case code), a device evaluator for them;
    // the hall managers see and complete the 整改 a poor rating opens.
    {"POST", "/api/v1/ratings", kNobody, true},
    {"GET", "/api/v1/ratings/follow-ups", kManager},
    {"POST", "/api/v1/ratings/follow-ups/{id}/complete", kManager},

    // The window's part after acceptance (clerk_task_routes): 补正 and 出证.
    {"GET", "/api/v1/clerk/tasks", kClerk | kManager},
    {"POST", "/api/v1/clerk/tasks/{id}/complete", kClerk},

    // A department's approval tasks (department_routes): its approvers only,
    // and each only the tasks offered to their department.
    {"GET", "/api/v1/department/tasks", kApprover},
    {"GET", "/api/v1/department/tasks/{id}", kApprover},
    {"POST", "/api/v1/department/tasks/{id}/claim", kApprover},
    {"POST", "/api/v1/department/tasks/{id}/unclaim", kApprover},
    {"POST", "/api/v1/department/tasks/{id}/decide", kApprover},

    // The administered hall (directory_routes): windows, departments, queues,
    // which matters a window takes; the hall model in and out.
    {"GET", "/api/v1/admin/windows", kHallAdmin},
    {"POST", "/api/v1/admin/windows", kHallAdmin},
    {"GET", "/api/v1/admin/windows/{id}", kHallAdmin},
    {"PUT", "/api/v1/admin/windows/{id}", kHallAdmin},
    {"POST", "/api/v1/admin/windows/{id}/retire", kHallAdmin},
    {"PUT", "/api/v1/admin/windows/{id}/queues", kHallAdmin},
    {"PUT", "/api/v1/admin/windows/{id}/matters", kHallAdmin},
    {"GET", "/api/v1/admin/departments", kHallAdmin},
    {"POST", "/api/v1/admin/departments", kHallAdmin},
    {"GET", "/api/v1/admin/departments/{id}", kHallAdmin},
    {"PUT", "/api/v1/admin/departments/{id}", kHallAdmin},
    {"POST", "/api/v1/admin/departments/{id}/retire", kHallAdmin},
    {"GET", "/api/v1/admin/queues", kHallAdmin},
    {"POST", "/api/v1/admin/queues", kHallAdmin},
    {"GET", "/api/v1/admin/queues/{id}", kHallAdmin},
    {"PUT", "/api/v1/admin/queues/{id}", kHallAdmin},
    {"POST", "/api/v1/admin/queues/{id}/retire", kHallAdmin},
    {"GET", "/api/v1/admin/hall-model", kHallAdmin},
    {"POST", "/api/v1/admin/hall-model", kHallAdmin},

    // The analyst's models, lint, deploy and cockpit (model_routes).
    {"GET", "/api/v1/models", kAnalyst | kManager},
    {"POST", "/api/v1/models/lint", kAnalyst},
    {"GET", "/api/v1/models/{key}/versions/{version}/xml", kAnalyst | kManager},
    {"GET", "/api/v1/models/{key}/versions/{version}/statistics", kAnalyst | kManager},
    {"POST", "/api/v1/models/{key}/deploy", kAnalyst},
    {"GET", "/api/v1/instances", kAnalyst | kManager},

    // Hall devices (device_routes).
    {"GET", "/api/v1/devices", kManager},
    {"GET", "/api/v1/devices/{id}", kManager},

    // The engine's REST API (engine_routes): the analyst's models and the
    // hall's tools; people work through the hall's own endpoints.
    {"POST", "/api/v1/deployments", kAnalyst},
    {"GET", "/api/v1/process-definitions", kAnalyst | kManager},
    {"POST", "/api/v1/process-definitions/{key}/instances", kNobody},
    {"GET", "/api/v1/process-instances/{id}", kAnalyst | kManager},
    {"POST", "/api/v1/process-instances/{id}/cancel", kNobody},
    {"POST", "/api/v1/process-instances/{id}/suspend", kAnalyst},
    {"POST", "/api/v1/process-instances/{id}/resume", kAnalyst},
    {"GET", "/api/v1/process-instances/{id}/history", kAnalyst | kManager},
    {"POST", "/api/v1/process-instances/{id}/migrate", kAnalyst},
    {"GET", "/api/v1/tasks", kNobody},
    {"GET", "/api/v1/tasks/{id}", kNobody},
    {"POST", "/api/v1/tasks/{id}/claim", kNobody},
    {"POST", "/api/v1/tasks/claim-next", kNobody},
    {"POST", "/api/v1/tasks/{id}/unclaim", kNobody},
    {"POST", "/api/v1/tasks/{id}/delegate", kNobody},
    {"POST", "/api/v1/tasks/{id}/complete", kNobody},
    {"GET", "/api/v1/jobs", kAnalyst},
    {"GET", "/api/v1/incidents", kAnalyst | kManager},
    {"POST", "/api/v1/incidents/{id}/retry", kAnalyst | kManager},
    {"POST", "/api/v1/incidents/{id}/skip", kAnalyst},
    {"POST", "/api/v1/decisions/{key}/evaluate", kAnalyst},
    {"POST", "/api/v1/messages", kNobody},
    {"POST", "/api/v1/signals", kNobody},
    {"GET", "/api/v1/work-queues", kAnalyst | kManager},
    {"PUT", "/api/v1/work-queues/{name}", kAnalyst},

    // The city platforms' callbacks (callback_routes): public, because the
    // request's HMAC-SM3 signature is the credential, checked by the route.
    {"POST", "/api/v1/callbacks/{platform}", kNobody, true},

    // The front desk (front_desk_routes): tickets from the machines and the
    // windows; a visitor's QR code opens the public status.
    {"POST", "/api/v1/tickets", kDevice | kFrontDesk},
    {"GET", "/api/v1/tickets/{id}", kFrontDesk},
    {"GET", "/api/v1/ticket-status/{token}", kNobody, true},
    {"GET", "/api/v1/ticket-status/{token}/slip.png", kNobody, true},
    {"GET", "/api/v1/ticket-status/{token}/slip.escpos", kDevice | kFrontDesk},
    {"POST", "/api/v1/appointments", kNobody},
    {"GET", "/api/v1/queues", kDevice | kPeople},
    {"GET", "/api/v1/windows", kDevice | kPeople},
    {"GET", "/api/v1/windows/{id}", kDevice | kPeople},
    {"POST", "/api/v1/windows/{id}/sign-in", kClerk},
    {"POST", "/api/v1/windows/{id}/call-next", kClerk},
    {"POST", "/api/v1/windows/{id}/recall", kClerk},
    {"POST", "/api/v1/windows/{id}/arrive", kClerk},
    {"POST", "/api/v1/windows/{id}/no-show", kClerk},
    {"POST", "/api/v1/windows/{id}/transfer", kClerk},
    {"POST", "/api/v1/windows/{id}/end", kClerk},
    {"POST", "/api/v1/windows/{id}/pause", kClerk},
    {"POST", "/api/v1/windows/{id}/resume", kClerk},
    {"POST", "/api/v1/windows/{id}/sign-out", kClerk | kManager},
};

}  // namespace

std::span<const EndpointRule> accessPolicy() { return kRules; }

bool allows(const EndpointRule& rule, Roles roles) {
  if (rule.is_public) return true;
  return roles.has(Role::System) || roles.intersects(rule.roles);
}

}  // namespace portal::web
