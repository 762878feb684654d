// LineSystem: one department line system as the RPA connector drives it —
// push the hall's case into it, fetch what the department entered back —
// by its script (rpa_script.h). WebRobot works an old web app's pages,
// JsonLineSystem a JSON API. Both answer the variables their script's
// <extract> steps name, which become the case's (the job's result).
//
// The helpers below are what both share: a step's failure says the system,
// the section, the step as written and where it is in the script.
#pragma once

#include <string>

#include "connectors/rpa/rpa_script.h"
#include "wf/status.h"
#include "wf/value.h"

namespace connectors {

class LineSystem {
 public:
  virtual ~LineSystem() = default;
  // `job_id` keys the request (Idempotency-Key hall-job-<id>) where the
  // system takes one.
  virtual wf::Result<wf::Value> push(const wf::Value& variables, const std::string& job_id) = 0;
  virtual wf::Result<wf::Value> fetch(const wf::Value& variables, const std::string& job_id) = 0;
};

// "linesys-web push: step <expect text="登记成功"> (file:31:7): why" —
// Unavailable when `retryable` (the system may get over it), else
// InvalidArgument.
wf::Status stepFailed(const RpaScript& script, const std::string& section, const RpaStep& step,
                      const std::string& why, bool retryable);

// The variable as form text: a string as it is, a whole number without
// ".0", true/false; NotFound (a failure of `step`) when absent or null.
wf::Result<std::string> variableText(const RpaScript& script, const std::string& section,
                                     const RpaStep& step, const wf::Value& variables,
                                     const std::string& name);

// `pattern` with each {name} replaced by the variable, URL-encoded.
wf::Result<std::string> expandPlaceholders(const RpaScript& script, const std::string& section,
                                           const RpaStep& step, const wf::Value& variables,
                                           const std::string& pattern);

}  // namespace connectors
