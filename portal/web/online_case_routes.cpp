#include "portal/web/online_case_routes.h"

namespace portal::web {

void OnlineCaseRoutes::addTo(Router& router) {
  router.add("GET", "/api/v1/online-cases", [this](const ApiRequest& r) { return list(r); });
  router.add("POST", "/api/v1/online-cases/{id}/take",
             [this](const ApiRequest& r) { return take(r); });
  router.add("GET", "/api/v1/matters/{code}/form", [this](const ApiRequest& r) { return form(r); });
}

ApiResponse OnlineCaseRoutes::list(const ApiRequest&) {
  wf::Result<wf::Value> pending = intake_.pending();
  if (!pending.ok()) return ApiResponse::error(pending.status());
  return ApiResponse::ok(std::move(pending).value());
}

ApiResponse OnlineCaseRoutes::take(const ApiRequest& request) {
  const std::string window = window_of_ ? window_of_(request.caller.name) : std::string();
  wf::Result<OnlineIntake::Taken> taken =
      intake_.take(request.params.at("id"), request.caller.name, window);
  if (!taken.ok()) return ApiResponse::error(taken.status());
  wf::Object out = taken->case_json.asObject();
  out["alreadyTaken"] = wf::Value(taken->already);
  return taken->already ? ApiResponse::ok(wf::Value(std::move(out)))
                        : ApiResponse::created(wf::Value(std::move(out)));
}

ApiResponse OnlineCaseRoutes::form(const ApiRequest& request) {
  wf::Result<wf::Value> form = intake_.form(request.params.at("code"));
  if (!form.ok()) return ApiResponse::error(form.status());
  return ApiResponse::ok(std::move(form).value());
}

}  // namespace portal::web
