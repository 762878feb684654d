#include "connectors/express/express_connector.h"

namespace connectors {

namespace {

std::string textOf(const wf::Value* object, const char* name) {
  const wf::Value* v = object != nullptr && object->isObject() ? object->find(name) : nullptr;
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

}  // namespace

wf::Result<wf::Value> ExpressConnector::waybill(const wf::JobContext& job) {
  const PlatformConfig& config = client_.config();
  const std::string case_code = textOf(&job.variables, "caseCode");
  if (case_code.empty()) {
    return wf::Status::invalid(std::string(kWaybillJob) + ": the case has no caseCode");
  }
  if (!config.sender) {
    return wf::Status::invalid(std::string(kWaybillJob) + ": no <sender> in the " + config.id +
                               " connector file");
  }
  const wf::Value* sealed = job.variables.isObject() ? job.variables.find("recipient") : nullptr;
  if (sealed == nullptr || !sealed->isObject()) {
    return wf::Status::invalid(std::string(kWaybillJob) + ": case " + case_code +
                               " has no recipient (出证 by express names one)");
  }
  ASSIGN_OR_RETURN(const WaybillRecipient recipient, recipients_.recipientOf(*sealed));

  // The certificate: the issued licence, else the case itself.
  const wf::Value* licence = job.variables.find("licence");
  std::string number = textOf(licence, "number");
  std::string name = textOf(licence, "name");
  if (number.empty()) number = case_code;
  if (name.empty()) name = textOf(&job.variables, "matterName");
  if (name.empty()) name = "办件结果";

  wf::Object sender{{"name", wf::Value(config.sender->name)},
                    {"address", wf::Value(config.sender->address)}};
  if (!config.sender->phone.empty()) sender.emplace("phone", wf::Value(config.sender->phone));
  const wf::Value request(wf::Object{
      {"caseCode", wf::Value(case_code)},
      {"item",
       wf::Value(wf::Object{{"licenceNumber", wf::Value(number)}, {"name", wf::Value(name)}})},
      {"sender", wf::Value(std::move(sender))},
      {"recipient", wf::Value(wf::Object{{"name", wf::Value(recipient.name)},
                                         {"phone", wf::Value(recipient.phone)},
                                         {"address", wf::Value(recipient.address)},
                                         {"district", wf::Value(recipient.district)}})},
  });
  const CityReply reply =
      client_.send("POST", "/waybills", request.toJson(), "hall-job-" + job.job.id);
  ASSIGN_OR_RETURN(const wf::Value answer, reply.jsonObject(kWaybillJob, config.name));
  const wf::Value* waybill_no = answer.find("waybillNo");
  if (waybill_no == nullptr || !waybill_no->isString() || waybill_no->asString().empty()) {
    return wf::Status::unavailable(std::string(kWaybillJob) + ": " + config.name +
                                   " answered without waybillNo: " + reply.body.substr(0, 300));
  }
  const wf::Value* created_at = answer.find("createdAt");
  return wf::Value(
      wf::Object{{"waybill", wf::Value(wf::Object{
                                 {"number", *waybill_no},
                                 {"createdAt", created_at != nullptr ? *created_at : wf::Value()},
                                 {"district", wf::Value(recipient.district)},
                             })}});
}

void ExpressConnector::registerWith(wf::Engine& engine) {
  engine.registerJobHandler(kWaybillJob,
                            [this](const wf::JobContext& job) { return waybill(job); });
}

}  // namespace connectors
