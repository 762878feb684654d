#include "connectors/caselib/caselib_connector.h"

#include "wf/value.h"

namespace connectors {

wf::Status CaselibConnector::report(const CaseStatusChange& change) {
  wf::Object body{{"status", wf::Value(change.status)},
                  {"at", wf::Value(change.at_ms)},
                  {"seq", wf::Value(change.seq)},
                  {"matterCode", wf::Value(change.matter_code)}};
  if (!change.dept.empty()) body.emplace("dept", wf::Value(change.dept));
  const CityReply reply = client_.send("POST", "/cases/" + change.case_code + "/statuses",
                                       wf::Value(std::move(body)).toJson(),
                                       change.case_code + ":" + std::to_string(change.seq));
  if (reply.ok()) return wf::Status::ok();
  return reply.failure("caselib " + change.case_code + " seq " + std::to_string(change.seq),
                       client_.config().name);
}

}  // namespace connectors
