// Roles: what a caller of the hall may do. People hold the first five
// (a department approver also has a department); hall devices and the
// hall's own tools (the admin bearer token) are callers of their own kinds.
// Which role may call which endpoint is written down once, in
// portal/web/access_policy.cpp.
//
// Thread-safety: values; immutable data only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hall::domain {

enum class Role : uint32_t {
  Clerk = 1u << 0,     // 综窗人员: window work, intake, accept, issue
  Approver = 1u << 1,  // 后台审批人员 of one department
  Manager = 1u << 2,   // 中心管理员: windows, staff, dashboards
  Analyst = 1u << 3,   // 业务分析员: models
  Admin = 1u << 4,     // 系统管理员: accounts, audit
  Device = 1u << 5,    // a hall device with its key
  System = 1u << 6,    // the hall's own tools (admin bearer token)
};

// The roles a person can be given, in the order pages list them.
inline constexpr Role kPersonRoles[] = {Role::Clerk, Role::Approver, Role::Manager, Role::Analyst,
                                        Role::Admin};

// A set of roles (a bit mask).
class Roles {
 public:
  constexpr Roles() = default;
  constexpr Roles(Role role) : bits_(static_cast<uint32_t>(role)) {}  // NOLINT: a role is a set
  static constexpr Roles fromBits(uint32_t bits) {
    Roles r;
    r.bits_ = bits;
    return r;
  }

  constexpr bool has(Role role) const { return bits_ & static_cast<uint32_t>(role); }
  constexpr bool intersects(Roles other) const { return (bits_ & other.bits_) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr uint32_t bits() const { return bits_; }
  constexpr Roles operator|(Roles other) const { return fromBits(bits_ | other.bits_); }
  constexpr bool operator==(const Roles&) const = default;

  // "clerk", "approver" …, in kPersonRoles order, then device and system.
  std::vector<std::string> names() const;

 private:
  uint32_t bits_ = 0;
};

constexpr Roles operator|(Role a, Role b) { return Roles(a) | Roles(b); }

// "clerk", "approver", "manager", "analyst", "admin", "device", "system".
const char* roleName(Role role);
std::optional<Role> roleFromName(std::string_view name);
// The Chinese name pages show ("综窗人员" …).
const char* roleLabel(Role role);

}  // namespace hall::domain
