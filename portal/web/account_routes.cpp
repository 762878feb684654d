#include "portal/web/account_routes.h"

#include <charconv>
#include <string>

namespace portal::web {

namespace {

using hall::domain::Account;
using hall::domain::Roles;

wf::Value accountJson(const Account& a, bool locked) {
  wf::Array roles;
  for (const std::string& name : a.roles.names()) roles.emplace_back(name);
  return wf::Value(wf::Object{
      {"login", wf::Value(a.login)},
      {"displayName", wf::Value(a.display_name)},
      {"roles", wf::Value(std::move(roles))},
      {"department", a.department.empty() ? wf::Value() : wf::Value(a.department)},
      {"certificateSubject",
       a.certificate_subject.empty() ? wf::Value() : wf::Value(a.certificate_subject)},
      {"locked", wf::Value(locked)},
      {"lockedUntil", locked ? wf::Value(a.locked_until) : wf::Value()},
      {"retired", wf::Value(a.retired)},
      {"createdAt", wf::Value(a.created_at)},
  });
}

// ["clerk", "approver"] → the set; InvalidArgument naming `roles`.
wf::Result<std::optional<Roles>> rolesMember(const wf::Value& body) {
  ASSIGN_OR_RETURN(std::optional<wf::Value> member,
                   optionalMember(body, "roles", wf::ValueKind::Array));
  if (!member) return std::optional<Roles>();
  Roles roles;
  for (const wf::Value& item : member->asArray()) {
    const auto role = item.isString() ? hall::domain::roleFromName(item.asString()) : std::nullopt;
    if (!role) {
      return wf::Status::invalid(
          "roles: expected names among clerk, approver, manager, analyst, admin",
          fieldDetails("roles"));
    }
    roles = roles | *role;
  }
  return std::optional<Roles>(roles);
}

wf::Result<std::optional<std::string>> optionalText(const wf::Value& body, std::string_view name) {
  ASSIGN_OR_RETURN(std::optional<wf::Value> member,
                   optionalMember(body, name, wf::ValueKind::String));
  if (!member) return std::optional<std::string>();
  return std::optional<std::string>(member->asString());
}

}  // namespace

ApiResponse AccountRoutes::answer(const wf::Result<Account>& account, int status) const {
  if (!account.ok()) return ApiResponse::error(account.status());
  return {status, accountJson(*account, accounts_.locked(*account))};
}

void AccountRoutes::addTo(Router& router) {
  auto bind = [this](ApiResponse (AccountRoutes::*method)(const ApiRequest&)) {
    return [this, method](const ApiRequest& request) { return (this->*method)(request); };
  };
  router.add("GET", "/api/v1/users", bind(&AccountRoutes::list));
  router.add("POST", "/api/v1/users", bind(&AccountRoutes::create));
  router.add("GET", "/api/v1/users/{login}", bind(&AccountRoutes::get));
  router.add("PUT", "/api/v1/users/{login}", bind(&AccountRoutes::change));
  router.add("POST", "/api/v1/users/{login}/retire", bind(&AccountRoutes::retire));
  router.add("POST", "/api/v1/users/{login}/unlock", bind(&AccountRoutes::unlock));
  router.add("POST", "/api/v1/users/{login}/password", bind(&AccountRoutes::setPassword));
  router.add("GET", "/api/v1/audit", bind(&AccountRoutes::auditEntries));
}

ApiResponse AccountRoutes::list(const ApiRequest&) {
  wf::Result<std::vector<Account>> accounts = accounts_.list();
  if (!accounts.ok()) return ApiResponse::error(accounts.status());
  wf::Array out;
  for (const Account& a : *accounts) out.push_back(accountJson(a, accounts_.locked(a)));
  return ApiResponse::ok(wf::Value(std::move(out)));
}

ApiResponse AccountRoutes::create(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  hall::domain::NewAccount input;
  for (auto [name, into] : {std::pair<const char*, std::string*>{"login", &input.login},
                            {"displayName", &input.display_name},
                            {"department", &input.department},
                            {"password", &input.password},
                            {"certificateSubject", &input.certificate_subject}}) {
    wf::Result<std::string> text = textMember(*body, name);
    if (!text.ok()) return ApiResponse::error(text.status());
    *into = *text;
  }
  wf::Result<std::optional<Roles>> roles = rolesMember(*body);
  if (!roles.ok()) return ApiResponse::error(roles.status());
  input.roles = roles->value_or(Roles());
  return answer(accounts_.create(input), 201);
}

ApiResponse AccountRoutes::get(const ApiRequest& request) {
  return answer(accounts_.find(request.params.at("login")));
}

ApiResponse AccountRoutes::change(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  hall::domain::AccountChange change;
  for (auto [name, into] :
       {std::pair<const char*, std::optional<std::string>*>{"displayName", &change.display_name},
        {"department", &change.department},
        {"certificateSubject", &change.certificate_subject}}) {
    wf::Result<std::optional<std::string>> text = optionalText(*body, name);
    if (!text.ok()) return ApiResponse::error(text.status());
    *into = *text;
  }
  wf::Result<std::optional<Roles>> roles = rolesMember(*body);
  if (!roles.ok()) return ApiResponse::error(roles.status());
  change.roles = *roles;
  const std::string& login = request.params.at("login");
  wf::Result<Account> changed = accounts_.change(login, change);
  if (changed.ok()) sessions_.closeAllOf(login);
  return answer(changed);
}

ApiResponse AccountRoutes::retire(const ApiRequest& request) {
  const std::string& login = request.params.at("login");
  const wf::Status status = accounts_.retire(login);
  if (!status.isOk()) return ApiResponse::error(status);
  sessions_.closeAllOf(login);
  return answer(accounts_.find(login));
}

ApiResponse AccountRoutes::unlock(const ApiRequest& request) {
  const std::string& login = request.params.at("login");
  const wf::Status status = accounts_.unlock(login);
  if (!status.isOk()) return ApiResponse::error(status);
  return answer(accounts_.find(login));
}

ApiResponse AccountRoutes::setPassword(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> password = textMember(*body, "password");
  if (!password.ok()) return ApiResponse::error(password.status());
  const std::string& login = request.params.at("login");
  const wf::Status status = accounts_.setPassword(login, *password);
  if (!status.isOk()) return ApiResponse::error(status);
  sessions_.closeAllOf(login);
  return ApiResponse::noContent();
}

ApiResponse AccountRoutes::auditEntries(const ApiRequest& request) {
  hall::domain::AuditQuery query;
  query.actor = request.queryParam("actor");
  for (auto [name, into] : {std::pair<const char*, int64_t*>{"before", &query.before_id}}) {
    if (const auto text = request.queryParam(name)) {
      const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), *into);
      if (error != std::errc() || end != text->data() + text->size() || *into < 0) {
        return ApiResponse::error(
            wf::Status::invalid(std::string(name) + ": expected an entry id", fieldDetails(name)));
      }
    }
  }
  if (const auto text = request.queryParam("limit")) {
    const auto [end, error] =
        std::from_chars(text->data(), text->data() + text->size(), query.limit);
    if (error != std::errc() || end != text->data() + text->size() || query.limit < 1 ||
        query.limit > 1000) {
      return ApiResponse::error(
          wf::Status::invalid("limit: expected 1 to 1000", fieldDetails("limit")));
    }
  }
  wf::Result<std::vector<hall::domain::AuditEntry>> entries = audit_.entries(query);
  if (!entries.ok()) return ApiResponse::error(entries.status());
  wf::Array out;
  for (const hall::domain::AuditEntry& e : *entries) {
    out.push_back(wf::Value(wf::Object{
        {"id", wf::Value(e.id)},
        {"at", wf::Value(e.at)},
        {"actor", wf::Value(e.actor)},
        {"roles", wf::Value(e.roles)},
        {"remote", wf::Value(e.remote)},
        {"action", wf::Value(e.action)},
        {"target", wf::Value(e.target)},
        {"outcome", wf::Value(static_cast<int64_t>(e.outcome))},
    }));
  }
  return ApiResponse::ok(wf::Value(std::move(out)));
}

}  // namespace portal::web
