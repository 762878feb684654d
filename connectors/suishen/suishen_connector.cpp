#include "connectors/suishen/suishen_connector.h"

namespace connectors {

namespace {

std::string textOf(const wf::Value& object, const char* name) {
  const wf::Value* v = object.find(name);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

}  // namespace

wf::Result<SuishenHolder> SuishenConnector::verify(const std::string& code) {
  const std::string& platform = client_.config().name;
  const wf::Value request(wf::Object{{"code", wf::Value(code)}});
  const CityReply reply = client_.send("POST", "/codes/verify", request.toJson());
  if (reply.status == 400) {
    const std::string reason = reply.errorCode();
    const std::string why = reason == "CODE_EXPIRED"   ? "the code has expired; show a fresh one"
                            : reason == "CODE_INVALID" ? "not a valid 随申码"
                                                       : "refused by " + platform;
    return wf::Status::invalid(
        "suishenCode: " + why,
        wf::Value(wf::Object{{"field", wf::Value("suishenCode")}, {"reason", wf::Value(reason)}}));
  }
  if (!reply.ok()) return wf::Status::unavailable(reply.describe(platform));
  const std::optional<wf::Value> answer = wf::Value::parseJson(reply.body);
  SuishenHolder holder;
  if (answer && answer->isObject()) {
    holder.name = textOf(*answer, "name");
    holder.id_number = textOf(*answer, "idNumber");
    holder.phone = textOf(*answer, "phone");
  }
  if (holder.name.empty() || holder.id_number.empty()) {
    return wf::Status::unavailable(platform + " answered without the holder's name and idNumber");
  }
  return holder;
}

}  // namespace connectors
