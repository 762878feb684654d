// RatingRoutes: 好差评 at the hall, and the 整改 that a poor rating opens.
//   POST /api/v1/ratings                        (public: the visitor)
//        {ticketToken | caseCode, level 1–5, channel, comment?}
//        → 201 {ratingId, serviceType, level, followUp: level ≤ 2}.
//        The visitor's credential is what they hold: the status token of
//        their ticket (the slip's QR code) or the case code (the receipt's
//        QR code). A signed-in clerk cannot rate their own service (403);
//        one rating per visit and per case (409); bad input names its field.
//   GET  /api/v1/ratings/follow-ups             (manager)
//        the open 整改 tasks, oldest first, each with its rating (level,
//        comment, window, clerk, caseCode or ticket number) and due date.
//   POST /api/v1/ratings/follow-ups/{id}/complete  (manager)
//        {actions: "what was done"} (1–1000 characters) — claims the task for
//        the manager and completes it with followUp {actions, by}.
//
// Thread-safety: the desk and the Engine are thread-safe; no state of its own.
#pragma once

#include "portal/domain/rating_desk.h"
#include "portal/web/router.h"
#include "wf/engine.h"

namespace portal::web {

class RatingRoutes {
 public:
  RatingRoutes(hall::domain::RatingDesk& desk, wf::Engine& engine) : desk_(desk), engine_(engine) {}

  void addTo(Router& router);

  ApiResponse rate(const ApiRequest& request);
  ApiResponse followUps(const ApiRequest& request);
  ApiResponse completeFollowUp(const ApiRequest& request);

 private:
  hall::domain::RatingDesk& desk_;
  wf::Engine& engine_;
};

}  // namespace portal::web
