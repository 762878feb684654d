#include "portal/domain/hall_layout_writer.h"

#include <array>
#include <charconv>
#include <string_view>

#include "portal/domain/hall_layout_reader.h"

namespace hall::domain {

namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};

class Writer {
 public:
  std::string take() { return std::move(out_); }

  void raw(std::string_view text) { out_ += text; }

  // ` name="value"`, escaped for an attribute in double quotes.
  void attr(std::string_view name, std::string_view value) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    for (const char c : value) {
      switch (c) {
        case '&':
          out_ += "&amp;";
          break;
        case '<':
          out_ += "&lt;";
          break;
        case '>':
          out_ += "&gt;";
          break;
        case '"':
          out_ += "&quot;";
          break;
        case '\n':
          out_ += "&#10;";
          break;
        case '\t':
          out_ += "&#9;";
          break;
        case '\r':
          out_ += "&#13;";
          break;
        default:
          out_ += c;
      }
    }
    out_ += '"';
  }
  void attr(std::string_view name, int value) { attr(name, std::to_string(value)); }
  void attrIfSet(std::string_view name, std::string_view value) {
    if (!value.empty()) attr(name, value);
  }
  void flagIfSet(std::string_view name, bool value) {
    if (value) attr(name, "true");
  }

  // Shortest text that reads back as the same double.
  void number(std::string_view name, double value) {
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    attr(name, std::string_view(buf.data(), ec == std::errc() ? end - buf.data() : 0));
  }

  void position(const Position& p) {
    if (p.floor == 1 && p.x == 0 && p.y == 0) return;
    attr("floor", p.floor);
    number("x", p.x);
    number("y", p.y);
  }

 private:
  std::string out_;
};

std::string clockTime(int minutes) {
  std::string t = "00:00";
  t[0] = static_cast<char>('0' + minutes / 600);
  t[1] = static_cast<char>('0' + minutes / 60 % 10);
  t[3] = static_cast<char>('0' + minutes % 60 / 10);
  t[4] = static_cast<char>('0' + minutes % 10);
  return t;
}

// "mon-fri", "mon-wed,fri,sun": runs of open days.
std::string dayRanges(const std::array<bool, 7>& days) {
  std::string text;
  for (size_t d = 0; d < days.size();) {
    if (!days[d]) {
      ++d;
      continue;
    }
    size_t last = d;
    while (last + 1 < days.size() && days[last + 1]) ++last;
    if (!text.empty()) text += ',';
    text += kDayNames[d];
    if (last > d) {
      text += '-';
      text += kDayNames[last];
    }
    d = last + 1;
  }
  return text;
}

}  // namespace

std::string writeHallLayout(const HallLayout& h) {
  Writer w;
  w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hall");
  w.attr("xmlns", kHallLayoutNs);
  w.attr("id", h.id);
  w.attr("name", h.name);
  w.raw(">\n  <rules");
  w.attr("noShowLimit", h.rules.no_show_limit);
  w.attr("afterNoShow", h.rules.no_show_requeues_once ? "requeue-once" : "end");
  w.attr("appointmentEarlyMinutes", h.rules.appointment_early_minutes);
  w.attr("appointmentLateMinutes", h.rules.appointment_late_minutes);
  w.raw("/>\n");

  if (!h.zones.empty()) w.raw("\n");
  for (const Zone& z : h.zones) {
    w.raw("  <zone");
    w.attr("id", z.id);
    w.attr("name", z.name);
    w.attr("floor", z.floor);
    w.attr("voice", z.voice ? "on" : "off");
    w.raw("/>\n");
  }

  if (!h.departments.empty()) w.raw("\n");
  for (const Department& d : h.departments) {
    w.raw("  <department");
    w.attr("id", d.id);
    w.attr("name", d.name);
    w.attrIfSet("code", d.code);
    w.flagIfSet("illustrative", d.illustrative);
    w.flagIfSet("retired", d.retired);
    w.raw("/>\n");
  }

  if (!h.queues.empty()) w.raw("\n");
  for (const Queue& q : h.queues) {
    w.raw("  <queue");
    w.attr("id", q.id);
    w.attr("name", q.name);
    w.attr("prefix", std::string(1, q.prefix));
    w.attr("opens", clockTime(q.opens_minute));
    w.attr("closes", clockTime(q.closes_minute));
    w.attr("days", dayRanges(q.days));
    w.flagIfSet("retired", q.retired);
    w.raw("/>\n");
  }

  if (!h.windows.empty()) w.raw("\n");
  for (const Window& win : h.windows) {
    w.raw("  <window");
    w.attr("id", win.id);
    w.attr("number", win.number);
    w.attr("kind", windowKindName(win.kind));
    w.attr("zone", win.zone);
    w.attrIfSet("department", win.department);
    w.position(win.position);
    w.flagIfSet("retired", win.retired);
    if (win.queues.empty() && win.matters.empty()) {
      w.raw("/>\n");
      continue;
    }
    w.raw(">\n");
    for (const std::string& q : win.queues) {
      w.raw("    <serves");
      w.attr("queue", q);
      w.raw("/>\n");
    }
    for (const std::string& m : win.matters) {
      w.raw("    <takes");
      w.attr("matter", m);
      w.raw("/>\n");
    }
    w.raw("  </window>\n");
  }

  if (!h.devices.empty()) w.raw("\n");
  for (const Device& d : h.devices) {
    w.raw("  <device");
    w.attr("id", d.id);
    w.attr("kind", deviceKindName(d.kind));
    w.attrIfSet("zone", d.zone);
    w.attrIfSet("window", d.window);
    w.position(d.position);
    w.raw("/>\n");
  }
  w.raw("</hall>\n");
  return w.take();
}

}  // namespace hall::domain
