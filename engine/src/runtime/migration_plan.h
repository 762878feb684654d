// Migration of a running instance to another version of its process: the
// plan maps every element instance to an element of the target version —
// by the activity mapping given, else by the same id — and is checked as a
// whole before anything moves. A plan with problems lists them all.
#pragma once

#include <map>
#include <string>

#include "model/model.h"
#include "runtime/instance_runtime.h"
#include "wf/status.h"

namespace wf::runtime {

// Source element index -> target element index, for every element that
// has an element instance now.
using MigrationPlan = std::map<int, int>;

// InvalidArgument naming each element that cannot move (no counterpart,
// another kind, another enclosing scope, multi-instance on one side only)
// and each token waiting at a join; details carry the list as "problems".
Result<MigrationPlan> planMigration(const model::Process& from, const model::Process& to,
                                    const InstanceRuntime& state,
                                    const std::map<std::string, std::string>& mapping);

}  // namespace wf::runtime
