#include "tools/citysim/appointment_platform.h"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <vector>

#include "portal/domain/id_number.h"
#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

// Epoch ms from 2000-01-01 to 2100-01-01.
constexpr int64_t kEarliestMs = 946'684'800'000;
constexpr int64_t kLatestMs = 4'102'444'800'000;

bool isCodeText(const std::string& text, bool lower_only) {
  return !text.empty() && text.size() <= 32 &&
         std::all_of(text.begin(), text.end(), [lower_only](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_' ||
                  (!lower_only && c >= 'A' && c <= 'Z');
         });
}

std::optional<PlatformResponse> optionalText(const wf::Value& body, const char* field,
                                             std::string* out) {
  const wf::Value* v = body.find(field);
  if (v == nullptr || v->isNull()) return std::nullopt;
  return requiredText(body, field, 256, out);
}

PlatformResponse conflict(const std::string& message, std::string_view field = {}) {
  return errorResponse(409, "CONFLICT", message, field);
}

}  // namespace

PlatformResponse AppointmentPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  const std::string& m = request.method;
  if (s.size() == 1 && s[0] == "appointments") {
    return m == "POST" ? book(request, stats) : methodNotAllowed(request);
  }
  if (s.size() == 2 && s[0] == "appointments") {
    return m == "GET" ? read(s[1]) : methodNotAllowed(request);
  }
  if (s.size() == 3 && s[0] == "appointments" && (s[2] == "check-in" || s[2] == "no-show")) {
    if (m != "POST") return methodNotAllowed(request);
    return report(request, s[1], s[2] == "check-in" ? "checked-in" : "no-show", stats);
  }
  if (s.size() == 3 && s[0] == "halls" && s[2] == "appointments") {
    return m == "GET" ? day(request, s[1]) : methodNotAllowed(request);
  }
  if (s.size() == 3 && s[0] == "halls" && s[2] == "waiting") {
    if (m == "PUT") return putWaiting(request, s[1]);
    if (m == "GET") return getWaiting(s[1]);
    return methodNotAllowed(request);
  }
  return notFound("no endpoint of 市统一预约平台 at " + request.path);
}

PlatformResponse AppointmentPlatform::book(const PlatformRequest& request, PlatformStats& stats) {
  std::string key;
  if (auto refusal = idempotencyKeyOf(request, &key)) return *refusal;
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  Appointment a;
  if (auto refusal = requiredText(body, "hallCode", 32, &a.hall_code)) return *refusal;
  if (!isCodeText(a.hall_code, false)) {
    return invalidArgument("hallCode", "expected 1 to 32 of A-Z a-z 0-9 - _");
  }
  if (auto refusal = requiredText(body, "queue", 32, &a.queue)) return *refusal;
  if (!isCodeText(a.queue, true))
    return invalidArgument("queue", "expected 1 to 32 of a-z 0-9 - _");
  if (auto refusal = optionalText(body, "matterCode", &a.matter_code)) return *refusal;
  if (auto refusal = optionalText(body, "matterName", &a.matter_name)) return *refusal;
  if (auto refusal = wholeNumber(body, "slotStart", kEarliestMs, kLatestMs, &a.slot_start)) {
    return *refusal;
  }
  if (auto refusal = wholeNumber(body, "slotEnd", kEarliestMs, kLatestMs, &a.slot_end)) {
    return *refusal;
  }
  if (a.slot_end <= a.slot_start) return invalidArgument("slotEnd", "must be after slotStart");
  if (beijingDay(a.slot_end - 1) != beijingDay(a.slot_start)) {
    return invalidArgument("slotEnd", "must be on the day of slotStart");
  }
  const wf::Value* holder = body.find("holder");
  if (holder == nullptr || holder->isNull()) return invalidArgument("holder", "is required");
  if (!holder->isObject()) return invalidArgument("holder", "must be an object");
  if (auto refusal = requiredText(*holder, "name", 64, &a.holder_name)) {
    return invalidArgument("holder.name", "must be a string of 1 to 64 bytes");
  }
  if (auto refusal = requiredText(*holder, "idNumber", 32, &a.id_number)) {
    return invalidArgument("holder.idNumber", "is required");
  }
  if (const wf::Status valid =
          hall::domain::validateIdNumber(a.id_number, beijingDate(request.now_ms));
      !valid.isOk()) {
    return invalidArgument("holder.idNumber", valid.message());
  }
  if (const wf::Value* phone = holder->find("phone"); phone != nullptr && !phone->isNull()) {
    if (!phone->isString() || !hall::domain::validPhone(phone->asString())) {
      return invalidArgument("holder.phone", "expected an 11-digit mobile number starting with 1");
    }
    a.phone = phone->asString();
  }
  a.fingerprint = wf::Value(wf::Object{{"h", wf::Value(a.hall_code)},
                                       {"q", wf::Value(a.queue)},
                                       {"mc", wf::Value(a.matter_code)},
                                       {"mn", wf::Value(a.matter_name)},
                                       {"s", wf::Value(a.slot_start)},
                                       {"e", wf::Value(a.slot_end)},
                                       {"n", wf::Value(a.holder_name)},
                                       {"i", wf::Value(a.id_number)},
                                       {"p", wf::Value(a.phone)}})
                      .toJson();

  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto seen = booked_by_key_.find(key); seen != booked_by_key_.end()) {
    const Appointment& earlier = appointments_.at(seen->second);
    if (earlier.fingerprint != a.fingerprint) {
      return conflict("Idempotency-Key " + key +
                      " was used for another appointment; 市统一预约平台 booked " + earlier.code +
                      " under it");
    }
    ++stats.duplicates;
    wf::Object answer = toValue(earlier).asObject();
    answer["replayed"] = wf::Value(true);
    return jsonResponse(200, wf::Value(std::move(answer)));
  }
  char code[16];
  std::snprintf(code, sizeof(code), "0%07lld", static_cast<long long>(serial_++ % 10'000'000));
  a.code = code;
  booked_by_key_.emplace(key, a.code);
  const auto [stored, inserted] = appointments_.insert_or_assign(a.code, std::move(a));
  ++stats.issued;
  return jsonResponse(201, toValue(stored->second));
}

PlatformResponse AppointmentPlatform::day(const PlatformRequest& request,
                                          const std::string& hall_code) {
  const auto date = request.query.find("date");
  if (date == request.query.end() || date->second.empty()) {
    return invalidArgument("date", "the query parameter is required");
  }
  if (date->second.size() != 10 || !wf::parseDate(date->second)) {
    return invalidArgument("date", "expected YYYY-MM-DD, got \"" + date->second + "\"");
  }
  std::vector<const Appointment*> found;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [code, a] : appointments_) {
    if (a.hall_code == hall_code && beijingDay(a.slot_start) == date->second) found.push_back(&a);
  }
  std::sort(found.begin(), found.end(), [](const Appointment* x, const Appointment* y) {
    return std::tie(x->slot_start, x->code) < std::tie(y->slot_start, y->code);
  });
  wf::Array rows;
  for (const Appointment* a : found) rows.push_back(toValue(*a));
  return jsonResponse(200, wf::Value(wf::Object{{"hallCode", wf::Value(hall_code)},
                                                {"date", wf::Value(date->second)},
                                                {"appointments", wf::Value(std::move(rows))}}));
}

PlatformResponse AppointmentPlatform::read(const std::string& code) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = appointments_.find(code);
  if (found == appointments_.end()) return notFound("市统一预约平台 has no appointment " + code);
  return jsonResponse(200, toValue(found->second));
}

PlatformResponse AppointmentPlatform::report(const PlatformRequest& request,
                                             const std::string& code, const std::string& status,
                                             PlatformStats& stats) {
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  int64_t at = 0;
  if (auto refusal = wholeNumber(body, "at", kEarliestMs, kLatestMs, &at)) return *refusal;

  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = appointments_.find(code);
  if (found == appointments_.end()) return notFound("市统一预约平台 has no appointment " + code);
  Appointment& a = found->second;
  if (a.status == status) {
    ++stats.duplicates;
    wf::Object answer = toValue(a).asObject();
    answer["replayed"] = wf::Value(true);
    return jsonResponse(200, wf::Value(std::move(answer)));
  }
  if (a.status != "booked") {
    return conflict("appointment " + code + " is reported " + a.status + " already", "code");
  }
  const std::string slot_day = beijingDay(a.slot_start);
  if (beijingDay(at) != slot_day) {
    return invalidArgument("at", "outside the appointment's day " + slot_day);
  }
  if (status == "no-show" && at < a.slot_end) {
    return invalidArgument("at", "before the end of the appointment's slot");
  }
  if (at > request.now_ms + 300'000) return invalidArgument("at", "in the future");
  a.status = status;
  a.reported_at = at;
  ++stats.issued;
  return jsonResponse(200, toValue(a));
}

PlatformResponse AppointmentPlatform::putWaiting(const PlatformRequest& request,
                                                 const std::string& hall_code) {
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  const wf::Value* queues = body.find("queues");
  if (queues == nullptr || queues->isNull()) return invalidArgument("queues", "is required");
  if (!queues->isArray()) return invalidArgument("queues", "must be an array");
  if (queues->asArray().size() > 256) return invalidArgument("queues", "at most 256 queues");
  std::map<std::string, QueueWaiting> update;
  for (size_t i = 0; i < queues->asArray().size(); ++i) {
    const wf::Value& q = queues->asArray()[i];
    const std::string at_field = "queues[" + std::to_string(i) + "]";
    if (!q.isObject()) return invalidArgument(at_field, "must be an object");
    std::string queue;
    QueueWaiting w;
    if (requiredText(q, "queue", 32, &queue) || !isCodeText(queue, true)) {
      return invalidArgument(at_field + ".queue", "expected 1 to 32 of a-z 0-9 - _");
    }
    if (wholeNumber(q, "waiting", 0, 100'000, &w.waiting)) {
      return invalidArgument(at_field + ".waiting", "expected a whole number from 0 to 100000");
    }
    if (wholeNumber(q, "at", kEarliestMs, kLatestMs, &w.at)) {
      return invalidArgument(at_field + ".at", "expected epoch ms");
    }
    if (!update.emplace(queue, w).second) {
      return invalidArgument(at_field + ".queue", "given twice: " + queue);
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<std::string, QueueWaiting>& hall = waiting_[hall_code];
  for (const auto& [queue, w] : update) {
    const auto last = hall.find(queue);
    if (last != hall.end() && w.at < last->second.at) {
      return conflict("queues: the count of " + queue + " at " + std::to_string(w.at) +
                          " is older than the one kept (" + std::to_string(last->second.at) + ")",
                      "queues");
    }
  }
  for (const auto& [queue, w] : update) hall[queue] = w;
  return getWaitingLocked(hall_code);
}

PlatformResponse AppointmentPlatform::getWaiting(const std::string& hall_code) {
  std::lock_guard<std::mutex> lock(mutex_);
  return getWaitingLocked(hall_code);
}

PlatformResponse AppointmentPlatform::getWaitingLocked(const std::string& hall_code) const {
  wf::Array rows;
  if (const auto hall = waiting_.find(hall_code); hall != waiting_.end()) {
    for (const auto& [queue, w] : hall->second) {
      rows.push_back(wf::Value(wf::Object{{"queue", wf::Value(queue)},
                                          {"waiting", wf::Value(w.waiting)},
                                          {"at", wf::Value(w.at)}}));
    }
  }
  return jsonResponse(200, wf::Value(wf::Object{{"hallCode", wf::Value(hall_code)},
                                                {"queues", wf::Value(std::move(rows))}}));
}

wf::Value AppointmentPlatform::toValue(const Appointment& a) {
  wf::Object holder{{"name", wf::Value(a.holder_name)}, {"idNumber", wf::Value(a.id_number)}};
  holder.emplace("phone", a.phone.empty() ? wf::Value() : wf::Value(a.phone));
  wf::Object o{{"code", wf::Value(a.code)},
               {"hallCode", wf::Value(a.hall_code)},
               {"queue", wf::Value(a.queue)},
               {"matterCode", wf::Value(a.matter_code)},
               {"matterName", wf::Value(a.matter_name)},
               {"slotStart", wf::Value(a.slot_start)},
               {"slotEnd", wf::Value(a.slot_end)},
               {"holder", wf::Value(std::move(holder))},
               {"status", wf::Value(a.status)}};
  if (a.reported_at != 0) o.emplace("reportedAt", wf::Value(a.reported_at));
  return wf::Value(std::move(o));
}

}  // namespace hall::citysim
