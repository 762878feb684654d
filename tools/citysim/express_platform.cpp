#include "tools/citysim/express_platform.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "tools/citysim/fault_plan.h"
#include "tools/citysim/request_parts.h"

namespace hall::citysim {

namespace {

constexpr std::array<const char*, 4> kSteps = {"created", "collected", "in-transit", "delivered"};
constexpr int kDelivered = 3;

int stepOf(const std::string& name) {
  for (size_t i = 0; i < kSteps.size(); ++i) {
    if (name == kSteps[i]) return static_cast<int>(i);
  }
  return -1;
}

// The JSON object of a control body; an empty body is {}.
wf::Result<wf::Value> controlBody(const std::string& body) {
  if (body.empty()) return wf::Value(wf::Object{});
  std::string error;
  std::optional<wf::Value> json = wf::Value::parseJson(body, &error);
  if (!json) return fieldRefused("body", "is not JSON (" + error + ")");
  if (!json->isObject()) return fieldRefused("body", "must be a JSON object");
  return std::move(*json);
}

int64_t systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ExpressPlatform::ExpressPlatform(std::string key, std::optional<std::string> hall_url,
                                 std::chrono::milliseconds step_every,
                                 std::optional<connectors::Sm2Key> sm2_key)
    : sender_(kCallbackApp, std::move(key), std::move(sm2_key)),
      hall_url_(std::move(hall_url)),
      step_every_(step_every) {
  if (step_every_.count() > 0) stepper_ = std::thread([this] { stepByTime(); });
}

ExpressPlatform::~ExpressPlatform() {
  {
    std::lock_guard<std::mutex> lock(stepper_mutex_);
    stopping_ = true;
  }
  stepper_wake_.notify_all();
  if (stepper_.joinable()) stepper_.join();
}

void ExpressPlatform::stepByTime() {
  const auto poll = std::min(step_every_, std::chrono::milliseconds(100));
  std::unique_lock<std::mutex> lock(stepper_mutex_);
  while (!stepper_wake_.wait_for(lock, poll, [this] { return stopping_; })) {
    const int64_t now = systemNowMs();
    std::vector<std::string> due;
    {
      std::lock_guard<std::mutex> waybills(mutex_);
      for (const auto& [number, w] : waybills_) {
        const int64_t last = w.events.empty() ? w.created_at_ms : w.events.back().at_ms;
        if (w.step < kDelivered && last + step_every_.count() <= now) due.push_back(number);
      }
    }
    lock.unlock();
    for (const std::string& number : due) advance(number, "", now);
    lock.lock();
  }
}

PlatformResponse ExpressPlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  if (s.empty() || s[0] != "waybills" || s.size() > 2) {
    return errorResponse(404, "NOT_FOUND", "no endpoint of 市快递平台 at " + request.path);
  }
  const char* allowed = s.size() == 1 ? "POST" : "GET";
  if (request.method != allowed) {
    return errorResponse(405, "METHOD_NOT_ALLOWED",
                         request.method + " is not served at " + request.path);
  }
  return s.size() == 1 ? create(request, stats) : read(s[1]);
}

PlatformResponse ExpressPlatform::create(const PlatformRequest& request, PlatformStats& stats) {
  std::string key;
  if (auto refused = idempotencyKeyOf(request, &key)) return *refused;
  wf::Result<WaybillApplication> application = parseWaybillApplication(request.body);
  if (!application.ok()) return refusalResponse(application.status());
  const std::string fingerprint = application->fingerprint();

  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto seen = created_by_key_.find(key); seen != created_by_key_.end()) {
    if (seen->second.fingerprint != fingerprint) {
      return errorResponse(409, "CONFLICT",
                           "Idempotency-Key " + key +
                               " was used for another waybill; 市快递平台 created " +
                               seen->second.number + " under it");
    }
    ++stats.duplicates;
    wf::Object answer = createAnswer(waybills_.at(seen->second.number)).asObject();
    answer["replayed"] = wf::Value(true);
    return jsonResponse(200, wf::Value(std::move(answer)));
  }
  char number[24];
  std::snprintf(number, sizeof(number), "SH%010lld", static_cast<long long>(++sequence_));
  Waybill waybill;
  waybill.number = number;
  waybill.application = std::move(*application);
  waybill.created_at_ms = request.now_ms;
  created_by_key_.emplace(key, IdempotentCreate{fingerprint, waybill.number});
  const auto [stored, inserted] = waybills_.emplace(waybill.number, std::move(waybill));
  ++stats.issued;
  return jsonResponse(201, createAnswer(stored->second));
}

PlatformResponse ExpressPlatform::read(const std::string& number) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = waybills_.find(number);
  if (found == waybills_.end()) {
    return errorResponse(404, "NOT_FOUND", "市快递平台 has no waybill " + number);
  }
  return jsonResponse(200, fullWaybill(found->second));
}

PlatformResponse ExpressPlatform::control(const PlatformRequest& request) {
  const std::string& method = request.method;
  const std::vector<std::string> s = segmentsOf(request.path);
  if (s.size() == 1 && s[0] == "hall") {
    if (method == "PUT") return setHall(request.body);
    if (method == "GET") {
      std::lock_guard<std::mutex> lock(mutex_);
      return jsonResponse(
          200, wf::Value(wf::Object{{"url", hall_url_ ? wf::Value(*hall_url_) : wf::Value()}}));
    }
    return errorResponse(405, "METHOD_NOT_ALLOWED", method + " /_sim/express/hall");
  }
  if (s.size() == 3 && s[0] == "waybills" && s[2] == "advance") {
    if (method != "POST") {
      return errorResponse(405, "METHOD_NOT_ALLOWED", method + " /_sim/express" + request.path);
    }
    return advance(s[1], request.body, request.now_ms);
  }
  return Platform::control(request);
}

PlatformResponse ExpressPlatform::setHall(const std::string& body) {
  wf::Result<wf::Value> json = controlBody(body);
  if (!json.ok()) return refusalResponse(json.status());
  wf::Result<std::string> url = requiredString(*json, "url");
  if (!url.ok()) return refusalResponse(url.status());
  if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) {
    return invalidArgument("url", "must start with http:// or https://");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  hall_url_ = *url;
  return jsonResponse(200, wf::Value(wf::Object{{"url", wf::Value(*url)}}));
}

PlatformResponse ExpressPlatform::advance(const std::string& number, const std::string& body,
                                          int64_t now_ms) {
  wf::Result<wf::Value> json = controlBody(body);
  if (!json.ok()) return refusalResponse(json.status());
  const wf::Value* to = json->find("to");
  if (to != nullptr && !to->isNull() && (!to->isString() || stepOf(to->asString()) < 1)) {
    return invalidArgument("to", "must be \"collected\", \"in-transit\" or \"delivered\"");
  }
  const FaultPlan* plan = faults_.load();
  const FaultSettings faults = plan != nullptr ? plan->settings() : FaultSettings{};

  std::vector<Event> to_send;
  std::optional<std::string> hall_url;
  wf::Value waybill_now;
  Waybill copy;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = waybills_.find(number);
    if (found == waybills_.end()) {
      return errorResponse(404, "NOT_FOUND", "市快递平台 has no waybill " + number);
    }
    Waybill& w = found->second;
    const int target = to != nullptr && !to->isNull() ? stepOf(to->asString()) : w.step + 1;
    if (target <= w.step || target > kDelivered) {
      return errorResponse(
          409, "CONFLICT",
          "waybill " + number + " is " + kSteps[static_cast<size_t>(w.step)] + " already");
    }
    std::vector<Event> happened;
    for (int step = w.step + 1; step <= target; ++step) {
      const std::string event = kSteps[static_cast<size_t>(step)];
      happened.push_back(Event{event, number + "-" + event, now_ms});
    }
    w.step = target;
    w.events.insert(w.events.end(), happened.begin(), happened.end());
    if (faults.out_of_order_callbacks || !w.held.empty()) {
      w.held.insert(w.held.end(), happened.begin(), happened.end());
      if (w.step == kDelivered) {
        to_send.assign(w.held.rbegin(), w.held.rend());
        w.held.clear();
      }
    } else {
      to_send = std::move(happened);
    }
    hall_url = hall_url_;
    copy = w;
  }

  wf::Array callbacks;
  if (hall_url) {
    for (const Event& e : to_send) {
      const std::string text = callbackBody(copy, e);
      for (int n = faults.duplicate_callbacks ? 2 : 1; n > 0; --n) {
        const CallbackDelivery d = sender_.send(*hall_url, name(), text, faults.tampered_callbacks);
        wf::Array statuses;
        for (int status : d.statuses) statuses.push_back(wf::Value(status));
        callbacks.push_back(wf::Value(wf::Object{{"event", wf::Value(e.event)},
                                                 {"eventId", wf::Value(e.event_id)},
                                                 {"statuses", wf::Value(std::move(statuses))},
                                                 {"delivered", wf::Value(d.delivered)}}));
      }
    }
  }
  wf::Array held;
  for (const Event& e : copy.held) held.push_back(wf::Value(e.event));
  return jsonResponse(
      200, wf::Value(wf::Object{{"waybillNo", wf::Value(copy.number)},
                                {"status", wf::Value(kSteps[static_cast<size_t>(copy.step)])},
                                {"hall", hall_url ? wf::Value(*hall_url) : wf::Value()},
                                {"callbacks", wf::Value(std::move(callbacks))},
                                {"held", wf::Value(std::move(held))}}));
}

std::string ExpressPlatform::callbackBody(const Waybill& waybill, const Event& event) {
  return wf::Value(
             wf::Object{{"eventId", wf::Value(event.event_id)},
                        {"event", wf::Value(event.event)},
                        {"caseCode", wf::Value(waybill.application.case_code)},
                        {"data", wf::Value(wf::Object{{"waybillNo", wf::Value(waybill.number)},
                                                      {"at", wf::Value(event.at_ms)}})}})
      .toJson();
}

wf::Value ExpressPlatform::createAnswer(const Waybill& w) {
  return wf::Value(wf::Object{{"waybillNo", wf::Value(w.number)},
                              {"status", wf::Value(kSteps[static_cast<size_t>(w.step)])},
                              {"createdAt", wf::Value(w.created_at_ms)}});
}

wf::Value ExpressPlatform::fullWaybill(const Waybill& w) {
  wf::Object o = w.application.toValue().asObject();
  o.emplace("waybillNo", wf::Value(w.number));
  o.emplace("status", wf::Value(kSteps[static_cast<size_t>(w.step)]));
  o.emplace("createdAt", wf::Value(w.created_at_ms));
  wf::Array events;
  for (const Event& e : w.events) {
    events.push_back(wf::Value(wf::Object{{"event", wf::Value(e.event)},
                                          {"eventId", wf::Value(e.event_id)},
                                          {"at", wf::Value(e.at_ms)}}));
  }
  o.emplace("events", wf::Value(std::move(events)));
  return wf::Value(std::move(o));
}

}  // namespace hall::citysim
