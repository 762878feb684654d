#include "portal/web/directory_routes.h"

#include <array>
#include <charconv>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

// Like ASSIGN_OR_RETURN, for a handler: an error becomes its response.
#define ASSIGN_OR_RETURN_RESPONSE(lhs, expr)                               \
  auto WF_CONCAT(wf_response_, __LINE__) = (expr);                         \
  if (!WF_CONCAT(wf_response_, __LINE__).ok()) {                           \
    return ApiResponse::error(WF_CONCAT(wf_response_, __LINE__).status()); \
  }                                                                        \
  lhs = std::move(WF_CONCAT(wf_response_, __LINE__)).value()

namespace portal::web {

namespace {

using hall::domain::Department;
using hall::domain::DirectorySnapshot;
using hall::domain::Queue;
using hall::domain::Window;
using hall::domain::WindowKind;

constexpr std::array<const char*, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* kUploadName = "upload.xml";

wf::Value fieldDetails(std::string_view field) {
  return wf::Value(wf::Object{{"field", wf::Value(std::string(field))}});
}

wf::Status badField(std::string_view field, const std::string& message) {
  return wf::Status::invalid(std::string(field) + ": " + message, fieldDetails(field));
}

wf::Value textOrNull(const std::string& text) {
  return text.empty() ? wf::Value() : wf::Value(text);
}

wf::Value strings(const std::vector<std::string>& items) {
  wf::Array out;
  for (const std::string& s : items) out.emplace_back(s);
  return wf::Value(std::move(out));
}

std::string clockTime(int minutes) {
  const auto two = [](int n) {
    return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
  };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

// The members of a JSON body, each read at most once and checked for its
// type; what is left over at the end is a field the route does not know.
class Body {
 public:
  Body(const wf::Value& json, std::set<std::string> known)
      : json_(json), known_(std::move(known)) {}

  wf::Status checkKnown() const {
    for (const auto& [name, value] : json_.asObject()) {
      if (!known_.contains(name)) return badField(name, "not a field here");
    }
    return wf::Status::ok();
  }

  // The version the change is based on: required.
  wf::Result<int64_t> version() const {
    const wf::Value* v = json_.find("version");
    if (v == nullptr || v->isNull()) {
      return badField("version", "required: the version the change is based on");
    }
    if (!v->isNumber() || v->asNumber() < 0 || std::floor(v->asNumber()) != v->asNumber()) {
      return badField("version", "expected a whole number");
    }
    return static_cast<int64_t>(v->asNumber());
  }

  wf::Status text(const char* name, std::string& out) const {
    ASSIGN_OR_RETURN(std::optional<wf::Value> v,
                     optionalMember(json_, name, wf::ValueKind::String));
    if (v) out = v->asString();
    return wf::Status::ok();
  }

  // Like text(), but null (or "") clears.
  wf::Status optionalText(const char* name, std::string& out) const {
    const wf::Value* v = json_.find(name);
    if (v != nullptr && v->isNull()) {
      out.clear();
      return wf::Status::ok();
    }
    return text(name, out);
  }

  wf::Status boolean(const char* name, bool& out) const {
    ASSIGN_OR_RETURN(std::optional<wf::Value> v, optionalMember(json_, name, wf::ValueKind::Bool));
    if (v) out = v->asBool();
    return wf::Status::ok();
  }

  wf::Status integer(const char* name, int& out) const {
    ASSIGN_OR_RETURN(std::optional<wf::Value> v,
                     optionalMember(json_, name, wf::ValueKind::Number));
    if (!v) return wf::Status::ok();
    const double d = v->asNumber();
    if (std::floor(d) != d || std::fabs(d) > 1e6) return badField(name, "expected a whole number");
    out = static_cast<int>(d);
    return wf::Status::ok();
  }

  wf::Status number(const char* name, double& out) const {
    ASSIGN_OR_RETURN(std::optional<wf::Value> v,
                     optionalMember(json_, name, wf::ValueKind::Number));
    if (v) out = v->asNumber();
    return wf::Status::ok();
  }

  wf::Status list(const char* name, std::vector<std::string>& out) const {
    ASSIGN_OR_RETURN(std::optional<wf::Value> v, optionalMember(json_, name, wf::ValueKind::Array));
    if (!v) return wf::Status::ok();
    std::vector<std::string> items;
    for (const wf::Value& item : v->asArray()) {
      if (!item.isString()) return badField(name, "expected an array of strings");
      items.push_back(item.asString());
    }
    out = std::move(items);
    return wf::Status::ok();
  }

  // A required array of strings.
  wf::Result<std::vector<std::string>> requiredList(const char* name) const {
    if (json_.find(name) == nullptr) return badField(name, "required");
    std::vector<std::string> items;
    RETURN_IF_ERROR(list(name, items));
    return items;
  }

 private:
  const wf::Value& json_;
  std::set<std::string> known_;
};

// The uploaded file's own name for its diagnostics ("broken.xml:70:20"),
// without any folder; upload.xml when it has none worth showing.
std::string uploadName(const std::string& name) {
  std::string base = name.substr(name.find_last_of("/\\") + 1);
  if (base.empty() || base.size() > 100) return kUploadName;
  for (const char c : base) {
    if (static_cast<unsigned char>(c) < 0x20) return kUploadName;
  }
  return base;
}

wf::Status pathIdMatches(const ApiRequest& request, const wf::Value& body) {
  const wf::Value* id = body.find("id");
  if (id != nullptr && !(id->isString() && id->asString() == request.params.at("id"))) {
    return badField("id",
                    "an id cannot be changed (the path names " + request.params.at("id") + ")");
  }
  return wf::Status::ok();
}

wf::Status readWindow(const Body& b, Window& w) {
  RETURN_IF_ERROR(b.checkKnown());
  RETURN_IF_ERROR(b.text("id", w.id));
  RETURN_IF_ERROR(b.integer("number", w.number));
  std::string kind = hall::domain::windowKindName(w.kind);
  RETURN_IF_ERROR(b.text("kind", kind));
  if (kind == "ordinary") {
    w.kind = WindowKind::Ordinary;
  } else if (kind == "reserved") {
    w.kind = WindowKind::Reserved;
  } else if (kind == "super") {
    w.kind = WindowKind::SuperComprehensive;
  } else if (kind == "vip") {
    w.kind = WindowKind::Vip;
  } else {
    return badField("kind", "expected ordinary, reserved, super or vip, got \"" + kind + "\"");
  }
  RETURN_IF_ERROR(b.text("zone", w.zone));
  RETURN_IF_ERROR(b.optionalText("department", w.department));
  RETURN_IF_ERROR(b.integer("floor", w.position.floor));
  RETURN_IF_ERROR(b.number("x", w.position.x));
  RETURN_IF_ERROR(b.number("y", w.position.y));
  RETURN_IF_ERROR(b.list("queues", w.queues));
  RETURN_IF_ERROR(b.list("matters", w.matters));
  return b.boolean("retired", w.retired);
}

wf::Status readDepartment(const Body& b, Department& d) {
  RETURN_IF_ERROR(b.checkKnown());
  RETURN_IF_ERROR(b.text("id", d.id));
  RETURN_IF_ERROR(b.text("name", d.name));
  RETURN_IF_ERROR(b.optionalText("code", d.code));
  RETURN_IF_ERROR(b.boolean("illustrative", d.illustrative));
  return b.boolean("retired", d.retired);
}

wf::Result<int> readClock(const Body& b, const char* name, int current) {
  std::string text = clockTime(current);
  RETURN_IF_ERROR(b.text(name, text));
  const auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return badField(name, "expected a time like 09:00, got \"" + text + "\"");
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59) return badField(name, "expected a time like 09:00, got \"" + text + "\"");
  return h * 60 + m;
}

wf::Status readQueue(const Body& b, Queue& q) {
  RETURN_IF_ERROR(b.checkKnown());
  RETURN_IF_ERROR(b.text("id", q.id));
  RETURN_IF_ERROR(b.text("name", q.name));
  std::string prefix = q.prefix == 0 ? std::string() : std::string(1, q.prefix);
  RETURN_IF_ERROR(b.text("prefix", prefix));
  if (prefix.size() != 1 || prefix[0] < 'A' || prefix[0] > 'Z') {
    return badField("prefix", "expected one capital letter A-Z, got \"" + prefix + "\"");
  }
  q.prefix = prefix[0];
  ASSIGN_OR_RETURN(q.opens_minute, readClock(b, "opens", q.opens_minute));
  ASSIGN_OR_RETURN(q.closes_minute, readClock(b, "closes", q.closes_minute));
  std::vector<std::string> days;
  for (size_t i = 0; i < kDayNames.size(); ++i) {
    if (q.days[i]) days.emplace_back(kDayNames[i]);
  }
  RETURN_IF_ERROR(b.list("days", days));
  std::array<bool, 7> open{};
  for (const std::string& day : days) {
    size_t i = 0;
    while (i < kDayNames.size() && day != kDayNames[i]) ++i;
    if (i == kDayNames.size()) {
      return badField("days", "expected day names mon … sun, got \"" + day + "\"");
    }
    open[i] = true;
  }
  q.days = open;
  return b.boolean("retired", q.retired);
}

ApiResponse snapshotOf(const wf::Result<DirectorySnapshot>& result, const char* member,
                       const std::string& id, int status) {
  if (!result.ok()) return ApiResponse::error(result.status());
  const hall::domain::HallLayout& h = *result->layout;
  wf::Value item;
  if (std::string_view(member) == "window") {
    item = toJson(*h.window(id));
  } else if (std::string_view(member) == "department") {
    item = toJson(*h.department(id));
  } else {
    item = toJson(*h.queue(id));
  }
  return ApiResponse{status, wf::Value(wf::Object{{"version", wf::Value(result->version)},
                                                  {member, std::move(item)}})};
}

}  // namespace

wf::Value toJson(const Window& w) {
  return wf::Value(wf::Object{
      {"id", wf::Value(w.id)},
      {"number", wf::Value(w.number)},
      {"kind", wf::Value(hall::domain::windowKindName(w.kind))},
      {"zone", wf::Value(w.zone)},
      {"department", textOrNull(w.department)},
      {"floor", wf::Value(w.position.floor)},
      {"x", wf::Value(w.position.x)},
      {"y", wf::Value(w.position.y)},
      {"queues", strings(w.queues)},
      {"matters", strings(w.matters)},
      {"retired", wf::Value(w.retired)},
  });
}

wf::Value toJson(const Department& d) {
  return wf::Value(wf::Object{
      {"id", wf::Value(d.id)},
      {"name", wf::Value(d.name)},
      {"code", textOrNull(d.code)},
      {"illustrative", wf::Value(d.illustrative)},
      {"retired", wf::Value(d.retired)},
  });
}

wf::Value toJson(const Queue& q) {
  std::vector<std::string> days;
  for (size_t i = 0; i < q.days.size(); ++i) {
    if (q.days[i]) days.emplace_back(kDayNames[i]);
  }
  return wf::Value(wf::Object{
      {"id", wf::Value(q.id)},
      {"name", wf::Value(q.name)},
      {"prefix", wf::Value(std::string(1, q.prefix))},
      {"opens", wf::Value(clockTime(q.opens_minute))},
      {"closes", wf::Value(clockTime(q.closes_minute))},
      {"days", strings(days)},
      {"retired", wf::Value(q.retired)},
  });
}

void DirectoryRoutes::addTo(Router& router) {
  auto bind = [this](ApiResponse (DirectoryRoutes::*method)(const ApiRequest&)) {
    return [this, method](const ApiRequest& request) { return (this->*method)(request); };
  };
  const std::string base = "/api/v1/admin/";
  router.add("GET", base + "windows", bind(&DirectoryRoutes::listWindows));
  router.add("POST", base + "windows", bind(&DirectoryRoutes::createWindow));
  router.add("GET", base + "windows/{id}", bind(&DirectoryRoutes::getWindow));
  router.add("PUT", base + "windows/{id}", bind(&DirectoryRoutes::changeWindow));
  router.add("POST", base + "windows/{id}/retire", bind(&DirectoryRoutes::retireWindow));
  router.add("PUT", base + "windows/{id}/queues", bind(&DirectoryRoutes::setWindowQueues));
  router.add("PUT", base + "windows/{id}/matters", bind(&DirectoryRoutes::setWindowMatters));
  router.add("GET", base + "departments", bind(&DirectoryRoutes::listDepartments));
  router.add("POST", base + "departments", bind(&DirectoryRoutes::createDepartment));
  router.add("GET", base + "departments/{id}", bind(&DirectoryRoutes::getDepartment));
  router.add("PUT", base + "departments/{id}", bind(&DirectoryRoutes::changeDepartment));
  router.add("POST", base + "departments/{id}/retire", bind(&DirectoryRoutes::retireDepartment));
  router.add("GET", base + "queues", bind(&DirectoryRoutes::listQueues));
  router.add("POST", base + "queues", bind(&DirectoryRoutes::createQueue));
  router.add("GET", base + "queues/{id}", bind(&DirectoryRoutes::getQueue));
  router.add("PUT", base + "queues/{id}", bind(&DirectoryRoutes::changeQueue));
  router.add("POST", base + "queues/{id}/retire", bind(&DirectoryRoutes::retireQueue));
  router.add("GET", base + "hall-model", bind(&DirectoryRoutes::exportModel));
  router.add("POST", base + "hall-model", bind(&DirectoryRoutes::importModel));
}

namespace {

template <typename T>
ApiResponse listOf(const DirectorySnapshot& now, const std::vector<T>& items, const char* member) {
  wf::Array out;
  for (const T& item : items) out.push_back(toJson(item));
  return ApiResponse::ok(wf::Value(
      wf::Object{{"version", wf::Value(now.version)}, {member, wf::Value(std::move(out))}}));
}

template <typename T>
ApiResponse oneOf(const DirectorySnapshot& now, const T* item, const char* member,
                  const std::string& id) {
  if (item == nullptr) {
    return ApiResponse::error(
        wf::Status::notFound("no " + std::string(member) + " \"" + id + "\""));
  }
  return ApiResponse::ok(
      wf::Value(wf::Object{{"version", wf::Value(now.version)}, {member, toJson(*item)}}));
}

const std::set<std::string> kWindowFields = {"version", "id",         "number",  "kind",
                                             "zone",    "department", "floor",   "x",
                                             "y",       "queues",     "matters", "retired"};
const std::set<std::string> kDepartmentFields = {"version", "id",           "name",
                                                 "code",    "illustrative", "retired"};
const std::set<std::string> kQueueFields = {"version", "id",     "name", "prefix",
                                            "opens",   "closes", "days", "retired"};

}  // namespace

ApiResponse DirectoryRoutes::listWindows(const ApiRequest&) {
  const DirectorySnapshot now = directory_.current();
  ApiResponse response = listOf(now, now.layout->windows, "windows");
  // The zones a window may stand in, for the manager's form.
  wf::Array zones;
  for (const hall::domain::Zone& z : now.layout->zones) {
    zones.emplace_back(wf::Object{
        {"id", wf::Value(z.id)}, {"name", wf::Value(z.name)}, {"floor", wf::Value(z.floor)}});
  }
  wf::Object body = response.json->asObject();
  body["zones"] = wf::Value(std::move(zones));
  response.json = wf::Value(std::move(body));
  return response;
}

ApiResponse DirectoryRoutes::getWindow(const ApiRequest& request) {
  const DirectorySnapshot now = directory_.current();
  const std::string& id = request.params.at("id");
  return oneOf(now, now.layout->window(id), "window", id);
}

ApiResponse DirectoryRoutes::createWindow(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  const Body body(json, kWindowFields);
  Window w;
  w.number = 0;
  if (const wf::Status s = readWindow(body, w); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  return snapshotOf(directory_.createWindow(w, version, request.caller.name), "window", w.id, 201);
}

ApiResponse DirectoryRoutes::changeWindow(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  if (const wf::Status s = pathIdMatches(request, json); !s.isOk()) return ApiResponse::error(s);
  const Body body(json, kWindowFields);
  const DirectorySnapshot now = directory_.current();
  const std::string& id = request.params.at("id");
  const Window* existing = now.layout->window(id);
  if (existing == nullptr) {
    return ApiResponse::error(wf::Status::notFound("no window \"" + id + "\""));
  }
  Window w = *existing;
  if (const wf::Status s = readWindow(body, w); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  return snapshotOf(directory_.changeWindow(w, version, request.caller.name), "window", id, 200);
}

ApiResponse DirectoryRoutes::retireWindow(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  const Body body(json, {"version"});
  if (const wf::Status s = body.checkKnown(); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  const std::string& id = request.params.at("id");
  return snapshotOf(directory_.retireWindow(id, version, request.caller.name), "window", id, 200);
}

ApiResponse DirectoryRoutes::setWindowQueues(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  const Body body(json, {"version", "queues"});
  if (const wf::Status s = body.checkKnown(); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const std::vector<std::string> queues, body.requiredList("queues"));
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  const std::string& id = request.params.at("id");
  return snapshotOf(directory_.setWindowQueues(id, queues, version, request.caller.name), "window",
                    id, 200);
}

ApiResponse DirectoryRoutes::setWindowMatters(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  const Body body(json, {"version", "matters"});
  if (const wf::Status s = body.checkKnown(); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const std::vector<std::string> matters, body.requiredList("matters"));
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  const std::string& id = request.params.at("id");
  return snapshotOf(directory_.setWindowMatters(id, matters, version, request.caller.name),
                    "window", id, 200);
}

ApiResponse DirectoryRoutes::listDepartments(const ApiRequest&) {
  const DirectorySnapshot now = directory_.current();
  return listOf(now, now.layout->departments, "departments");
}

ApiResponse DirectoryRoutes::getDepartment(const ApiRequest& request) {
  const DirectorySnapshot now = directory_.current();
  const std::string& id = request.params.at("id");
  return oneOf(now, now.layout->department(id), "department", id);
}

ApiResponse DirectoryRoutes::createDepartment(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  const Body body(json, kDepartmentFields);
  Department d;
  if (const wf::Status s = readDepartment(body, d); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  return snapshotOf(directory_.createDepartment(d, version, request.caller.name), "department",
                    d.id, 201);
}

ApiResponse DirectoryRoutes::changeDepartment(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  if (const wf::Status s = pathIdMatches(request, json); !s.isOk()) return ApiResponse::error(s);
  const Body body(json, kDepartmentFields);
  const DirectorySnapshot now = directory_.current();
  const std::string& id = request.params.at("id");
  const Department* existing = now.layout->department(id);
  if (existing == nullptr) {
    return ApiResponse::error(wf::Status::notFound("no department \"" + id + "\""));
  }
  Department d = *existing;
  if (const wf::Status s = readDepartment(body, d); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  return snapshotOf(directory_.changeDepartment(d, version, request.caller.name), "department", id,
                    200);
}

ApiResponse DirectoryRoutes::retireDepartment(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  const Body body(json, {"version"});
  if (const wf::Status s = body.checkKnown(); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  const std::string& id = request.params.at("id");
  return snapshotOf(directory_.retireDepartment(id, version, request.caller.name), "department", id,
                    200);
}

ApiResponse DirectoryRoutes::listQueues(const ApiRequest&) {
  const DirectorySnapshot now = directory_.current();
  return listOf(now, now.layout->queues, "queues");
}

ApiResponse DirectoryRoutes::getQueue(const ApiRequest& request) {
  const DirectorySnapshot now = directory_.current();
  const std::string& id = request.params.at("id");
  return oneOf(now, now.layout->queue(id), "queue", id);
}

ApiResponse DirectoryRoutes::createQueue(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  const Body body(json, kQueueFields);
  Queue q;
  q.prefix = 0;  // required on create
  q.days = {true, true, true, true, true, false, false};
  if (const wf::Status s = readQueue(body, q); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  return snapshotOf(directory_.createQueue(q, version, request.caller.name), "queue", q.id, 201);
}

ApiResponse DirectoryRoutes::changeQueue(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  if (const wf::Status s = pathIdMatches(request, json); !s.isOk()) return ApiResponse::error(s);
  const Body body(json, kQueueFields);
  const DirectorySnapshot now = directory_.current();
  const std::string& id = request.params.at("id");
  const Queue* existing = now.layout->queue(id);
  if (existing == nullptr) {
    return ApiResponse::error(wf::Status::notFound("no queue \"" + id + "\""));
  }
  Queue q = *existing;
  if (const wf::Status s = readQueue(body, q); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  return snapshotOf(directory_.changeQueue(q, version, request.caller.name), "queue", id, 200);
}

ApiResponse DirectoryRoutes::retireQueue(const ApiRequest& request) {
  ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
  const Body body(json, {"version"});
  if (const wf::Status s = body.checkKnown(); !s.isOk()) return ApiResponse::error(s);
  ASSIGN_OR_RETURN_RESPONSE(const int64_t version, body.version());
  const std::string& id = request.params.at("id");
  return snapshotOf(directory_.retireQueue(id, version, request.caller.name), "queue", id, 200);
}

ApiResponse DirectoryRoutes::exportModel(const ApiRequest& request) {
  hall::domain::HallDirectory::Export exported = directory_.exportXml();
  const std::string as = request.queryParam("as").value_or("xml");
  if (as == "json") {
    return ApiResponse::ok(wf::Value(wf::Object{{"version", wf::Value(exported.version)},
                                                {"xml", wf::Value(std::move(exported.xml))}}));
  }
  if (as != "xml") {
    return ApiResponse::error(badField("as", "expected xml or json, got \"" + as + "\""));
  }
  return ApiResponse::file("application/xml; charset=utf-8", std::move(exported.xml));
}

ApiResponse DirectoryRoutes::importModel(const ApiRequest& request) {
  std::string xml;
  std::string name = request.queryParam("name").value_or(kUploadName);
  std::optional<int64_t> based_on;
  if (request.content_type.starts_with("application/json")) {
    ASSIGN_OR_RETURN_RESPONSE(const wf::Value json, request.jsonBody());
    const Body body(json, {"version", "xml", "name"});
    if (const wf::Status s = body.checkKnown(); !s.isOk()) return ApiResponse::error(s);
    if (const wf::Status s = body.text("xml", xml); !s.isOk()) return ApiResponse::error(s);
    if (const wf::Status s = body.text("name", name); !s.isOk()) return ApiResponse::error(s);
    if (xml.empty()) return ApiResponse::error(badField("xml", "required: the hall model"));
    if (json.find("version") != nullptr) {
      ASSIGN_OR_RETURN_RESPONSE(based_on, body.version());
    }
  } else {
    xml = request.body;
    if (const std::optional<std::string> v = request.queryParam("version")) {
      int64_t n = 0;
      const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
      if (ec != std::errc() || end != v->data() + v->size() || n < 0) {
        return ApiResponse::error(badField("version", "expected a whole number"));
      }
      based_on = n;
    }
  }
  wf::Result<DirectorySnapshot> imported =
      directory_.importXml(uploadName(name), xml, based_on, request.caller.name);
  if (!imported.ok()) return ApiResponse::error(imported.status());
  const hall::domain::HallLayout& h = *imported->layout;
  return ApiResponse::ok(wf::Value(wf::Object{
      {"version", wf::Value(imported->version)},
      {"windows", wf::Value(static_cast<int>(h.windows.size()))},
      {"departments", wf::Value(static_cast<int>(h.departments.size()))},
      {"queues", wf::Value(static_cast<int>(h.queues.size()))},
  }));
}

}  // namespace portal::web
