// EngineRoutes: the /api/v1 endpoints over a wf::Engine, shaped after
// Camunda 7 REST where the concept is the same. Each handler parses its
// input, makes one engine call and maps the result; no business rules here.
//
// Thread-safety: the Engine is thread-safe, and the handlers keep no state
// of their own, so they run on every server thread at once.
#pragma once

#include "portal/web/router.h"
#include "wf/engine.h"

namespace portal::web {

class EngineRoutes {
 public:
  // The engine must outlive the router the routes are added to.
  explicit EngineRoutes(wf::Engine& engine) : engine_(engine) {}

  void addTo(Router& router);

  ApiResponse deploy(const ApiRequest& request);
  ApiResponse listDefinitions(const ApiRequest& request);
  ApiResponse startInstance(const ApiRequest& request);
  ApiResponse getInstance(const ApiRequest& request);
  ApiResponse getHistory(const ApiRequest& request);
  ApiResponse listTasks(const ApiRequest& request);
  ApiResponse getTask(const ApiRequest& request);
  ApiResponse claimTask(const ApiRequest& request);
  ApiResponse completeTask(const ApiRequest& request);
  ApiResponse listJobs(const ApiRequest& request);
  ApiResponse evaluateDecision(const ApiRequest& request);
  ApiResponse listIncidents(const ApiRequest& request);
  ApiResponse retryIncident(const ApiRequest& request);
  ApiResponse skipIncident(const ApiRequest& request);
  ApiResponse resolveIncident(const ApiRequest& request, bool skip);
  ApiResponse claimNextTask(const ApiRequest& request);
  ApiResponse unclaimTask(const ApiRequest& request);
  ApiResponse delegateTask(const ApiRequest& request);
  ApiResponse cancelInstance(const ApiRequest& request);
  ApiResponse suspendInstance(const ApiRequest& request);
  ApiResponse resumeInstance(const ApiRequest& request);
  ApiResponse correlateMessage(const ApiRequest& request);
  ApiResponse broadcastSignal(const ApiRequest& request);
  ApiResponse listQueues(const ApiRequest& request);
  ApiResponse migrateInstance(const ApiRequest& request);
  ApiResponse setQueue(const ApiRequest& request);

 private:
  wf::Engine& engine_;
};

}  // namespace portal::web
