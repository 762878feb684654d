#include "portal/domain/hall_directory.h"

#include <algorithm>
#include <set>
#include <utility>

#include "portal/domain/hall_layout_reader.h"
#include "portal/domain/hall_layout_writer.h"

namespace hall::domain {

namespace {

constexpr const char* kStoredName = "hall-directory.xml";
constexpr const char* kSystem = "system";  // who imports the model file
constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxNameLength = 200;

wf::Status fieldError(wf::StatusCode code, const std::string& field, const std::string& message) {
  return wf::Status(code, field + ": " + message,
                    wf::Value(wf::Object{{"field", wf::Value(field)}}));
}
wf::Status invalid(const std::string& field, const std::string& message) {
  return fieldError(wf::StatusCode::InvalidArgument, field, message);
}
wf::Status duplicate(const std::string& field, const std::string& message) {
  return fieldError(wf::StatusCode::Conflict, field, message);
}

// Ids go into URLs and XML attributes: letters, digits, '-' and '_'.
wf::Status checkId(const std::string& id) {
  if (id.empty()) return invalid("id", "is required");
  if (id.size() > kMaxIdLength) {
    return invalid("id", "at most " + std::to_string(kMaxIdLength) + " characters");
  }
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return invalid("id", "only letters, digits, '-' and '_', not \"" + id + "\"");
  }
  return wf::Status::ok();
}

wf::Status checkName(const std::string& name) {
  if (name.empty()) return invalid("name", "is required");
  if (name.size() > kMaxNameLength) {
    return invalid("name", "at most " + std::to_string(kMaxNameLength) + " bytes");
  }
  return wf::Status::ok();
}

template <typename T>
T* findById(std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  return it == items.end() ? nullptr : &*it;
}

// The windows in service among those that satisfy `pred`.
template <typename Pred>
std::vector<std::string> activeWindowsWhere(const HallLayout& h, Pred pred) {
  std::vector<std::string> ids;
  for (const Window& w : h.windows) {
    if (!w.retired && pred(w)) ids.push_back(w.id);
  }
  return ids;
}

// Conflict on "retired": windows in service still need it. details.windows
// lists them, for a page to show in its own words.
wf::Status stillInUse(const std::string& what, const std::vector<std::string>& windows,
                      const std::string& advice) {
  std::string ids;
  wf::Array list;
  for (const std::string& id : windows) {
    ids += (ids.empty() ? "" : ", ") + id;
    list.emplace_back(id);
  }
  return wf::Status(wf::StatusCode::Conflict,
                    "retired: windows in service " + what + ": " + ids + "; " + advice,
                    wf::Value(wf::Object{{"field", wf::Value("retired")},
                                         {"windows", wf::Value(std::move(list))}}));
}

wf::Status checkQueues(const HallLayout& h, const Window& w) {
  std::set<std::string> seen;
  for (const std::string& q : w.queues) {
    const Queue* queue = h.queue(q);
    if (queue == nullptr) return invalid("queues", "no queue \"" + q + "\"");
    if (!seen.insert(q).second) return invalid("queues", "queue \"" + q + "\" is listed twice");
    if (!w.retired && queue->retired) {
      return invalid("queues",
                     "queue \"" + q + "\" is retired; a window in service cannot serve it");
    }
  }
  if (!w.retired && w.queues.empty()) {
    return invalid("queues", "a window in service serves at least one queue");
  }
  return wf::Status::ok();
}

wf::Status checkMatters(const Window& w) {
  std::set<std::string> seen;
  for (const std::string& m : w.matters) {
    if (m.empty()) return invalid("matters", "a matter code is empty");
    if (m.size() > kMaxIdLength) {
      return invalid("matters", "matter code \"" + m + "\" is longer than " +
                                    std::to_string(kMaxIdLength) + " characters");
    }
    if (!seen.insert(m).second) return invalid("matters", "matter \"" + m + "\" is listed twice");
  }
  return wf::Status::ok();
}

// `w` as it would stand in `h`, where a window with its id (if any) is
// the one it replaces.
wf::Status checkWindow(const HallLayout& h, const Window& w) {
  RETURN_IF_ERROR(checkId(w.id));
  if (w.number < 1 || w.number > 999) {
    return invalid("number", "a whole number from 1 to 999, not " + std::to_string(w.number));
  }
  for (const Window& other : h.windows) {
    if (other.id != w.id && other.number == w.number) {
      return duplicate(
          "number", "window \"" + other.id + "\" already has number " + std::to_string(w.number));
    }
  }
  if (w.zone.empty()) return invalid("zone", "is required");
  if (h.zone(w.zone) == nullptr) return invalid("zone", "no zone \"" + w.zone + "\"");
  if (!w.department.empty()) {
    const Department* d = h.department(w.department);
    if (d == nullptr) return invalid("department", "no department \"" + w.department + "\"");
    if (d->retired && !w.retired) {
      return invalid("department", "department \"" + w.department +
                                       "\" is retired; a window in service cannot belong to it");
    }
  }
  if (w.position.floor < -5 || w.position.floor > 100) {
    return invalid("floor", "a whole number from -5 to 100");
  }
  RETURN_IF_ERROR(checkQueues(h, w));
  return checkMatters(w);
}

wf::Status checkDepartment(const HallLayout& h, const Department& d) {
  RETURN_IF_ERROR(checkId(d.id));
  RETURN_IF_ERROR(checkName(d.name));
  if (!d.code.empty()) {
    if (!isCreditCode(d.code)) {
      return invalid(
          "code",
          "a unified social credit code is 18 digits or capital letters, not \"" + d.code + "\"");
    }
    for (const Department& other : h.departments) {
      if (other.id != d.id && other.code == d.code) {
        return duplicate("code", "department \"" + other.id + "\" already has code " + d.code);
      }
    }
  }
  if (d.retired) {
    const std::vector<std::string> staffed =
        activeWindowsWhere(h, [&](const Window& w) { return w.department == d.id; });
    if (!staffed.empty()) {
      return stillInUse("belong to department \"" + d.id + "\"", staffed,
                        "retire them or move them to another department first");
    }
  }
  return wf::Status::ok();
}

wf::Status checkQueue(const HallLayout& h, const Queue& q) {
  RETURN_IF_ERROR(checkId(q.id));
  RETURN_IF_ERROR(checkName(q.name));
  if (q.prefix < 'A' || q.prefix > 'Z') return invalid("prefix", "one capital letter A-Z");
  for (const Queue& other : h.queues) {
    if (other.id != q.id && other.prefix == q.prefix) {
      return duplicate("prefix",
                       "queue \"" + other.id + "\" already has prefix " + std::string(1, q.prefix));
    }
  }
  if (q.opens_minute < 0 || q.opens_minute >= 24 * 60) return invalid("opens", "a time of day");
  if (q.closes_minute < 0 || q.closes_minute >= 24 * 60) return invalid("closes", "a time of day");
  if (q.opens_minute >= q.closes_minute) return invalid("closes", "is not after opens");
  if (q.retired) {
    const std::vector<std::string> serving = activeWindowsWhere(h, [&](const Window& w) {
      return std::find(w.queues.begin(), w.queues.end(), q.id) != w.queues.end();
    });
    if (!serving.empty()) {
      return stillInUse("serve queue \"" + q.id + "\"", serving, "take it off their queues first");
    }
  }
  return wf::Status::ok();
}

wf::Status notFound(const char* kind, const std::string& id) {
  return wf::Status::notFound("no " + std::string(kind) + " \"" + id + "\"");
}

// Create: a new id, checked whole, appended.
template <typename T, typename Check>
wf::Status createIn(HallLayout& h, std::vector<T>& items, const char* kind, T item, Check check) {
  item.loc = {};
  RETURN_IF_ERROR(checkId(item.id));
  if (findById(items, item.id) != nullptr) {
    return duplicate("id", std::string("there is already a ") + kind + " \"" + item.id + "\"");
  }
  RETURN_IF_ERROR(check(h, item));
  items.push_back(std::move(item));
  return wf::Status::ok();
}

// Change: an existing id, checked whole, replaced in place.
template <typename T, typename Check>
wf::Status changeIn(HallLayout& h, std::vector<T>& items, const char* kind, T item, Check check) {
  T* existing = findById(items, item.id);
  if (existing == nullptr) return notFound(kind, item.id);
  item.loc = existing->loc;
  RETURN_IF_ERROR(check(h, item));
  *existing = std::move(item);
  return wf::Status::ok();
}

template <typename T, typename Check>
wf::Status retireIn(HallLayout& h, std::vector<T>& items, const char* kind, const std::string& id,
                    Check check) {
  T* existing = findById(items, id);
  if (existing == nullptr) return notFound(kind, id);
  if (existing->retired) {
    return wf::Status::conflict(std::string(kind) + " \"" + id + "\" is already retired");
  }
  T retired = *existing;
  retired.retired = true;
  RETURN_IF_ERROR(check(h, retired));
  *existing = std::move(retired);
  return wf::Status::ok();
}

wf::Status diagnosticsError(const std::vector<wf::Diagnostic>& diagnostics) {
  wf::Array list;
  std::string first;
  for (const wf::Diagnostic& d : diagnostics) {
    if (d.severity != wf::Severity::Error) continue;
    if (first.empty()) first = d.toString();
    list.push_back(d.toValue());
  }
  return wf::Status::invalid(
      "the hall model does not read: " + first +
          (list.size() > 1 ? " (and " + std::to_string(list.size() - 1) + " more)" : ""),
      wf::Value(wf::Object{{"diagnostics", wf::Value(std::move(list))}}));
}

}  // namespace

HallDirectory::HallDirectory(HallDirectoryStore& store, DirectoryAudit audit,
                             DirectorySnapshot current)
    : store_(store), audit_(std::move(audit)), current_(std::move(current)) {}

wf::Result<std::unique_ptr<HallDirectory>> HallDirectory::open(HallDirectoryStore& store,
                                                               const HallLayout& initial,
                                                               DirectoryAudit audit) {
  ASSIGN_OR_RETURN(std::optional<StoredHallModel> stored, store.latest());
  // The model file is taken while nobody has changed the hall here: on the
  // first start, and again when the file changed but the stored hall is
  // still the file's. After a manager's change, the stored hall wins.
  const std::string from_file = writeHallLayout(initial);
  if (!stored || (stored->who == kSystem && stored->xml != from_file)) {
    const int64_t based_on = stored ? stored->version : 0;
    RETURN_IF_ERROR(store.append(based_on, from_file, HallModelChange{kSystem, "import", ""}));
    stored = StoredHallModel{based_on + 1, from_file, kSystem};
    if (audit) {
      audit(kSystem, "import", "",
            "version " + std::to_string(based_on + 1) + " from the models folder");
    }
  }
  ReadHallLayoutResult read = readHallLayout(kStoredName, stored->xml);
  if (!read.layout) {
    return wf::Status::internal("hall directory: stored version " +
                                std::to_string(stored->version) +
                                " does not read: " + diagnosticsError(read.diagnostics).message());
  }
  return std::unique_ptr<HallDirectory>(new HallDirectory(
      store, std::move(audit), DirectorySnapshot{std::move(read.layout), stored->version}));
}

DirectorySnapshot HallDirectory::current() const {
  std::lock_guard lock(mu_);
  return current_;
}

HallDirectory::Export HallDirectory::exportXml() const {
  const DirectorySnapshot now = current();
  return Export{writeHallLayout(*now.layout), now.version};
}

void HallDirectory::reloadLocked() {
  wf::Result<std::optional<StoredHallModel>> stored = store_.latest();
  if (!stored.ok() || !stored->has_value()) return;
  ReadHallLayoutResult read = readHallLayout(kStoredName, (*stored)->xml);
  if (read.layout) current_ = DirectorySnapshot{std::move(read.layout), (*stored)->version};
}

wf::Result<DirectorySnapshot> HallDirectory::apply(std::optional<int64_t> based_on,
                                                   const std::string& who,
                                                   const std::string& action,
                                                   const std::string& target, const Edit& edit) {
  std::lock_guard lock(mu_);
  if (based_on && *based_on != current_.version) {
    return fieldError(wf::StatusCode::Conflict, "version",
                      "the hall changed since version " + std::to_string(*based_on) +
                          " (it is at version " + std::to_string(current_.version) +
                          "); reload and try again");
  }
  HallLayout next = *current_.layout;
  RETURN_IF_ERROR(edit(next));
  // The stored form must read back: the reader is the last word on what a
  // hall model may be.
  const std::string xml = writeHallLayout(next);
  ReadHallLayoutResult read = readHallLayout(kStoredName, xml);
  if (!read.layout) return diagnosticsError(read.diagnostics);
  const wf::Status stored =
      store_.append(current_.version, xml, HallModelChange{who, action, target});
  if (!stored.isOk()) {
    if (stored.code() == wf::StatusCode::Conflict) {
      reloadLocked();
      return fieldError(wf::StatusCode::Conflict, "version",
                        "the hall was changed elsewhere (now version " +
                            std::to_string(current_.version) + "); reload and try again");
    }
    return stored;
  }
  current_ = DirectorySnapshot{std::move(read.layout), current_.version + 1};
  if (audit_) audit_(who, action, target, "version " + std::to_string(current_.version));
  return current_;
}

wf::Result<DirectorySnapshot> HallDirectory::importXml(std::string_view file, std::string_view xml,
                                                       std::optional<int64_t> based_on,
                                                       const std::string& who) {
  ReadHallLayoutResult read = readHallLayout(file, xml);
  if (!read.layout) return diagnosticsError(read.diagnostics);
  return apply(based_on, who, "import", "", [&](HallLayout& h) {
    h = *read.layout;
    return wf::Status::ok();
  });
}

wf::Result<DirectorySnapshot> HallDirectory::createWindow(const Window& window, int64_t based_on,
                                                          const std::string& who) {
  return apply(based_on, who, "window.create", window.id, [&](HallLayout& h) {
    return createIn(h, h.windows, "window", window, checkWindow);
  });
}

wf::Result<DirectorySnapshot> HallDirectory::changeWindow(const Window& window, int64_t based_on,
                                                          const std::string& who) {
  return apply(based_on, who, "window.change", window.id, [&](HallLayout& h) {
    return changeIn(h, h.windows, "window", window, checkWindow);
  });
}

wf::Result<DirectorySnapshot> HallDirectory::retireWindow(const std::string& id, int64_t based_on,
                                                          const std::string& who) {
  return apply(based_on, who, "window.retire", id,
               [&](HallLayout& h) { return retireIn(h, h.windows, "window", id, checkWindow); });
}

wf::Result<DirectorySnapshot> HallDirectory::setWindowQueues(const std::string& id,
                                                             const std::vector<std::string>& queues,
                                                             int64_t based_on,
                                                             const std::string& who) {
  return apply(based_on, who, "window.queues", id, [&](HallLayout& h) {
    Window* w = findById(h.windows, id);
    if (w == nullptr) return notFound("window", id);
    Window changed = *w;
    changed.queues = queues;
    RETURN_IF_ERROR(checkQueues(h, changed));
    *w = std::move(changed);
    return wf::Status::ok();
  });
}

wf::Result<DirectorySnapshot> HallDirectory::setWindowMatters(
    const std::string& id, const std::vector<std::string>& matters, int64_t based_on,
    const std::string& who) {
  return apply(based_on, who, "window.matters", id, [&](HallLayout& h) {
    Window* w = findById(h.windows, id);
    if (w == nullptr) return notFound("window", id);
    Window changed = *w;
    changed.matters = matters;
    RETURN_IF_ERROR(checkMatters(changed));
    *w = std::move(changed);
    return wf::Status::ok();
  });
}

wf::Result<DirectorySnapshot> HallDirectory::createDepartment(const Department& department,
                                                              int64_t based_on,
                                                              const std::string& who) {
  return apply(based_on, who, "department.create", department.id, [&](HallLayout& h) {
    return createIn(h, h.departments, "department", department, checkDepartment);
  });
}

wf::Result<DirectorySnapshot> HallDirectory::changeDepartment(const Department& department,
                                                              int64_t based_on,
                                                              const std::string& who) {
  return apply(based_on, who, "department.change", department.id, [&](HallLayout& h) {
    return changeIn(h, h.departments, "department", department, checkDepartment);
  });
}

wf::Result<DirectorySnapshot> HallDirectory::retireDepartment(const std::string& id,
                                                              int64_t based_on,
                                                              const std::string& who) {
  return apply(based_on, who, "department.retire", id, [&](HallLayout& h) {
    return retireIn(h, h.departments, "department", id, checkDepartment);
  });
}

wf::Result<DirectorySnapshot> HallDirectory::createQueue(const Queue& queue, int64_t based_on,
                                                         const std::string& who) {
  return apply(based_on, who, "queue.create", queue.id,
               [&](HallLayout& h) { return createIn(h, h.queues, "queue", queue, checkQueue); });
}

wf::Result<DirectorySnapshot> HallDirectory::changeQueue(const Queue& queue, int64_t based_on,
                                                         const std::string& who) {
  return apply(based_on, who, "queue.change", queue.id,
               [&](HallLayout& h) { return changeIn(h, h.queues, "queue", queue, checkQueue); });
}

wf::Result<DirectorySnapshot> HallDirectory::retireQueue(const std::string& id, int64_t based_on,
                                                         const std::string& who) {
  return apply(based_on, who, "queue.retire", id,
               [&](HallLayout& h) { return retireIn(h, h.queues, "queue", id, checkQueue); });
}

}  // namespace hall::domain
