#include "connectors/notify/notify_connector.h"

namespace connectors {

namespace {

std::string textOf(const wf::Value& variables, const char* name) {
  const wf::Value* v = variables.isObject() ? variables.find(name) : nullptr;
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

}  // namespace

wf::Result<std::string> NotifyConnector::send(const std::string& channel, const wf::Value& body,
                                              const std::string& idempotency_key,
                                              const std::string& what) {
  const CityReply reply = client_.send("POST", "/" + channel, body.toJson(), idempotency_key);
  if (!reply.ok()) {
    const std::string why = what + ": " + reply.describe(client_.config().name);
    return reply.retryable() ? wf::Status::unavailable(why) : wf::Status::invalid(why);
  }
  std::string parse_error;
  const std::optional<wf::Value> answer = wf::Value::parseJson(reply.body, &parse_error);
  const wf::Value* id = answer && answer->isObject() ? answer->find("messageId") : nullptr;
  if (id == nullptr || !id->isString()) {
    return wf::Status::unavailable(what + ": " + client_.config().name +
                                   " answered without messageId: " + reply.body.substr(0, 300));
  }
  return id->asString();
}

wf::Result<wf::Value> NotifyConnector::notice(const wf::JobContext& job) {
  const std::string& type = job.job.type;
  const char* template_code = type == kSupplementJob ? "HALL_SUPPLEMENT"
                              : type == kIssuedJob   ? "HALL_ISSUED"
                                                     : nullptr;
  if (template_code == nullptr) {
    return wf::permanentJobFailure(wf::Status::invalid(type + ": no notice of this type"));
  }
  const std::string case_code = textOf(job.variables, "caseCode");
  const wf::Value nobody(
      wf::Object{{job.job.element_id, wf::Value(wf::Object{{"channel", wf::Value("none")}})}});
  // Not a case accepted at the hall (a demo's or a test's instance).
  if (case_code.empty()) return nobody;
  ASSIGN_OR_RETURN(const NoticeRecipient to, recipients_.recipientOf(case_code));
  const wf::Value params(
      wf::Object{{"caseCode", wf::Value(case_code)},
                 {"matterName", wf::Value(textOf(job.variables, "matterName"))}});
  const bool sms = !to.phone.empty();
  // Nobody to tell: the case has neither a phone nor a resident ID number.
  if (!sms && to.id_number.empty()) return nobody;
  const wf::Value body(wf::Object{
      {sms ? "phone" : "idNumber", wf::Value(sms ? to.phone : to.id_number)},
      {"templateCode", wf::Value(template_code)},
      {"params", params},
  });
  const wf::Result<std::string> message_id =
      send(sms ? "sms" : "push", body, "hall-job-" + job.job.id, type);
  if (!message_id.ok()) {
    // A refusal will not mend by retrying: an incident at once.
    return message_id.status().code() == wf::StatusCode::Unavailable
               ? message_id.status()
               : wf::permanentJobFailure(message_id.status());
  }
  return wf::Value(wf::Object{
      {job.job.element_id, wf::Value(wf::Object{{"messageId", wf::Value(*message_id)},
                                                {"channel", wf::Value(sms ? "sms" : "push")}})}});
}

void NotifyConnector::registerWith(wf::Engine& engine) {
  for (const char* type : {kSupplementJob, kIssuedJob}) {
    engine.registerJobHandler(type, [this](const wf::JobContext& job) { return notice(job); });
  }
}

wf::Status NotifyConnector::sendCall(const std::string& phone, const std::string& number,
                                     const std::string& window,
                                     const std::string& idempotency_key) {
  const wf::Value body(wf::Object{
      {"phone", wf::Value(phone)},
      {"templateCode", wf::Value("HALL_CALL")},
      {"params",
       wf::Value(wf::Object{{"number", wf::Value(number)}, {"window", wf::Value(window)}})},
  });
  const wf::Result<std::string> sent = send("sms", body, idempotency_key, "call " + number);
  return sent.ok() ? wf::Status::ok() : sent.status();
}

}  // namespace connectors
