#include "connectors/onenet/onenet_connector.h"

#include <Poco/URI.h>

namespace connectors {

namespace {

std::string textOf(const wf::Value& variables, const char* name) {
  const wf::Value* v = variables.isObject() ? variables.find(name) : nullptr;
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

// A path segment or query value, percent-encoded.
std::string encoded(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, "/?#&=+%", out);
  return out;
}

}  // namespace

wf::Result<wf::Value> OnenetConnector::answerOf(const CityReply& reply, const std::string& what) {
  const std::string& name = client_.config().name;
  if (!reply.ok()) {
    const std::string why = what + ": " + reply.describe(name);
    if (reply.retryable()) return wf::Status::unavailable(why);
    if (reply.status == 404) return wf::Status::notFound(why);
    if (reply.status == 409) return wf::Status::conflict(why);
    return wf::Status::invalid(why);
  }
  std::string parse_error;
  std::optional<wf::Value> answer = wf::Value::parseJson(reply.body, &parse_error);
  if (!answer) {
    return wf::Status::unavailable(what + ": " + name + " answered what is not JSON (" +
                                   parse_error + ")");
  }
  return std::move(*answer);
}

wf::Result<wf::Value> OnenetConnector::submit(const wf::JobContext& job) {
  const std::string case_code = textOf(job.variables, "caseCode");
  const std::string matter_code = textOf(job.variables, "matterCode");
  if (case_code.empty()) {
    // Not a case accepted at the hall (a demo's or a test's instance):
    // nothing to report.
    return wf::Value(wf::Object{{"unifiedCode", wf::Value()}});
  }
  if (matter_code.empty()) {
    return wf::permanentJobFailure(wf::Status::invalid(std::string(kSubmitJob) + ": case " +
                                                       case_code + " has no matterCode"));
  }
  ASSIGN_OR_RETURN(const AcceptedCase accepted, cases_.acceptedCase(case_code));
  const wf::Value request(wf::Object{
      {"caseCode", wf::Value(case_code)},
      {"matterCode", wf::Value(matter_code)},
      {"applicant", wf::Value(wf::Object{{"name", wf::Value(accepted.applicant_name)},
                                         {"idType", wf::Value(accepted.applicant_id_type)},
                                         {"idNumber", wf::Value(accepted.applicant_id)}})},
      {"acceptedAt", wf::Value(accepted.accepted_at)},
      {"hallCode", wf::Value(hall_code_)},
      {"window", accepted.window.empty() ? wf::Value() : wf::Value(accepted.window)},
  });
  const CityReply reply =
      client_.send("POST", "/cases", request.toJson(), "hall-job-" + job.job.id);
  const wf::Result<wf::Value> answered = answerOf(reply, kSubmitJob);
  if (!answered.ok()) {
    // A refusal will not mend by retrying: an incident at once.
    return answered.status().code() == wf::StatusCode::Unavailable
               ? answered.status()
               : wf::permanentJobFailure(answered.status());
  }
  const wf::Value& answer = *answered;
  const wf::Value* code = answer.isObject() ? answer.find("unifiedCode") : nullptr;
  if (code == nullptr || !code->isString() || code->asString().empty()) {
    return wf::Status::unavailable(std::string(kSubmitJob) + ": " + client_.config().name +
                                   " answered without unifiedCode: " + reply.body.substr(0, 300));
  }
  const wf::Value* received = answer.find("receivedAt");
  return wf::Value(wf::Object{
      {"unifiedCode", *code},
      {"onenetSubmittedAt", received != nullptr && received->isNumber() ? *received : wf::Value()},
  });
}

void OnenetConnector::registerWith(wf::Engine& engine) {
  engine.registerJobHandler(kSubmitJob, [this](const wf::JobContext& job) { return submit(job); });
}

wf::Result<wf::Value> OnenetConnector::pendingOnlineCases() {
  const CityReply reply =
      client_.send("GET", "/online-cases?hallCode=" + encoded(hall_code_) + "&status=pending", "");
  ASSIGN_OR_RETURN(wf::Value answer, answerOf(reply, "online cases"));
  if (!answer.isArray()) {
    return wf::Status::unavailable("online cases: " + client_.config().name +
                                   " answered what is not a list");
  }
  return answer;
}

wf::Result<wf::Value> OnenetConnector::take(const std::string& id) {
  const wf::Value body(wf::Object{{"hallCode", wf::Value(hall_code_)}});
  const CityReply reply = client_.send("POST", "/online-cases/" + encoded(id) + "/take",
                                       body.toJson(), "hall-take-" + id);
  ASSIGN_OR_RETURN(wf::Value answer, answerOf(reply, "take online case " + id));
  if (!answer.isObject() || answer.find("matterCode") == nullptr ||
      answer.find("applicant") == nullptr) {
    return wf::Status::unavailable("take online case " + id + ": " + client_.config().name +
                                   " answered without matterCode and applicant");
  }
  return answer;
}

wf::Result<wf::Value> OnenetConnector::form(const std::string& matter_code) {
  const CityReply reply = client_.send("GET", "/matters/" + encoded(matter_code) + "/form", "");
  ASSIGN_OR_RETURN(wf::Value answer, answerOf(reply, "form of " + matter_code));
  if (!answer.isObject() || answer.find("fields") == nullptr) {
    return wf::Status::unavailable("form of " + matter_code + ": " + client_.config().name +
                                   " answered without fields");
  }
  return answer;
}

}  // namespace connectors
