// Completing a user task for the person calling: claims it for them first
// (already theirs is fine), so two people cannot both complete it — the
// second gets 409 Conflict ("已由 <login> 办理") and nothing changes.
//
// Thread-safety: the Engine is thread-safe; no state.
#pragma once

#include "portal/web/api_request.h"
#include "wf/engine.h"

namespace portal::web {

// 204 when completed with `variables`, else the error.
ApiResponse claimAndComplete(wf::Engine& engine, const ApiRequest& request,
                             const wf::TaskInfo& task, const wf::Value& variables);

}  // namespace portal::web
