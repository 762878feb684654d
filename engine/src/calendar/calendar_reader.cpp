#include "calendar/calendar_reader.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

// The shared XML layer of the readers: namespaces, encodings and character
// line:column positions, so calendar diagnostics point the way BPMN ones do.
#include "wf/xml_document.h"

namespace wf::calendar {
namespace {

using xml::LocatedText;
using xml::XmlDocument;

// Howard Hinnant's days_from_civil; the arguments are known to be valid.
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string at(SourceLocation loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

std::string rangeText(Date first, Date last) {
  return first == last ? formatDate(first) : formatDate(first) + " to " + formatDate(last);
}

struct HolidaySource {
  Holiday holiday;
  int year = 0;
  SourceLocation loc;
};

struct MakeUpSource {
  MakeUpDay day;
  int year = 0;
  SourceLocation loc;
  SourceLocation for_loc;
};

class Reader {
 public:
  Reader(std::string_view file, const XmlDocument& doc) : file_(file), doc_(doc) {}

  ReadCalendarResult read() {
    const pugi::xml_node root = doc_.root();
    if (!doc_.is(root, kCalendarNs, "calendar")) {
      error(doc_.locationOf(root), "the root element '" + std::string(root.name()) +
                                       "' is not a calendar element (namespace " +
                                       std::string(kCalendarNs) + ")");
      return finish();
    }
    checkAttributes(root, {"id", "name"});
    const std::optional<LocatedText> id = required(root, "id");

    // Rest days first, wherever they are written: the make-up checks of the
    // years need them.
    for (pugi::xml_node child : root.children()) {
      if (child.type() != pugi::node_element) {
        continue;
      }
      if (doc_.is(child, kCalendarNs, "weeklyRest")) {
        readWeeklyRest(child);
      } else if (!doc_.is(child, kCalendarNs, "year")) {
        unknownElement(child, root);
      }
    }
    const auto rest_days = std::count(weekly_rest_.begin(), weekly_rest_.end(), true);
    if (rest_days == 7) {
      error(doc_.locationOf(root), "every day of the week is a weekly rest day");
    } else if (rest_days == 0) {
      warning(doc_.locationOf(root),
              "the calendar declares no weeklyRest day, so every day of the week is a working "
              "day");
    }
    for (pugi::xml_node child : root.children()) {
      if (doc_.is(child, kCalendarNs, "year")) {
        readYear(child);
      }
    }
    checkOverlaps();
    checkMakeUpDays();
    if (error_count_ > 0 || !id) {
      return finish();
    }

    std::vector<int> years;
    for (const auto& [year, loc] : years_) {
      years.push_back(year);
    }
    std::vector<Holiday> holidays;
    for (const HolidaySource& h : holidays_) {
      holidays.push_back(h.holiday);
    }
    std::vector<MakeUpDay> make_up_days;
    for (const MakeUpSource& m : make_up_days_) {
      make_up_days.push_back(m.day);
    }
    ReadCalendarResult result = finish();
    result.calendar = std::make_shared<const WorkingCalendar>(
        id->text, weekly_rest_, std::move(years), std::move(holidays), std::move(make_up_days));
    return result;
  }

  void error(SourceLocation loc, std::string message) {
    ++error_count_;
    diagnostics_.push_back(
        Diagnostic{file_, loc.line, loc.column, Severity::Error, "", std::move(message)});
  }

 private:
  void warning(SourceLocation loc, std::string message) {
    diagnostics_.push_back(
        Diagnostic{file_, loc.line, loc.column, Severity::Warning, "", std::move(message)});
  }

  ReadCalendarResult finish() {
    // Global checks run after the walk; people read a file top to bottom.
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return std::pair(a.line, a.column) < std::pair(b.line, b.column);
                     });
    return ReadCalendarResult{nullptr, std::move(diagnostics_)};
  }

  static std::string tag(pugi::xml_node element) { return "<" + std::string(element.name()) + ">"; }

  void unknownElement(pugi::xml_node element, pugi::xml_node parent) {
    error(doc_.locationOf(element), "unknown element " + tag(element) + " in " + tag(parent) +
                                        (doc_.namespaceOf(element) == kCalendarNs
                                             ? ""
                                             : " (namespace '" + doc_.namespaceOf(element) + "')"));
  }

  // Unqualified attributes must be known; qualified ones (xmlns, xml:lang,
  // another tool's annotations) belong to someone else.
  void checkAttributes(pugi::xml_node element, std::initializer_list<std::string_view> known) {
    for (pugi::xml_attribute a : element.attributes()) {
      const std::string_view name = a.name();
      if (name == "xmlns" || name.find(':') != std::string_view::npos) {
        continue;
      }
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        error(doc_.locationOf(element, a),
              "unknown attribute '" + std::string(name) + "' on " + tag(element));
      }
    }
  }

  std::optional<LocatedText> required(pugi::xml_node element, const char* name) {
    const pugi::xml_attribute a = element.attribute(name);
    if (!a) {
      error(doc_.locationOf(element), tag(element) + " has no " + name);
      return std::nullopt;
    }
    LocatedText text = doc_.textOf(element, a);
    if (text.text.empty()) {
      error(text.loc, tag(element) + " has an empty " + name);
      return std::nullopt;
    }
    return text;
  }

  // A date of year `year`, which may also lie in the December before or the
  // January after it: a notice can start the New Year holiday on 30 December.
  std::optional<Date> date(pugi::xml_node element, const char* name, int year) {
    const std::optional<LocatedText> text = required(element, name);
    if (!text) {
      return std::nullopt;
    }
    const std::optional<Date> d = parseDate(text->text);
    if (!d) {
      error(text->loc, std::string(name) + " '" + text->text + "' is not a date (YYYY-MM-DD)");
      return std::nullopt;
    }
    if (year != 0 &&
        (d->days < daysFromCivil(year - 1, 12, 1) || d->days > daysFromCivil(year + 1, 1, 31))) {
      error(text->loc, std::string(name) + " " + formatDate(*d) + " is not in year " +
                           std::to_string(year) +
                           " (nor in the December before or the January after it)");
      return std::nullopt;
    }
    return d;
  }

  void readWeeklyRest(pugi::xml_node element) {
    checkAttributes(element, {"day"});
    const std::optional<LocatedText> day = required(element, "day");
    if (!day) {
      return;
    }
    for (size_t k = 0; k < 7; ++k) {
      if (day->text == weekdayName(static_cast<Weekday>(k))) {
        if (weekly_rest_[k]) {
          error(day->loc, "weekly rest day '" + day->text + "' is listed twice");
        }
        weekly_rest_[k] = true;
        return;
      }
    }
    error(day->loc, "'" + day->text + "' is not a day of the week (monday … sunday)");
  }

  void readYear(pugi::xml_node element) {
    checkAttributes(element, {"value", "source"});
    const std::optional<LocatedText> value = required(element, "value");
    int year = 0;
    if (value) {
      const std::string& t = value->text;
      if (t.size() == 4 &&
          std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
          t[0] != '0') {
        year = std::stoi(t);
      } else {
        error(value->loc, "year '" + t + "' is not a four-digit year");
      }
    }
    if (year != 0) {
      const auto [it, inserted] = years_.emplace(year, value->loc);
      if (!inserted) {
        error(value->loc, "year " + std::to_string(year) + " is listed twice (first at " +
                              at(it->second) + ")");
      }
    }
    if (!element.attribute("source")) {
      warning(doc_.locationOf(element),
              "year " + (value ? value->text : std::string("?")) +
                  " cites no source; name the State Council notice it comes from");
    }

    std::set<std::string> names;
    const size_t first_make_up = make_up_days_.size();
    for (pugi::xml_node child : element.children()) {
      if (child.type() != pugi::node_element) {
        continue;
      }
      if (doc_.is(child, kCalendarNs, "holiday")) {
        readHoliday(child, year, names);
      } else if (doc_.is(child, kCalendarNs, "makeUpWorkday")) {
        readMakeUpDay(child, year);
      } else {
        unknownElement(child, element);
      }
    }
    // `for` may name a holiday written after the make-up day.
    for (size_t i = first_make_up; i < make_up_days_.size(); ++i) {
      const MakeUpSource& m = make_up_days_[i];
      if (!m.day.for_holiday.empty() && names.count(m.day.for_holiday) == 0) {
        error(m.for_loc, "make-up workday " + formatDate(m.day.date) + " is for holiday '" +
                             m.day.for_holiday + "', which year " + std::to_string(year) +
                             " does not list");
      }
    }
  }

  void readHoliday(pugi::xml_node element, int year, std::set<std::string>& names) {
    checkAttributes(element, {"name", "from", "to"});
    const std::optional<LocatedText> name = required(element, "name");
    const std::optional<Date> from = date(element, "from", year);
    const std::optional<Date> to = date(element, "to", year);
    if (name) {
      names.insert(name->text);
    }
    if (!name || !from || !to) {
      return;
    }
    if (*to < *from) {
      error(doc_.locationOf(element, element.attribute("to")),
            "holiday '" + name->text + "' ends (" + formatDate(*to) + ") before it starts (" +
                formatDate(*from) + ")");
      return;
    }
    holidays_.push_back(
        HolidaySource{Holiday{name->text, *from, *to}, year, doc_.locationOf(element)});
  }

  void readMakeUpDay(pugi::xml_node element, int year) {
    checkAttributes(element, {"date", "for"});
    const std::optional<Date> d = date(element, "date", year);
    if (!d) {
      return;
    }
    MakeUpSource m{MakeUpDay{*d, ""}, year, doc_.locationOf(element), {}};
    if (const pugi::xml_attribute f = element.attribute("for")) {
      const LocatedText text = doc_.textOf(element, f);
      m.day.for_holiday = text.text;
      m.for_loc = text.loc;
    }
    const Weekday weekday = weekdayOf(*d);
    if (!weekly_rest_[static_cast<size_t>(weekday)]) {
      error(doc_.locationOf(element, element.attribute("date")),
            "make-up workday " + formatDate(*d) + " is a " + weekdayName(weekday) +
                ", not a weekly rest day; only a rest day can be worked in exchange");
      return;
    }
    make_up_days_.push_back(std::move(m));
  }

  void checkOverlaps() {
    std::vector<const HolidaySource*> sorted;
    for (const HolidaySource& h : holidays_) {
      sorted.push_back(&h);
    }
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
      return a->holiday.first < b->holiday.first;
    });
    // The earlier range reaching furthest is the one a later range can hit.
    const HolidaySource* reach = nullptr;
    for (const HolidaySource* h : sorted) {
      if (reach != nullptr && h->holiday.first <= reach->holiday.last) {
        // Report at whichever of the two is written later in the file.
        const bool h_later =
            std::pair(h->loc.line, h->loc.column) > std::pair(reach->loc.line, reach->loc.column);
        const HolidaySource* later = h_later ? h : reach;
        const HolidaySource* earlier = h_later ? reach : h;
        error(later->loc, "holiday '" + later->holiday.name + "' (" +
                              rangeText(later->holiday.first, later->holiday.last) +
                              ") overlaps holiday '" + earlier->holiday.name + "' (" +
                              rangeText(earlier->holiday.first, earlier->holiday.last) + ") at " +
                              at(earlier->loc));
      }
      if (reach == nullptr || h->holiday.last > reach->holiday.last) {
        reach = h;
      }
    }
  }

  void checkMakeUpDays() {
    std::map<int64_t, SourceLocation> seen;
    for (const MakeUpSource& m : make_up_days_) {
      const auto [it, inserted] = seen.emplace(m.day.date.days, m.loc);
      if (!inserted) {
        error(m.loc, "make-up workday " + formatDate(m.day.date) + " is listed twice (first at " +
                         at(it->second) + ")");
      }
      for (const HolidaySource& h : holidays_) {
        if (h.holiday.first <= m.day.date && m.day.date <= h.holiday.last) {
          error(m.loc, "make-up workday " + formatDate(m.day.date) + " lies inside holiday '" +
                           h.holiday.name + "' (" + rangeText(h.holiday.first, h.holiday.last) +
                           ") at " + at(h.loc) + "; a day cannot be both off and worked");
        }
      }
    }
  }

  std::string file_;
  const XmlDocument& doc_;
  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
  std::array<bool, 7> weekly_rest_{};
  std::map<int, SourceLocation> years_;
  std::vector<HolidaySource> holidays_;
  std::vector<MakeUpSource> make_up_days_;
};

}  // namespace

bool isCalendarDocument(std::string_view xml) {
  return XmlDocument::hasRoot(xml, kCalendarNs, "calendar");
}

ReadCalendarResult readCalendar(std::string_view file, std::string_view xml) {
  XmlDocument doc;
  if (const std::optional<xml::XmlError> syntax = doc.parse(xml)) {
    return ReadCalendarResult{nullptr, {xml::syntaxDiagnostic(file, *syntax)}};
  }
  Reader reader(file, doc);
  return reader.read();
}

}  // namespace wf::calendar
