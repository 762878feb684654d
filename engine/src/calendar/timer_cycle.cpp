#include "calendar/timer_cycle.h"

#include <charconv>
#include <string>

#include "expr/temporal_arithmetic.h"

namespace wf::calendar {

int64_t TimerCycle::firstDue(int64_t now) const { return start ? *start : nextDue(now); }

int64_t TimerCycle::nextDue(int64_t due) const {
  return expr::addToDateTime(DateTime{due, 0, true}, period, 1).epoch_millis;
}

std::optional<Firing> TimerCycle::after(const Firing& fired, int64_t now) const {
  constexpr int kMaxSkipped = 100000;
  if (fired.repeat == 0 || fired.repeat == 1) return std::nullopt;
  int64_t due = nextDue(fired.due);
  for (int i = 0; i < kMaxSkipped && due <= now; ++i) due = nextDue(due);
  return Firing{due, fired.repeat < 0 ? -1 : fired.repeat - 1};
}

std::optional<TimerCycle> parseTimerCycle(std::string_view text) {
  if (text.empty() || text.front() != 'R') return std::nullopt;
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  TimerCycle cycle;
  const std::string_view count = text.substr(1, slash - 1);
  if (!count.empty()) {
    int n = 0;
    const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
    if (ec != std::errc() || end != count.data() + count.size() || n < 0) return std::nullopt;
    cycle.repetitions = n;
  }
  std::string_view rest = text.substr(slash + 1);
  if (const size_t second = rest.find('/'); second != std::string_view::npos) {
    const std::optional<DateTime> start = parseDateTime(rest.substr(0, second));
    if (!start) return std::nullopt;
    cycle.start = start->epoch_millis;
    rest = rest.substr(second + 1);
  }
  const std::optional<Duration> period = parseDuration(rest);
  if (!period || period->working_days != 0 || period->months < 0 || period->millis < 0 ||
      (period->months == 0 && period->millis == 0)) {
    return std::nullopt;
  }
  cycle.period = *period;
  return cycle;
}

}  // namespace wf::calendar
