#include "portal/web/fingerprint_routes.h"

namespace portal::web {

void FingerprintRoutes::addTo(Router& router) {
  router.add("POST", "/api/v1/users/{login}/fingerprint",
             [this](const ApiRequest& request) { return enroll(request); });
  router.add("DELETE", "/api/v1/users/{login}/fingerprint",
             [this](const ApiRequest& request) { return forget(request); });
}

ApiResponse FingerprintRoutes::enroll(const ApiRequest& request) {
  const std::string& login = request.params.at("login");
  // The account first: nobody is asked to press for a login that is not there.
  wf::Result<hall::domain::Account> account = accounts_.find(login);
  if (!account.ok()) return ApiResponse::error(account.status());
  if (account->retired) return ApiResponse::error(wf::Status::conflict(login + " 已停用"));
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return ApiResponse::error(body.status());
  wf::Result<std::string> window = textMember(*body, "window");
  if (!window.ok()) return ApiResponse::error(window.status());
  if (window->empty()) {
    return ApiResponse::error(
        wf::Status::invalid("window: 请填写登记指纹的窗口", fieldDetails("window")));
  }
  if (wf::Status enrolled = check_.enroll(login, *window); !enrolled.isOk()) {
    return ApiResponse::error(enrolled);
  }
  return ApiResponse::created(wf::Value(wf::Object{
      {"login", wf::Value(login)}, {"window", wf::Value(*window)}, {"enrolled", wf::Value(true)}}));
}

ApiResponse FingerprintRoutes::forget(const ApiRequest& request) {
  const std::string& login = request.params.at("login");
  wf::Result<hall::domain::Account> account = accounts_.find(login);
  if (!account.ok()) return ApiResponse::error(account.status());
  if (wf::Status forgotten = check_.forget(login); !forgotten.isOk()) {
    return ApiResponse::error(forgotten);
  }
  return ApiResponse::noContent();
}

}  // namespace portal::web
