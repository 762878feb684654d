// ClerkTaskRoutes: the window's own part of a case after acceptance — the
// tasks the matter processes offer to the clerks (candidate group "clerk"):
//   GET  /api/v1/clerk/tasks?queue=supplement|issue
//        open tasks of that queue, oldest first, each with its case: case
//        code, matter, applicant (masked, as the case keeps it), the
//        departments' reviews (what to supplement and why) and, once issued,
//        the licence
//   POST /api/v1/clerk/tasks/{id}/complete
//        补正 (queue supplement): {materials: [material ids received]} — at
//        least one; the case goes back to the departments
//        出证 (queue issue): {delivery: window | express} — the licence is
//        handed over at the window or sent by post; when the city's express
//        platform takes waybills (sealRecipientsWith), express needs
//        recipient {name, phone, address, district}, kept sealed
// Completing claims the task for the caller first, so two clerks cannot
// both complete it: the second gets 409 and nothing changes. A task that is
// not a clerk's (another queue, a department's) is 403.
//
// Thread-safety: the Engine is thread-safe; no state of its own.
#pragma once

#include <functional>
#include <string>

#include "portal/web/router.h"
#include "wf/engine.h"

namespace portal::web {

class ClerkTaskRoutes {
 public:
  explicit ClerkTaskRoutes(wf::Engine& engine) : engine_(engine) {}

  void addTo(Router& router);

  // Checks and seals an express hand-over's `recipient` member (null when
  // absent) into the case variable `recipient`; set by the app when the
  // city's express platform is connected. Call before serving.
  using RecipientSealer = std::function<wf::Result<wf::Value>(const wf::Value* recipient)>;
  void sealRecipientsWith(RecipientSealer seal) { seal_recipient_ = std::move(seal); }

  ApiResponse list(const ApiRequest& request);
  ApiResponse complete(const ApiRequest& request);

  static constexpr const char* kGroup = "clerk";
  static constexpr const char* kSupplementQueue = "supplement";
  static constexpr const char* kIssueQueue = "issue";

 private:
  // The task with its case, as the list shows it.
  wf::Value withCase(const wf::TaskInfo& task) const;
  ApiResponse supplement(const ApiRequest& request, const wf::Value& body,
                         const wf::TaskInfo& task);
  ApiResponse handOver(const ApiRequest& request, const wf::Value& body, const wf::TaskInfo& task);

  wf::Engine& engine_;
  RecipientSealer seal_recipient_;
};

}  // namespace portal::web
