// ModelRoutes: the analyst's endpoints under /api/v1 — process models with
// their versions, a version's document, lint, deploy a new version, and the
// cockpit's view of running instances (where they wait, per element).
//
//   GET  /api/v1/models[?q=]                              models by key, every version
//   GET  /api/v1/models/{key}/versions/{version}/xml      the document as deployed
//   POST /api/v1/models/lint          {resourceName?, xml} → {diagnostics, errors, warnings}
//   POST /api/v1/models/{key}/deploy  {resourceName?, xml} → 201 the new (or same) version;
//                                                            422 INVALID_MODEL with diagnostics
//   GET  /api/v1/models/{key}/versions/{version}/statistics   waiting tokens per element
//   GET  /api/v1/instances?definitionKey=&version=&limit=     running instances, oldest first
//
// One instance's path is its history (GET /api/v1/process-instances/{id}/history).
//
// Thread-safety: the Engine is thread-safe and the handlers keep no state,
// so they run on every server thread at once.
#pragma once

#include "portal/web/router.h"
#include "wf/engine.h"

namespace portal::web {

class ModelRoutes {
 public:
  // The engine must outlive the router the routes are added to.
  explicit ModelRoutes(wf::Engine& engine) : engine_(engine) {}

  // Adds the routes with the router's default access (the admin token).
  void addTo(Router& router);

  ApiResponse listModels(const ApiRequest& request);
  ApiResponse getXml(const ApiRequest& request);
  ApiResponse lint(const ApiRequest& request);
  ApiResponse deploy(const ApiRequest& request);
  ApiResponse statistics(const ApiRequest& request);
  ApiResponse listInstances(const ApiRequest& request);

 private:
  wf::Engine& engine_;
};

}  // namespace portal::web
