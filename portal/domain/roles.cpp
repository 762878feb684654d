#include "portal/domain/roles.h"

namespace hall::domain {

namespace {

struct RoleNames {
  Role role;
  const char* name;
  const char* label;
};

constexpr RoleNames kNames[] = {
    {Role::Clerk, "clerk", "综窗人员"},       {Role::Approver, "approver", "审批人员"},
    {Role::Manager, "manager", "中心管理员"}, {Role::Analyst, "analyst", "业务分析员"},
    {Role::Admin, "admin", "系统管理员"},     {Role::Device, "device", "大厅设备"},
    {Role::System, "system", "系统工具"},
};

}  // namespace

std::vector<std::string> Roles::names() const {
  std::vector<std::string> out;
  for (const RoleNames& n : kNames) {
    if (has(n.role)) out.emplace_back(n.name);
  }
  return out;
}

const char* roleName(Role role) {
  for (const RoleNames& n : kNames) {
    if (n.role == role) return n.name;
  }
  return "unknown";
}

const char* roleLabel(Role role) {
  for (const RoleNames& n : kNames) {
    if (n.role == role) return n.label;
  }
  return "未知";
}

std::optional<Role> roleFromName(std::string_view name) {
  for (const RoleNames& n : kNames) {
    if (name == n.name) return n.role;
  }
  return std::nullopt;
}

}  // namespace hall::domain
