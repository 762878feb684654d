#include "portal/domain/accounts.h"

#include <utility>

namespace hall::domain {

namespace {

constexpr const char* kWrongCredentials = "登录名或密码错误";

constexpr Roles kPeople =
    Role::Clerk | Role::Approver | Role::Manager | Role::Analyst | Role::Admin;

bool validLogin(std::string_view login) {
  if (login.size() < 2 || login.size() > 32) return false;
  for (const char c : login) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

wf::Status field(const std::string& name, const std::string& message) {
  return wf::Status::invalid(name + ": " + message,
                             wf::Value(wf::Object{{"field", wf::Value(name)}}));
}

wf::Status wrongCredentials() { return wf::Status::unauthenticated(kWrongCredentials); }

}  // namespace

Accounts::Accounts(AccountStore& store, const PasswordHasher& hasher,
                   std::function<int64_t()> now_millis, LockoutPolicy lockout)
    : store_(store), hasher_(hasher), now_(std::move(now_millis)), lockout_(lockout) {}

wf::Status Accounts::checkPassword(std::string_view password, const std::string& name) {
  bool letter = false;
  bool digit = false;
  size_t characters = 0;
  for (const char c : password) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;  // count UTF-8 characters
    letter = letter || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    digit = digit || (c >= '0' && c <= '9');
  }
  if (characters < 10 || !letter || !digit || password.size() > 256) {
    return field(name, "密码至少 10 位,须同时包含字母和数字");
  }
  return wf::Status::ok();
}

wf::Status Accounts::checkRolesAndDepartment(Roles roles, const std::string& department) const {
  if (roles.empty()) return field("roles", "至少要有一个角色");
  if ((roles.bits() & ~kPeople.bits()) != 0) {
    return field("roles", "只能授予人员角色(clerk、approver、manager、analyst、admin)");
  }
  if (roles.has(Role::Approver) && department.empty()) {
    return field("department", "审批人员须指定所属部门");
  }
  return wf::Status::ok();
}

wf::Result<Account> Accounts::signIn(const std::string& login, std::string_view password) {
  std::lock_guard lock(sign_in_mu_);
  ASSIGN_OR_RETURN(std::optional<Account> found, store_.account(login));
  if (!found) {
    // Spend the same time as a real check, so timing tells nothing either.
    (void)hasher_.verify(password, hasher_.hash("not-an-account"));
    return wrongCredentials();
  }
  Account& account = *found;
  const int64_t now = now_();
  if (account.locked_until > now) {
    return wf::Status(wf::StatusCode::Unauthenticated, "账号已锁定,请稍后再试或联系系统管理员",
                      wf::Value(wf::Object{{"locked", wf::Value(true)},
                                           {"lockedUntil", wf::Value(account.locked_until)}}));
  }
  if (account.retired || !hasher_.verify(password, account.password_hash)) {
    if (account.retired) return wrongCredentials();
    account.failed_attempts += 1;
    if (account.failed_attempts >= lockout_.max_failures) {
      account.locked_until = now + lockout_.lock_millis;
      account.failed_attempts = 0;
    }
    RETURN_IF_ERROR(store_.update(account));
    return wrongCredentials();
  }
  if (account.failed_attempts != 0 || account.locked_until != 0) {
    account.failed_attempts = 0;
    account.locked_until = 0;
    RETURN_IF_ERROR(store_.update(account));
  }
  return account;
}

wf::Result<Account> Accounts::signInByCertificate(const std::string& subject) {
  if (subject.empty()) return wf::Status::unauthenticated("没有客户端证书");
  ASSIGN_OR_RETURN(std::optional<Account> found, store_.accountByCertificate(subject));
  if (!found || found->retired) {
    return wf::Status::unauthenticated("证书未绑定有效账号");
  }
  if (found->locked_until > now_()) {
    return wf::Status::unauthenticated("账号已锁定,请稍后再试或联系系统管理员");
  }
  return *found;
}

wf::Result<Account> Accounts::create(const NewAccount& input) {
  if (!validLogin(input.login)) {
    return field("login", "登录名须为 2–32 位小写字母、数字或 . _ -");
  }
  if (input.display_name.empty() || input.display_name.size() > 64) {
    return field("displayName", "请填写姓名(不超过 64 字节)");
  }
  RETURN_IF_ERROR(checkRolesAndDepartment(input.roles, input.department));
  RETURN_IF_ERROR(checkPassword(input.password));
  Account account;
  account.login = input.login;
  account.display_name = input.display_name;
  account.roles = input.roles;
  account.department = input.department;
  account.certificate_subject = input.certificate_subject;
  account.password_hash = hasher_.hash(input.password);
  account.created_at = now_();
  RETURN_IF_ERROR(store_.insert(account));
  return account;
}

wf::Result<Account> Accounts::change(const std::string& login, const AccountChange& change) {
  ASSIGN_OR_RETURN(Account account, find(login));
  if (change.display_name) {
    if (change.display_name->empty() || change.display_name->size() > 64) {
      return field("displayName", "请填写姓名(不超过 64 字节)");
    }
    account.display_name = *change.display_name;
  }
  if (change.roles) account.roles = *change.roles;
  if (change.department) account.department = *change.department;
  if (change.certificate_subject) account.certificate_subject = *change.certificate_subject;
  RETURN_IF_ERROR(checkRolesAndDepartment(account.roles, account.department));
  RETURN_IF_ERROR(store_.update(account));
  return account;
}

wf::Status Accounts::retire(const std::string& login) {
  ASSIGN_OR_RETURN(Account account, find(login));
  if (account.retired) return wf::Status::conflict("account " + login + " is already retired");
  account.retired = true;
  return store_.update(account);
}

wf::Status Accounts::unlock(const std::string& login) {
  ASSIGN_OR_RETURN(Account account, find(login));
  account.failed_attempts = 0;
  account.locked_until = 0;
  return store_.update(account);
}

wf::Status Accounts::setPassword(const std::string& login, std::string_view password) {
  RETURN_IF_ERROR(checkPassword(password));
  ASSIGN_OR_RETURN(Account account, find(login));
  account.password_hash = hasher_.hash(password);
  account.failed_attempts = 0;
  account.locked_until = 0;
  return store_.update(account);
}

wf::Status Accounts::changeOwnPassword(const std::string& login, std::string_view old_password,
                                       std::string_view new_password) {
  RETURN_IF_ERROR(checkPassword(new_password, "newPassword"));
  ASSIGN_OR_RETURN(Account account, find(login));
  if (!hasher_.verify(old_password, account.password_hash)) {
    return wf::Status(wf::StatusCode::Unauthenticated, "原密码错误",
                      wf::Value(wf::Object{{"field", wf::Value("oldPassword")}}));
  }
  account.password_hash = hasher_.hash(new_password);
  return store_.update(account);
}

wf::Result<Account> Accounts::find(const std::string& login) {
  ASSIGN_OR_RETURN(std::optional<Account> found, store_.account(login));
  if (!found) return wf::Status::notFound("no account " + login);
  return *found;
}

wf::Result<std::vector<Account>> Accounts::list() { return store_.accounts(); }

}  // namespace hall::domain
