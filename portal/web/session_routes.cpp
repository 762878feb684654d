#include "portal/web/session_routes.h"

#include <string>

namespace portal::web {

namespace {

wf::Result<std::string> required(const wf::Value& body, std::string_view field) {
  ASSIGN_OR_RETURN(std::string text, textMember(body, field));
  if (text.empty()) {
    return wf::Status::invalid(std::string(field) + ": required", fieldDetails(field));
  }
  return text;
}

}  // namespace

wf::Value callerJson(const Caller& caller) {
  wf::Array roles;
  for (const std::string& name : caller.roles.names()) roles.emplace_back(name);
  return wf::Value(wf::Object{
      {"login", wf::Value(caller.name)},
      {"displayName", wf::Value(caller.display_name)},
      {"roles", wf::Value(std::move(roles))},
      {"department", caller.department.empty() ? wf::Value() : wf::Value(caller.department)},
      {"csrfToken", caller.csrf.empty() ? wf::Value() : wf::Value(caller.csrf)},
  });
}

void SessionRoutes::addTo(Router& router) {
  router.add("POST", "/api/v1/session", [this](const ApiRequest& r) { return signIn(r); });
  router.add("GET", "/api/v1/session", [this](const ApiRequest& r) { return whoAmI(r); });
  router.add("DELETE", "/api/v1/session", [this](const ApiRequest& r) { return signOut(r); });
  router.add("POST", "/api/v1/session/password",
             [this](const ApiRequest& r) { return changePassword(r); });
  router.add("POST", "/api/v1/session/certificate",
             [this](const ApiRequest& r) { return signInByCertificate(r); });
}

std::string SessionRoutes::cookie(const std::string& value, bool expire) const {
  std::string text =
      std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure_) text += "; Secure";
  if (expire) text += "; Max-Age=0";
  return text;
}

ApiResponse SessionRoutes::signIn(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> login = required(*body, "login");
  if (!login.ok()) return ApiResponse::error(login.status());
  wf::Result<std::string> password = required(*body, "password");
  if (!password.ok()) return ApiResponse::error(password.status());
  wf::Result<hall::domain::Account> account = accounts_.signIn(*login, *password);
  if (!account.ok()) return ApiResponse::error(account.status());
  return opened(request, *account);
}

ApiResponse SessionRoutes::signInByCertificate(const ApiRequest& request) {
  wf::Result<hall::domain::Account> account =
      accounts_.signInByCertificate(request.client_certificate);
  if (!account.ok()) return ApiResponse::error(account.status());
  return opened(request, *account);
}

ApiResponse SessionRoutes::opened(const ApiRequest& request, const hall::domain::Account& account) {
  if (!request.caller.session.empty()) sessions_.close(request.caller.session);
  const Caller caller = sessions_.open(account);
  ApiResponse response = ApiResponse::ok(callerJson(caller));
  response.headers.emplace_back("Set-Cookie", cookie(caller.session, false));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

ApiResponse SessionRoutes::whoAmI(const ApiRequest& request) {
  ApiResponse response = ApiResponse::ok(callerJson(request.caller));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

ApiResponse SessionRoutes::signOut(const ApiRequest& request) {
  if (!request.caller.session.empty()) sessions_.close(request.caller.session);
  ApiResponse response = ApiResponse::noContent();
  response.headers.emplace_back("Set-Cookie", cookie("", true));
  return response;
}

ApiResponse SessionRoutes::changePassword(const ApiRequest& request) {
  if (request.caller.session.empty()) {
    return ApiResponse::error(
        wf::Status::permissionDenied("only a signed-in person changes their own password"));
  }
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> old_password = required(*body, "oldPassword");
  if (!old_password.ok()) return ApiResponse::error(old_password.status());
  wf::Result<std::string> new_password = required(*body, "newPassword");
  if (!new_password.ok()) return ApiResponse::error(new_password.status());
  const wf::Status changed =
      accounts_.changeOwnPassword(request.caller.name, *old_password, *new_password);
  if (!changed.isOk()) return ApiResponse::error(changed);
  return ApiResponse::noContent();
}

}  // namespace portal::web
