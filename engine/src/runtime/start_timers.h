// Timer start events of a process: each is a job of its definition (not of
// an instance) due when the timer fires. Firing starts an instance and, for
// a cycle, arms the next firing in the same transaction; deploying a newer
// version cancels the older version's timers.
#pragma once

#include <optional>
#include <string>

#include "model/model.h"
#include "wf/ports/store.h"

namespace wf::runtime {

// The first firing of `start` (timeDate, timeDuration from now, or the
// first of a timeCycle), as a pending job with id `id`.
Result<StoredJob> firstStartTimerJob(const model::Element& start, const std::string& definition_id,
                                     int64_t now, std::string id);
// The firing after `fired` for a cycle that has firings left; nullopt when
// the timer does not repeat (any more). Firings missed during an outage are
// not repeated one by one: the next is the first still ahead of `now`.
std::optional<StoredJob> nextStartTimerJob(const model::Element& start, const JobInfo& fired,
                                           int64_t now, std::string id);

}  // namespace wf::runtime
