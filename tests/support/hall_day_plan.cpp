#include "support/hall_day_plan.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "portal/domain/hall_time.h"
#include "portal/domain/id_number.h"

namespace hall::test {

namespace {

using hall::domain::TicketChannel;

constexpr int64_t kMinute = 60000;

// Arrivals per half hour from 09:00 to 17:00, relative: the morning peak,
// the lunch dip, the afternoon peak, a quiet last hour.
constexpr std::array<double, 16> kArrivalCurve = {0.9, 1.5, 2.0, 2.0, 1.6, 1.1,  // 09:00 … 11:30
                                                  0.6, 0.5, 0.8,       // 12:00 … 13:00, lunch
                                                  1.3, 1.9, 2.0, 1.7,  // 13:30 … 15:00
                                                  1.2, 0.8, 0.4};      // 15:30 … 16:30

struct QueueProfile {
  const char* id;
  double weight;        // of walk-ins choosing it
  double service_mean;  // minutes
  double intake_share;  // services that end in an intake (收件), not a consultation
  const char* sent_on;  // where a transfer from here goes
};

// 商事登记 and 一窗通 take most visitors; the VIP queue is for VIP visitors only.
constexpr std::array<QueueProfile, 8> kQueues = {{
    {"commerce", 30, 9.0, 0.5, "tax"},
    {"onewindow", 26, 7.0, 0.4, "cross"},
    {"tax", 12, 8.0, 0.3, "commerce"},
    {"hr", 10, 6.0, 0.3, "policy"},
    {"cross", 9, 11.0, 0.8, "commerce"},
    {"policy", 7, 10.0, 0.2, "hr"},
    {"construction", 6, 12.0, 0.6, "commerce"},
    {"vip", 0, 12.0, 0.5, ""},
}};

// Queues that take appointments (the reserved windows serve them), by share.
constexpr std::array<std::pair<const char*, double>, 3> kAppointmentQueues = {{
    {"commerce", 0.5},
    {"tax", 0.25},
    {"construction", 0.25},
}};

constexpr double kAppointmentShare = 0.14;
constexpr double kVipShare = 0.025;
constexpr double kVipBookedShare = 0.6;  // of VIP visitors; the others get a VIP ticket at the desk
constexpr double kIdCardShare = 0.6;     // of walk-ins
constexpr double kElderlyShare = 0.2;    // of visitors whose ID is known
constexpr double kDisabledShare = 0.02;  // of anonymous walk-ins
constexpr double kTransferShare = 0.05;
constexpr double kTransferToWindowShare = 0.3;
constexpr double kServiceSigma = 0.5;  // of the logarithm: a long right tail

const QueueProfile& profile(const std::string& queue) {
  for (const QueueProfile& q : kQueues) {
    if (queue == q.id) return q;
  }
  return kQueues.front();
}

// Shanghai districts: Huangpu, Xuhui, Changning, Jing'an, Putuo, Pudong.
constexpr std::array<const char*, 6> kRegions = {"310101", "310104", "310105",
                                                 "310106", "310107", "310115"};

class IdNumbers {
 public:
  // A valid number no one else of the day holds, born in [first, last].
  std::string draw(SimRandom& random, int first_year, int last_year) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      char body[64];
      std::snprintf(body, sizeof(body), "%s%04d%02d%02d%03d", kRegions[random.below(6)],
                    first_year + random.below(last_year - first_year + 1), 1 + random.below(12),
                    1 + random.below(28), 1 + random.below(999));
      const std::string digits(body);
      const std::string number = digits + hall::domain::idCheckCharacter(digits);
      if (taken_.insert(number).second) return number;
    }
    return {};  // unreachable in practice: 100 draws that all collide
  }

 private:
  std::set<std::string> taken_;
};

// Elderly (60 and over, the front desk's age) are born before 1966: on any
// day of 2026 they are; those born from 1967 are not yet.
void drawHolder(SimRandom& random, IdNumbers& ids, PlannedVisitor& v) {
  v.elderly = random.chance(kElderlyShare);
  v.id_number = v.elderly ? ids.draw(random, 1940, 1965) : ids.draw(random, 1967, 2004);
}

int64_t drawArrival(SimRandom& random, int64_t opens_at) {
  const std::vector<double> weights(kArrivalCurve.begin(), kArrivalCurve.end());
  const size_t half_hour = random.pick(weights);
  const double minute = 30.0 * (static_cast<double>(half_hour) + random.uniform());
  return opens_at + static_cast<int64_t>(minute * kMinute);
}

std::string drawQueue(SimRandom& random) {
  std::vector<double> weights;
  for (const QueueProfile& q : kQueues) weights.push_back(q.weight);
  return kQueues[random.pick(weights)].id;
}

void drawWindowBehaviour(SimRandom& random, PlannedVisitor& v) {
  const double first = random.uniform();
  v.answers_call[0] = first < 0.93 ? 1 : first < 0.95 ? 2 : first < 0.96 ? 3 : 0;
  v.answers_call[1] = random.chance(0.5) ? 1 : 0;
  v.walk_ms = static_cast<int64_t>(random.uniform(20, 90) * 1000);
  const QueueProfile& q = profile(v.queue);
  v.service_minutes = std::clamp(random.lognormal(q.service_mean, kServiceSigma), 1.0, 60.0);
  v.outcome = random.chance(q.intake_share) ? "intake" : "consultation";
  if (*q.sent_on != '\0' && random.chance(kTransferShare)) {
    v.transfer_queue = q.sent_on;
    v.transfer_to_window = random.chance(kTransferToWindowShare);
    v.transfer_pick = random.uniform();
    v.transfer_after_minutes = random.uniform(1, 4);
    v.second_service_minutes = std::clamp(
        random.lognormal(profile(v.transfer_queue).service_mean, kServiceSigma), 1.0, 60.0);
  }
}

// Rounded down to the quarter hour, within 09:15 … 16:30.
int64_t slotNear(int64_t at, int64_t opens_at) {
  const int64_t quarter = 15 * kMinute;
  const int64_t slot = opens_at + (at - opens_at) / quarter * quarter;
  return std::clamp(slot, opens_at + quarter, opens_at + 30 * quarter);
}

void planAppointment(SimRandom& random, const HallDayPlan& day, PlannedVisitor& v) {
  v.channel = TicketChannel::Appointment;
  v.slot_at = slotNear(drawArrival(random, day.opens_at), day.opens_at);
  const double kind = random.uniform();
  v.punctuality = kind < 0.75   ? Punctuality::OnTime
                  : kind < 0.87 ? Punctuality::TooEarly
                                : Punctuality::Late;
  // Earlier than 30 minutes before the slot is refused; later than 15
  // minutes after it counts as a walk-in (the hall's rules).
  if (v.punctuality == Punctuality::TooEarly && v.slot_at - 80 * kMinute >= day.opens_at) {
    v.arrives_at = v.slot_at - static_cast<int64_t>(random.uniform(35, 80) * kMinute);
    v.returns_after_ms = static_cast<int64_t>(random.uniform(0, 20) * kMinute);
  } else if (v.punctuality == Punctuality::Late && v.slot_at + 50 * kMinute < day.closes_at) {
    v.arrives_at = v.slot_at + static_cast<int64_t>(random.uniform(18, 45) * kMinute);
  } else {
    v.punctuality = Punctuality::OnTime;
    v.arrives_at = std::max(day.opens_at + kMinute,
                            v.slot_at + static_cast<int64_t>(random.uniform(-25, 12) * kMinute));
  }
}

std::vector<PlannedBreak> drawBreaks(SimRandom& random, int yyyymmdd) {
  const auto at = [&](int hh, int mm) {
    return hall::domain::hallEpochMillis(yyyymmdd, hh * 60 + mm);
  };
  std::vector<PlannedBreak> breaks;
  const auto maybe = [&](double chance, int64_t from, int64_t to, int shortest, int longest) {
    if (!random.chance(chance)) return;
    breaks.push_back(
        {static_cast<int64_t>(random.uniform(static_cast<double>(from), static_cast<double>(to))),
         shortest + random.below(longest - shortest + 1)});
  };
  maybe(0.35, at(10, 15), at(11, 15), 10, 15);  // a short break in the morning
  maybe(0.5, at(11, 30), at(12, 45), 30, 45);   // lunch, in turns
  maybe(0.3, at(15, 0), at(16, 0), 10, 15);     // a short break in the afternoon
  return breaks;
}

}  // namespace

HallDayPlan planHallDay(const HallDayShape& shape, const hall::domain::HallLayout& layout) {
  SimRandom random(shape.seed);
  HallDayPlan day;
  day.yyyymmdd = shape.yyyymmdd;
  day.opens_at = hall::domain::hallEpochMillis(shape.yyyymmdd, 9 * 60);
  day.closes_at = hall::domain::hallEpochMillis(shape.yyyymmdd, 17 * 60);
  IdNumbers ids;
  for (int i = 0; i < shape.visitors; ++i) {
    PlannedVisitor v;
    const double kind = random.uniform();
    if (kind < kVipShare) {
      v.queue = "vip";
      drawHolder(random, ids, v);
      if (random.chance(kVipBookedShare)) {
        v.vip_booking = true;
        planAppointment(random, day, v);
      } else {
        v.channel = TicketChannel::Vip;
        v.arrives_at = drawArrival(random, day.opens_at);
      }
    } else if (kind < kVipShare + kAppointmentShare) {
      std::vector<double> shares;
      for (const auto& [queue, share] : kAppointmentQueues) shares.push_back(share);
      v.queue = kAppointmentQueues[random.pick(shares)].first;
      drawHolder(random, ids, v);
      planAppointment(random, day, v);
    } else {
      v.queue = drawQueue(random);
      v.arrives_at = drawArrival(random, day.opens_at);
      if (random.chance(kIdCardShare)) {
        v.channel = TicketChannel::IdCard;
        drawHolder(random, ids, v);
      } else {
        v.disabled = random.chance(kDisabledShare);
      }
    }
    drawWindowBehaviour(random, v);
    day.visitors.push_back(std::move(v));
  }
  std::stable_sort(
      day.visitors.begin(), day.visitors.end(),
      [](const PlannedVisitor& a, const PlannedVisitor& b) { return a.arrives_at < b.arrives_at; });
  for (size_t i = 0; i < day.visitors.size(); ++i) day.visitors[i].index = static_cast<int>(i);

  for (const std::string& id : shape.windows) {
    if (!layout.window(id)) continue;
    day.windows.push_back({id, drawBreaks(random, shape.yyyymmdd)});
  }
  return day;
}

}  // namespace hall::test
