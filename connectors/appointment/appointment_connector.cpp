#include "connectors/appointment/appointment_connector.h"

#include <cmath>

namespace connectors {

namespace {

std::string textOf(const wf::Value& object, const char* name) {
  const wf::Value* v = object.find(name);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

bool wholeNumberOf(const wf::Value& object, const char* name, int64_t* out) {
  const wf::Value* v = object.find(name);
  if (v == nullptr || !v->isNumber() || std::trunc(v->asNumber()) != v->asNumber()) return false;
  *out = static_cast<int64_t>(v->asNumber());
  return true;
}

// One entry of the day's list, or why it cannot be taken.
wf::Result<CityAppointment> appointmentOf(const wf::Value& entry) {
  if (!entry.isObject()) return wf::Status::invalid("an entry that is not an object");
  CityAppointment a;
  a.code = textOf(entry, "code");
  if (a.code.empty()) return wf::Status::invalid("an entry without code");
  const std::string which = "appointment " + a.code + ": ";
  a.queue = textOf(entry, "queue");
  if (a.queue.empty()) return wf::Status::invalid(which + "no queue");
  if (!wholeNumberOf(entry, "slotStart", &a.slot_start) ||
      !wholeNumberOf(entry, "slotEnd", &a.slot_end) || a.slot_end <= a.slot_start) {
    return wf::Status::invalid(which + "slotStart and slotEnd must be epoch ms, end after start");
  }
  a.matter_code = textOf(entry, "matterCode");
  a.matter_name = textOf(entry, "matterName");
  a.status = textOf(entry, "status");
  const wf::Value* holder = entry.find("holder");
  if (holder == nullptr || !holder->isObject()) return wf::Status::invalid(which + "no holder");
  a.holder_name = textOf(*holder, "name");
  a.id_number = textOf(*holder, "idNumber");
  a.phone = textOf(*holder, "phone");
  if (a.id_number.empty()) return wf::Status::invalid(which + "the holder has no idNumber");
  return a;
}

}  // namespace

AppointmentConnector::AppointmentConnector(CityClient& client)
    : client_(client),
      hall_code_(client.config().sync ? client.config().sync->hall_code : std::string()) {}

wf::Status AppointmentConnector::failure(const CityReply& reply, const std::string& what) const {
  const std::string why = what + ": " + reply.describe(client_.config().name);
  if (reply.retryable()) return wf::Status::unavailable(why);
  if (reply.status == 409) return wf::Status::conflict(why);
  if (reply.status == 401 || reply.status == 403) return wf::Status::unavailable(why);
  return wf::Status::invalid(why);
}

wf::Result<DayAppointments> AppointmentConnector::fetchDay(const std::string& date) {
  const std::string what = "the appointments of " + date;
  const CityReply reply =
      client_.send("GET", "/halls/" + hall_code_ + "/appointments?date=" + date, "");
  if (!reply.ok()) return failure(reply, what);
  const std::optional<wf::Value> answer = wf::Value::parseJson(reply.body);
  const wf::Value* list = answer && answer->isObject() ? answer->find("appointments") : nullptr;
  if (list == nullptr || !list->isArray()) {
    return wf::Status::unavailable(
        what + ": " + client_.config().name +
        " answered without an appointments list: " + reply.body.substr(0, 300));
  }
  DayAppointments day;
  for (const wf::Value& entry : list->asArray()) {
    wf::Result<CityAppointment> a = appointmentOf(entry);
    if (a.ok()) {
      day.appointments.push_back(std::move(a).value());
    } else {
      day.refused.push_back(a.status().message());
    }
  }
  return day;
}

wf::Status AppointmentConnector::report(const std::string& code, const char* verb, int64_t at) {
  const wf::Value body(wf::Object{{"at", wf::Value(at)}});
  const CityReply reply = client_.send("POST", "/appointments/" + code + "/" + verb, body.toJson(),
                                       "hall-appointment-" + code + "-" + verb);
  if (!reply.ok()) return failure(reply, std::string(verb) + " of appointment " + code);
  return wf::Status::ok();
}

wf::Status AppointmentConnector::checkIn(const std::string& code, int64_t at) {
  return report(code, "check-in", at);
}

wf::Status AppointmentConnector::noShow(const std::string& code, int64_t at) {
  return report(code, "no-show", at);
}

wf::Status AppointmentConnector::pushWaiting(const std::vector<QueueCount>& queues) {
  wf::Array rows;
  for (const QueueCount& q : queues) {
    rows.push_back(wf::Value(wf::Object{{"queue", wf::Value(q.queue)},
                                        {"waiting", wf::Value(q.waiting)},
                                        {"at", wf::Value(q.at)}}));
  }
  const wf::Value body(wf::Object{{"queues", wf::Value(std::move(rows))}});
  const CityReply reply = client_.send("PUT", "/halls/" + hall_code_ + "/waiting", body.toJson());
  if (!reply.ok()) return failure(reply, "the waiting counts");
  return wf::Status::ok();
}

}  // namespace connectors
