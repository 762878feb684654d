#include "connectors/rpa/rpa_connector.h"

namespace connectors {

void RpaConnector::add(const std::string& system, std::unique_ptr<LineSystem> line_system) {
  systems_[system] = std::move(line_system);
}

wf::Result<LineSystem*> RpaConnector::systemOf(const wf::JobContext& job, const char* type) {
  const std::string& element = job.job.element_id;
  const size_t dot = element.find('.');
  const std::string system = dot == std::string::npos ? std::string() : element.substr(0, dot);
  const auto found = systems_.find(system);
  if (found != systems_.end()) return found->second.get();
  std::string known;
  for (const auto& [id, unused] : systems_) known += (known.empty() ? "" : ", ") + id;
  return wf::Status::invalid(std::string(type) + ": the task " + element +
                             " names no connected line system (its id must start with "
                             "\"<system>.\"; connected: " +
                             (known.empty() ? "none" : known) + ")");
}

wf::Result<wf::Value> RpaConnector::push(const wf::JobContext& job) {
  ASSIGN_OR_RETURN(LineSystem* const system, systemOf(job, kPushJob));
  return system->push(job.variables, job.job.id);
}

wf::Result<wf::Value> RpaConnector::fetch(const wf::JobContext& job) {
  ASSIGN_OR_RETURN(LineSystem* const system, systemOf(job, kFetchJob));
  return system->fetch(job.variables, job.job.id);
}

void RpaConnector::registerWith(wf::Engine& engine) {
  engine.registerJobHandler(kPushJob, [this](const wf::JobContext& job) { return push(job); });
  engine.registerJobHandler(kFetchJob, [this](const wf::JobContext& job) { return fetch(job); });
}

}  // namespace connectors
