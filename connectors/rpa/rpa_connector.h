// RpaConnector: 智能数据跨平台交换 (the data exchange robot) as the job types
// `rpa.push` (data entered at the hall goes into a department's line
// system) and `rpa.fetch` (what the department entered there comes back
// into the case). Each is a service task of a model
// (hall:connector="rpa.push"), so the call is an engine job written in the
// same transaction as the state that reaches it — the outbox — retried
// with backoff by the engine and raised as an incident after the last
// retry.
//
// Which line system a task works is named by its element id: the part
// before the first "." is the system (`linesys-web.push`,
// `linesys-json.fetch_decision`), whose script is
// models/connectors/rpa/<system>.xml. The job's result — the variables the
// script's <extract> steps name — is merged into the case.
//
// Thread-safety: the handlers may run on many job workers at once; each
// line system guards itself.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "connectors/rpa/line_system.h"
#include "wf/engine.h"

namespace connectors {

class RpaConnector {
 public:
  static constexpr const char* kPushJob = "rpa.push";
  static constexpr const char* kFetchJob = "rpa.fetch";

  // Before registerWith: the systems it can reach, by system id.
  void add(const std::string& system, std::unique_ptr<LineSystem> line_system);
  bool empty() const { return systems_.empty(); }

  wf::Result<wf::Value> push(const wf::JobContext& job);
  wf::Result<wf::Value> fetch(const wf::JobContext& job);
  void registerWith(wf::Engine& engine);

 private:
  wf::Result<LineSystem*> systemOf(const wf::JobContext& job, const char* type);

  std::map<std::string, std::unique_ptr<LineSystem>> systems_;
};

}  // namespace connectors
