#include "portal/domain/hall_layout_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <string>

#include "wf/xml_document.h"

namespace hall::domain {

namespace {

using wf::Diagnostic;
using wf::Severity;
using wf::SourceLocation;
using wf::xml::XmlDocument;

constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

}  // namespace

bool isCreditCode(std::string_view code) {
  if (code.size() != 18) return false;
  for (const char c : code) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && !(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

namespace {

class Reader {
 public:
  Reader(std::string_view file, const XmlDocument& doc) : file_(file), doc_(doc) {}

  std::shared_ptr<const HallLayout> read() {
    const pugi::xml_node root = doc_.root();
    if (!doc_.is(root, kHallLayoutNs, "hall")) {
      error(doc_.locationOf(root), "",
            "the root element is not <hall> of " + std::string(kHallLayoutNs));
      return nullptr;
    }
    layout_.id = required(root, "id");
    layout_.name = required(root, "name");
    // Definitions first, then what refers to them: a window may come before
    // the queue it serves in the file.
    for (pugi::xml_node child : children(root)) {
      const std::string_view local = XmlDocument::localName(child);
      if (local == "zone") {
        readZone(child);
      } else if (local == "department") {
        readDepartment(child);
      } else if (local == "queue") {
        readQueue(child);
      } else if (local == "rules") {
        readRules(child);
      } else if (local != "window" && local != "device") {
        error(doc_.locationOf(child), "", "<" + std::string(local) + "> is not part of a hall");
      }
    }
    for (pugi::xml_node child : children(root)) {
      const std::string_view local = XmlDocument::localName(child);
      if (local == "window") readWindow(child);
    }
    for (pugi::xml_node child : children(root)) {
      if (XmlDocument::localName(child) == "device") readDevice(child);
    }
    checkServed();
    if (errors_ > 0) return nullptr;
    return std::make_shared<const HallLayout>(std::move(layout_));
  }

  std::vector<Diagnostic> diagnostics() { return std::move(diagnostics_); }

 private:
  std::vector<pugi::xml_node> children(pugi::xml_node parent) const {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c : parent.children()) {
      if (c.type() == pugi::node_element && doc_.namespaceOf(c) == kHallLayoutNs) out.push_back(c);
    }
    return out;
  }

  void error(SourceLocation loc, std::string id, std::string message) {
    ++errors_;
    diagnostics_.push_back(Diagnostic{std::string(file_), loc.line, loc.column, Severity::Error,
                                      std::move(id), std::move(message)});
  }
  void warning(SourceLocation loc, std::string id, std::string message) {
    diagnostics_.push_back(Diagnostic{std::string(file_), loc.line, loc.column, Severity::Warning,
                                      std::move(id), std::move(message)});
  }

  std::string what(pugi::xml_node node) const {
    const std::string id = node.attribute("id").value();
    return std::string(XmlDocument::localName(node)) + (id.empty() ? "" : " '" + id + "'");
  }

  std::string required(pugi::xml_node node, const char* attr) {
    const pugi::xml_attribute a = node.attribute(attr);
    if (!a || std::string_view(a.value()).empty()) {
      error(doc_.locationOf(node), node.attribute("id").value(), what(node) + " has no " + attr);
      return {};
    }
    return a.value();
  }

  // An id unique among `seen`, which remembers where each was defined.
  std::string uniqueId(pugi::xml_node node, std::map<std::string, SourceLocation>& seen) {
    std::string id = required(node, "id");
    if (id.empty()) return id;
    auto [it, inserted] = seen.emplace(id, doc_.locationOf(node));
    if (!inserted) {
      error(doc_.locationOf(node, node.attribute("id")), id,
            what(node) + " is defined twice (first at " + std::to_string(it->second.line) + ":" +
                std::to_string(it->second.column) + ")");
    }
    return id;
  }

  std::optional<long> integer(pugi::xml_node node, const char* attr, long min, long max,
                              long fallback) {
    const pugi::xml_attribute a = node.attribute(attr);
    if (!a) return fallback;
    const std::string_view text = a.value();
    long v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
      error(doc_.locationOf(node, a), node.attribute("id").value(),
            std::string(attr) + " of " + what(node) + " must be a whole number from " +
                std::to_string(min) + " to " + std::to_string(max) + ", not '" + std::string(text) +
                "'");
      return std::nullopt;
    }
    return v;
  }

  double number(pugi::xml_node node, const char* attr) {
    const pugi::xml_attribute a = node.attribute(attr);
    if (!a) return 0;
    const std::string_view text = a.value();
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
      error(doc_.locationOf(node, a), node.attribute("id").value(),
            std::string(attr) + " of " + what(node) + " must be a number, not '" +
                std::string(text) + "'");
    }
    return v;
  }

  Position position(pugi::xml_node node) {
    Position p;
    p.floor = static_cast<int>(integer(node, "floor", -5, 100, 1).value_or(1));
    p.x = number(node, "x");
    p.y = number(node, "y");
    return p;
  }

  // "HH:MM" as minutes after midnight.
  std::optional<int> clockTime(pugi::xml_node node, const char* attr, int fallback) {
    const pugi::xml_attribute a = node.attribute(attr);
    if (!a) return fallback;
    const std::string_view t = a.value();
    const auto digit = [&](size_t i) {
      return std::isdigit(static_cast<unsigned char>(t[i])) != 0;
    };
    const bool shaped =
        t.size() == 5 && t[2] == ':' && digit(0) && digit(1) && digit(3) && digit(4);
    const int h = shaped ? (t[0] - '0') * 10 + (t[1] - '0') : -1;
    const int m = shaped ? (t[3] - '0') * 10 + (t[4] - '0') : -1;
    if (!shaped || h > 23 || m > 59) {
      error(doc_.locationOf(node, a), node.attribute("id").value(),
            std::string(attr) + " of " + what(node) + " must be a time like 09:00, not '" +
                std::string(t) + "'");
      return std::nullopt;
    }
    return h * 60 + m;
  }

  // "mon-fri", "mon-fri,sat" …
  std::array<bool, 7> days(pugi::xml_node node) {
    std::array<bool, 7> open{true, true, true, true, true, false, false};
    const pugi::xml_attribute a = node.attribute("days");
    if (!a) return open;
    open.fill(false);
    const auto index = [](std::string_view d) -> int {
      for (size_t i = 0; i < kDayNames.size(); ++i) {
        if (kDayNames[i] == d) return static_cast<int>(i);
      }
      return -1;
    };
    std::string_view text = a.value();
    while (!text.empty()) {
      const size_t comma = text.find(',');
      const std::string_view part = text.substr(0, comma);
      text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
      const size_t dash = part.find('-');
      const int from = index(part.substr(0, dash));
      const int to = dash == std::string_view::npos ? from : index(part.substr(dash + 1));
      if (from < 0 || to < from) {
        error(doc_.locationOf(node, a), node.attribute("id").value(),
              "days of " + what(node) + " must be like mon-fri or mon-fri,sat, not '" +
                  std::string(a.value()) + "'");
        return open;
      }
      for (int d = from; d <= to; ++d) open[static_cast<size_t>(d)] = true;
    }
    return open;
  }

  // retired="true|false", false when absent.
  bool retired(pugi::xml_node node) { return flag(node, "retired"); }

  bool flag(pugi::xml_node node, const char* attr) {
    const pugi::xml_attribute a = node.attribute(attr);
    const std::string_view v = a.value();
    if (!a || v == "false") return false;
    if (v == "true") return true;
    error(doc_.locationOf(node, a), node.attribute("id").value(),
          std::string(attr) + " of " + what(node) + " must be true or false, not '" +
              std::string(v) + "'");
    return false;
  }

  void readDepartment(pugi::xml_node node) {
    Department d;
    d.id = uniqueId(node, department_ids_);
    d.name = required(node, "name");
    d.loc = doc_.locationOf(node);
    const pugi::xml_attribute code = node.attribute("code");
    d.code = code.value();
    if (code && !isCreditCode(d.code)) {
      error(doc_.locationOf(node, code), d.id,
            "code of " + what(node) +
                " must be a unified social credit code (18 digits or capital letters), not '" +
                d.code + "'");
    } else if (!d.code.empty()) {
      if (auto [it, inserted] = department_codes_.emplace(d.code, d.id); !inserted) {
        error(doc_.locationOf(node, code), d.id,
              "code " + d.code + " of " + what(node) + " is already department '" + it->second +
                  "''s");
      }
    }
    d.illustrative = flag(node, "illustrative");
    d.retired = retired(node);
    layout_.departments.push_back(std::move(d));
  }

  void readZone(pugi::xml_node node) {
    Zone z;
    z.id = uniqueId(node, zone_ids_);
    z.name = required(node, "name");
    z.floor = static_cast<int>(integer(node, "floor", -5, 100, 1).value_or(1));
    z.voice = std::string_view(node.attribute("voice").value()) == "on";
    z.loc = doc_.locationOf(node);
    layout_.zones.push_back(std::move(z));
  }

  void readQueue(pugi::xml_node node) {
    Queue q;
    q.id = uniqueId(node, queue_ids_);
    q.name = required(node, "name");
    q.loc = doc_.locationOf(node);
    const std::string prefix = required(node, "prefix");
    if (!prefix.empty()) {
      if (prefix.size() != 1 || prefix[0] < 'A' || prefix[0] > 'Z') {
        error(doc_.locationOf(node, node.attribute("prefix")), q.id,
              "prefix of " + what(node) + " must be one capital letter A-Z, not '" + prefix + "'");
      } else if (auto [it, inserted] = prefixes_.emplace(prefix[0], q.id); !inserted) {
        error(
            doc_.locationOf(node, node.attribute("prefix")), q.id,
            "prefix " + prefix + " of " + what(node) + " is already queue '" + it->second + "''s");
      } else {
        q.prefix = prefix[0];
      }
    }
    const std::optional<int> opens = clockTime(node, "opens", 9 * 60);
    const std::optional<int> closes = clockTime(node, "closes", 17 * 60);
    if (opens && closes) {
      if (*opens >= *closes) {
        error(doc_.locationOf(node, node.attribute("closes")), q.id,
              what(node) + " closes before it opens");
      }
      q.opens_minute = *opens;
      q.closes_minute = *closes;
    }
    q.days = days(node);
    q.retired = retired(node);
    if (q.retired && !q.id.empty()) retired_queues_.insert(q.id);
    layout_.queues.push_back(std::move(q));
  }

  void readRules(pugi::xml_node node) {
    FrontDeskRules& r = layout_.rules;
    r.no_show_limit = static_cast<int>(integer(node, "noShowLimit", 1, 10, 3).value_or(3));
    const std::string_view after = node.attribute("afterNoShow").value();
    if (after == "end") {
      r.no_show_requeues_once = false;
    } else if (!after.empty() && after != "requeue-once") {
      error(doc_.locationOf(node, node.attribute("afterNoShow")), "",
            "afterNoShow must be requeue-once or end, not '" + std::string(after) + "'");
    }
    r.appointment_early_minutes =
        static_cast<int>(integer(node, "appointmentEarlyMinutes", 0, 240, 30).value_or(30));
    r.appointment_late_minutes =
        static_cast<int>(integer(node, "appointmentLateMinutes", 0, 240, 15).value_or(15));
  }

  std::string reference(pugi::xml_node node, const char* attr, const char* kind,
                        const std::map<std::string, SourceLocation>& defined, bool needed) {
    const pugi::xml_attribute a = node.attribute(attr);
    const std::string ref = a.value();
    if (ref.empty()) {
      if (needed)
        error(doc_.locationOf(node), node.attribute("id").value(), what(node) + " has no " + attr);
      return ref;
    }
    if (!defined.contains(ref)) {
      error(doc_.locationOf(node, a), node.attribute("id").value(),
            what(node) + " names unknown " + kind + " '" + ref + "'");
    }
    return ref;
  }

  void readWindow(pugi::xml_node node) {
    Window w;
    w.id = uniqueId(node, window_ids_);
    w.loc = doc_.locationOf(node);
    if (std::optional<long> n = integer(node, "number", 1, 999, 0)) {
      w.number = static_cast<int>(*n);
      if (w.number == 0) {
        error(w.loc, w.id, what(node) + " has no number");
      } else if (auto [it, inserted] = window_numbers_.emplace(w.number, w.id); !inserted) {
        error(doc_.locationOf(node, node.attribute("number")), w.id,
              what(node) + " has number " + std::to_string(w.number) + ", as window '" +
                  it->second + "' has");
      }
    }
    const std::string_view kind = node.attribute("kind").value();
    if (kind.empty() || kind == "ordinary") {
      w.kind = WindowKind::Ordinary;
    } else if (kind == "reserved") {
      w.kind = WindowKind::Reserved;
    } else if (kind == "super") {
      w.kind = WindowKind::SuperComprehensive;
    } else if (kind == "vip") {
      w.kind = WindowKind::Vip;
    } else {
      error(doc_.locationOf(node, node.attribute("kind")), w.id,
            "kind of " + what(node) + " must be ordinary, reserved, super or vip, not '" +
                std::string(kind) + "'");
    }
    w.zone = reference(node, "zone", "zone", zone_ids_, true);
    w.department = reference(node, "department", "department", department_ids_, false);
    w.retired = retired(node);
    if (!w.retired && !w.department.empty()) {
      const Department* d = layout_.department(w.department);
      if (d != nullptr && d->retired) {
        error(doc_.locationOf(node, node.attribute("department")), w.id,
              what(node) + " is in service but department '" + w.department + "' is retired");
      }
    }
    w.position = position(node);
    for (pugi::xml_node child : children(node)) {
      const std::string_view local = XmlDocument::localName(child);
      if (local == "serves") {
        readServes(child, w);
      } else if (local == "takes") {
        readTakes(child, w);
      } else {
        error(doc_.locationOf(child), w.id, "<" + std::string(local) + "> is not part of a window");
      }
    }
    if (w.queues.empty() && !w.retired) error(w.loc, w.id, what(node) + " serves no queue");
    layout_.windows.push_back(std::move(w));
  }

  void readServes(pugi::xml_node node, Window& w) {
    const std::string q = reference(node, "queue", "queue", queue_ids_, true);
    if (q.empty()) return;
    const pugi::xml_attribute a = node.attribute("queue");
    if (std::find(w.queues.begin(), w.queues.end(), q) != w.queues.end()) {
      error(doc_.locationOf(node, a), w.id, "window '" + w.id + "' serves queue '" + q + "' twice");
      return;
    }
    if (!w.retired && retired_queues_.contains(q)) {
      error(doc_.locationOf(node, a), w.id,
            "window '" + w.id + "' is in service but serves retired queue '" + q + "'");
    }
    w.queues.push_back(q);
    if (!w.retired) served_.insert(q);
  }

  void readTakes(pugi::xml_node node, Window& w) {
    const std::string matter = required(node, "matter");
    if (matter.empty()) return;
    if (std::find(w.matters.begin(), w.matters.end(), matter) != w.matters.end()) {
      error(doc_.locationOf(node, node.attribute("matter")), w.id,
            "window '" + w.id + "' takes matter '" + matter + "' twice");
      return;
    }
    w.matters.push_back(matter);
  }

  void readDevice(pugi::xml_node node) {
    static const std::map<std::string_view, DeviceKind> kKinds = {
        {"ticket-kiosk", DeviceKind::TicketKiosk},
        {"ticket-desktop", DeviceKind::TicketDesktop},
        {"window-strip", DeviceKind::WindowStrip},
        {"welcome-screen", DeviceKind::WelcomeScreen},
        {"broadcast", DeviceKind::Broadcast},
        {"fingerprint-reader", DeviceKind::FingerprintReader}};
    Device d;
    d.id = uniqueId(node, device_ids_);
    d.loc = doc_.locationOf(node);
    const std::string_view kind = node.attribute("kind").value();
    if (auto it = kKinds.find(kind); it != kKinds.end()) {
      d.kind = it->second;
    } else {
      error(doc_.locationOf(node, node.attribute("kind")), d.id,
            "kind of " + what(node) + " is not a device kind of the hall: '" + std::string(kind) +
                "'");
    }
    const bool at_window =
        d.kind == DeviceKind::WindowStrip || d.kind == DeviceKind::FingerprintReader;
    d.zone = reference(node, "zone", "zone", zone_ids_, !at_window);
    d.window = reference(node, "window", "window", window_ids_, at_window);
    d.position = position(node);
    layout_.devices.push_back(std::move(d));
  }

  void checkServed() {
    for (const Queue& q : layout_.queues) {
      if (!q.id.empty() && !q.retired && !served_.contains(q.id)) {
        warning(q.loc, q.id, "queue '" + q.id + "' is served by no window");
      }
    }
  }

  std::string_view file_;
  const XmlDocument& doc_;
  HallLayout layout_;
  std::vector<Diagnostic> diagnostics_;
  int errors_ = 0;
  std::map<std::string, SourceLocation> zone_ids_, department_ids_, queue_ids_, window_ids_,
      device_ids_;
  std::map<char, std::string> prefixes_;
  std::map<std::string, std::string> department_codes_;
  std::set<std::string> retired_queues_;
  std::map<int, std::string> window_numbers_;
  std::set<std::string> served_;
};

}  // namespace

bool isHallLayoutDocument(std::string_view xml) {
  return XmlDocument::hasRoot(xml, kHallLayoutNs, "hall");
}

ReadHallLayoutResult readHallLayout(std::string_view file, std::string_view xml) {
  XmlDocument doc;
  if (const std::optional<wf::xml::XmlError> syntax = doc.parse(xml)) {
    return {nullptr, {wf::xml::syntaxDiagnostic(file, *syntax)}};
  }
  Reader reader(file, doc);
  std::shared_ptr<const HallLayout> layout = reader.read();
  return {std::move(layout), reader.diagnostics()};
}

}  // namespace hall::domain
