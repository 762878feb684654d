// Accounts: the people who sign in to the portal — clerks, department
// approvers, managers, analysts, administrators — with their roles,
// passwords (kept only as a slow salted hash), lock-out after repeated
// failures, and retirement (a retired account can no longer sign in; it is
// kept, because the audit trail and the cases name it).
//
// Thread-safety: every member may be called from any thread; the store and
// the hasher are thread-safe, and a sign-in's read-modify-write of the
// failure count is serialised by a mutex.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/domain/roles.h"
#include "wf/status.h"

namespace hall::domain {

struct Account {
  std::string login;         // [a-z0-9._-]{2,32}
  std::string display_name;  // what pages show ("王芳")
  Roles roles;               // people's roles only
  std::string department;    // required for an approver: whose tasks they see
  std::string password_hash;
  std::string certificate_subject;  // sign-in by client certificate; empty: none
  int failed_attempts = 0;          // since the last good sign-in
  int64_t locked_until = 0;         // epoch millis; 0: not locked
  bool retired = false;
  int64_t created_at = 0;
};

// Where accounts are kept (portal/store/soci_account_store is the real one).
class AccountStore {
 public:
  virtual ~AccountStore() = default;
  virtual wf::Result<std::optional<Account>> account(const std::string& login) = 0;
  virtual wf::Result<std::optional<Account>> accountByCertificate(const std::string& subject) = 0;
  virtual wf::Result<std::vector<Account>> accounts() = 0;
  // Conflict when the login is taken.
  virtual wf::Status insert(const Account& account) = 0;
  // NotFound when there is no such login.
  virtual wf::Status update(const Account& account) = 0;
};

// A slow, salted password hash (portal/store/scrypt_password_hasher).
class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string hash(std::string_view password) const = 0;
  virtual bool verify(std::string_view password, std::string_view hash) const = 0;
};

struct LockoutPolicy {
  int max_failures = 5;                  // consecutive failures that lock the account
  int64_t lock_millis = 15 * 60 * 1000;  // for this long
};

struct NewAccount {
  std::string login;
  std::string display_name;
  Roles roles;
  std::string department;
  std::string password;
  std::string certificate_subject;
};

// A change to an account; unset members stay as they are.
struct AccountChange {
  std::optional<std::string> display_name;
  std::optional<Roles> roles;
  std::optional<std::string> department;
  std::optional<std::string> certificate_subject;
};

class Accounts {
 public:
  Accounts(AccountStore& store, const PasswordHasher& hasher, std::function<int64_t()> now_millis,
           LockoutPolicy lockout = {});

  // The account when the password is right. A wrong login or password, and
  // a retired account, are the same Unauthenticated (nothing tells which);
  // a locked account is Unauthenticated with details {locked: true,
  // lockedUntil}. The failure that reaches the limit locks the account.
  wf::Result<Account> signIn(const std::string& login, std::string_view password);
  // Sign-in by a client certificate the TLS layer has verified.
  wf::Result<Account> signInByCertificate(const std::string& subject);

  // InvalidArgument naming the field (login, displayName, roles, department,
  // password); Conflict when the login is taken.
  wf::Result<Account> create(const NewAccount& account);
  wf::Result<Account> change(const std::string& login, const AccountChange& change);
  wf::Status retire(const std::string& login);
  wf::Status unlock(const std::string& login);
  // An administrator sets a new password (the account is unlocked too).
  wf::Status setPassword(const std::string& login, std::string_view password);
  // A person changes their own; Unauthenticated when `old_password` is
  // wrong, InvalidArgument naming newPassword when the new one is weak.
  wf::Status changeOwnPassword(const std::string& login, std::string_view old_password,
                               std::string_view new_password);

  wf::Result<Account> find(const std::string& login);
  // Whether the account is locked out now.
  bool locked(const Account& account) const { return account.locked_until > now_(); }
  wf::Result<std::vector<Account>> list();

  // InvalidArgument naming `field` unless the password has 10 or more
  // characters with a letter and a digit.
  static wf::Status checkPassword(std::string_view password, const std::string& field = "password");

 private:
  wf::Status checkRolesAndDepartment(Roles roles, const std::string& department) const;

  AccountStore& store_;
  const PasswordHasher& hasher_;
  std::function<int64_t()> now_;
  LockoutPolicy lockout_;
  std::mutex sign_in_mu_;
};

}  // namespace hall::domain
