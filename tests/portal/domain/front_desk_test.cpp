#include "portal/domain/front_desk.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "portal/domain/hall_time.h"
#include "support/front_desk_harness.h"

namespace hall::domain {
namespace {

using hall::test::FrontDeskHarness;
using std::chrono::minutes;

// Valid GB 11643 numbers: born 1949 (elderly), 1990, 1985.
constexpr const char* kElderly = "11010519491231002X";
constexpr const char* kAdult = "110105199003071239";
constexpr const char* kOtherAdult = "310104198507150017";

std::string numberOf(const wf::Result<std::optional<TicketView>>& called) {
  if (!called.ok() || !called->has_value()) return "<none>";
  return (*called)->ticket.number;
}

TEST(FrontDesk, NumbersRunPerQueuePerDayAndRestartTheNextDay) {
  FrontDeskHarness h;
  EXPECT_EQ(h.issue("commerce").ticket.number, "A001");
  EXPECT_EQ(h.issue("commerce").ticket.number, "A002");
  EXPECT_EQ(h.issue("tax").ticket.number, "D001");
  EXPECT_EQ(h.issue("commerce").ticket.number, "A003");
  h.clock().advance(std::chrono::hours(24));  // Tuesday 09:30
  const TicketView tuesday = h.issue("commerce");
  EXPECT_EQ(tuesday.ticket.number, "A001");
  EXPECT_EQ(tuesday.ticket.day, "2026-12-01");
  EXPECT_NE(tuesday.ticket.id, h.desk().ticket("t-20261130-A001")->ticket.id);
}

TEST(FrontDesk, RefusesUnknownAndClosedQueuesNamingTheField) {
  FrontDeskHarness h;
  TicketRequest r;
  r.queue = "passports";
  wf::Result<TicketView> unknown = h.desk().issue(r);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_EQ(unknown.status().details().find("field")->asString(), "queue");

  h.clock().set(hallEpochMillis(20261130, 7 * 60));  // 07:00, before opening
  r.queue = "commerce";
  wf::Result<TicketView> early = h.desk().issue(r);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(early.status().details().find("field")->asString(), "queue");
  h.clock().set(hallEpochMillis(20261129, 10 * 60));  // a Sunday
  EXPECT_EQ(h.desk().issue(r).status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.desk().queues().front().open, false);
}

TEST(FrontDesk, TheDemoHallIsOpenWhateverTheClockSays) {
  FrontDeskHarness h(FrontDeskOptions{.always_open = true});
  h.clock().set(hallEpochMillis(20261129, 3 * 60));  // Sunday 03:00
  EXPECT_EQ(h.issue("commerce").ticket.number, "A001");
}

TEST(FrontDesk, ChecksTheIdNumberAndOneLiveTicketPerHolderAndQueue) {
  FrontDeskHarness h;
  TicketRequest r;
  r.queue = "commerce";
  r.channel = TicketChannel::IdCard;
  r.id_number = "110105194912310021";  // wrong check character
  wf::Result<TicketView> bad = h.desk().issue(r);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().details().find("field")->asString(), "idNumber");
  r.id_number = "";
  EXPECT_EQ(h.desk().issue(r).status().details().find("field")->asString(), "idNumber");

  r.id_number = kAdult;
  ASSERT_TRUE(h.desk().issue(r).ok());
  wf::Result<TicketView> second = h.desk().issue(r);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(second.status().details().find("field")->asString(), "idNumber");
  // Another queue is another matter.
  r.queue = "tax";
  EXPECT_TRUE(h.desk().issue(r).ok());
  // Once served, the holder may take a new ticket in the same queue.
  h.signIn({"W01"});
  ASSERT_EQ(numberOf(h.desk().callNext("W01")), "A001");
  ASSERT_TRUE(h.desk().end("W01", "consultation").ok());
  r.queue = "commerce";
  wf::Result<TicketView> again = h.desk().issue(r);
  ASSERT_TRUE(again.ok()) << again.status().toString();
  EXPECT_EQ(again->ticket.number, "A002");
}

TEST(FrontDesk, PersonalDataIsSealedAtRestAndMaskedInViews) {
  FrontDeskHarness h;
  TicketRequest r;
  r.queue = "commerce";
  r.channel = TicketChannel::IdCard;
  r.id_number = kAdult;
  r.phone = "13812345678";
  wf::Result<TicketView> issued = h.desk().issue(r);
  ASSERT_TRUE(issued.ok()) << issued.status().toString();
  EXPECT_EQ(issued->ticket.id_masked, "110105********1239");
  EXPECT_EQ(issued->ticket.phone_masked, "138****5678");
  EXPECT_EQ(*h.vault().open(issued->ticket.id_sealed), kAdult);

  // Neither the hall's rows nor the engine's variables hold the numbers.
  auto sql = h.engineHarness().sql();
  soci::rowset<soci::row> rows = (sql->prepare << "SELECT * FROM hall_tickets");
  int seen = 0;
  for (const soci::row& row : rows) {
    ++seen;
    for (size_t i = 0; i < row.size(); ++i) {
      if (row.get_properties(i).get_data_type() != soci::dt_string) continue;
      const std::string value = row.get<std::string>(i, "");
      EXPECT_EQ(value.find(kAdult), std::string::npos) << row.get_properties(i).get_name();
      EXPECT_EQ(value.find("13812345678"), std::string::npos) << row.get_properties(i).get_name();
    }
  }
  EXPECT_EQ(seen, 1);
  const std::string variables = h.engine().instance(issued->ticket.instance_id)->variables.toJson();
  EXPECT_EQ(variables.find(kAdult), std::string::npos);
  EXPECT_EQ(variables.find("13812345678"), std::string::npos);
}

TEST(FrontDesk, CallsByTheDecisionTableThenByAge) {
  FrontDeskHarness h;
  h.issue("commerce");                                             // A001 walk-in
  h.issue("commerce", TicketChannel::IdCard, kAdult);              // A002 adult
  h.issue("commerce", TicketChannel::IdCard, kElderly);            // A003 elderly
  const TicketView vip = h.issue("commerce", TicketChannel::Vip);  // A004 VIP
  EXPECT_TRUE(vip.ticket.vip);
  h.signIn({"W01"});
  std::vector<std::string> order;
  for (int i = 0; i < 4; ++i) {
    order.push_back(numberOf(h.desk().callNext("W01")));
    ASSERT_TRUE(h.desk().end("W01", "consultation").ok());
  }
  // VIP (rank 2), elderly (3), then walk-ins by age (9).
  EXPECT_EQ(order, (std::vector<std::string>{"A004", "A003", "A001", "A002"}));
  EXPECT_FALSE(h.desk().callNext("W01")->has_value());
}

TEST(FrontDesk, AWindowCallsItsQueuesInItsOrder) {
  FrontDeskHarness h;
  // W01 serves commerce, then onewindow.
  h.issue("onewindow");
  h.clock().advance(minutes(1));
  h.issue("commerce");
  h.signIn({"W01"});
  EXPECT_EQ(numberOf(h.desk().callNext("W01")), "A001");
  ASSERT_TRUE(h.desk().end("W01", "consultation").ok());
  EXPECT_EQ(numberOf(h.desk().callNext("W01")), "G001");
}

TEST(FrontDesk, AppointmentsOnTimeGoFirstEarlyOnesWaitLateOnesAreWalkIns) {
  FrontDeskHarness h;
  const int64_t now = FrontDeskHarness::kMondayMorning;
  auto book = [&](int64_t slot) {
    wf::Result<Appointment> a = h.desk().book("commerce", slot, "", false);
    EXPECT_TRUE(a.ok()) << a.status().toString();
    return a.ok() ? a->code : std::string();
  };
  const std::string on_time = book(now + 10 * 60000);
  const std::string early = book(now + 120 * 60000);
  const std::string late = book(now - 60 * 60000);
  wf::Result<Appointment> elderly_late =
      h.desk().book("commerce", now - 60 * 60000, kElderly, false);
  ASSERT_TRUE(elderly_late.ok());
  h.issue("commerce");  // a walk-in, first in line

  TicketRequest r;
  r.channel = TicketChannel::Appointment;
  r.appointment_code = early;
  wf::Result<TicketView> too_early = h.desk().issue(r);
  ASSERT_FALSE(too_early.ok());
  EXPECT_EQ(too_early.status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(too_early.status().details().find("checkInFrom")->asString(), "11:00");

  r.appointment_code = late;
  wf::Result<TicketView> late_ticket = h.desk().issue(r);
  ASSERT_TRUE(late_ticket.ok());
  EXPECT_FALSE(late_ticket->ticket.appointment_on_time);
  r.appointment_code = elderly_late->code;
  wf::Result<TicketView> elderly_ticket = h.desk().issue(r);
  ASSERT_TRUE(elderly_ticket.ok());
  EXPECT_FALSE(elderly_ticket->ticket.appointment_on_time);
  EXPECT_TRUE(elderly_ticket->ticket.elderly_or_disabled);  // known from the booked ID
  r.appointment_code = on_time;
  wf::Result<TicketView> on_time_ticket = h.desk().issue(r);
  ASSERT_TRUE(on_time_ticket.ok());
  EXPECT_TRUE(on_time_ticket->ticket.appointment_on_time);
  EXPECT_EQ(on_time_ticket->ticket.queue, "commerce");
  // A code checks in once.
  EXPECT_EQ(h.desk().issue(r).status().code(), wf::StatusCode::Conflict);
  r.appointment_code = "00000000";
  EXPECT_EQ(h.desk().issue(r).status().details().find("field")->asString(), "appointmentCode");

  h.signIn({"W01"});
  EXPECT_EQ(numberOf(h.desk().callNext("W01")), on_time_ticket->ticket.number);
}

TEST(FrontDesk, ACityAppointmentIsBookedOnceUnderThePlatformsCode) {
  FrontDeskHarness h;
  const int64_t slot = FrontDeskHarness::kMondayMorning + 10 * 60000;
  wf::Result<Appointment> first = h.desk().bookCityAppointment("01234567", "tax", slot, kElderly);
  ASSERT_TRUE(first.ok()) << first.status().toString();
  EXPECT_EQ(first->code, "01234567");
  EXPECT_FALSE(first->id_masked.empty());
  // Fetched again: the same appointment, nothing new.
  wf::Result<Appointment> again = h.desk().bookCityAppointment("01234567", "tax", slot, kElderly);
  ASSERT_TRUE(again.ok()) << again.status().toString();
  EXPECT_EQ(again->id_sealed, first->id_sealed);
  EXPECT_EQ(h.desk().bookCityAppointment("01234567", "hr", slot, kElderly).status().code(),
            wf::StatusCode::Conflict);
  EXPECT_EQ(h.desk().bookCityAppointment("01234568", "nowhere", slot, "").status().code(),
            wf::StatusCode::InvalidArgument);

  TicketRequest r;
  r.channel = TicketChannel::Appointment;
  r.appointment_code = "01234567";
  wf::Result<TicketView> t = h.desk().issue(r);
  ASSERT_TRUE(t.ok()) << t.status().toString();
  EXPECT_EQ(t->ticket.queue, "tax");
  EXPECT_TRUE(t->ticket.appointment_on_time);
  // Booked again after the check-in: still the one appointment, checked in.
  wf::Result<Appointment> later = h.desk().bookCityAppointment("01234567", "tax", slot, kElderly);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->ticket, t->ticket.id);
}

TEST(FrontDesk, RecallUpToTheLimitThenANoShowRequeuesOnceThenEnds) {
  FrontDeskHarness h;
  const TicketView t = h.issue("commerce");
  h.signIn({"W01"});
  ASSERT_EQ(numberOf(h.desk().callNext("W01")), "A001");
  ASSERT_TRUE(h.desk().recall("W01").ok());
  ASSERT_TRUE(h.desk().recall("W01").ok());
  wf::Result<TicketView> fourth = h.desk().recall("W01");  // the hall's limit is 3 calls
  EXPECT_EQ(fourth.status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.listener().calls().size(), 3u);
  EXPECT_TRUE(h.listener().calls().back().recall);

  wf::Result<TicketView> first = h.desk().noShow("W01");
  ASSERT_TRUE(first.ok()) << first.status().toString();
  EXPECT_EQ(first->ticket.state, TicketState::Waiting);
  EXPECT_EQ(h.desk().window("W01")->session.state, WindowState::Idle);
  ASSERT_EQ(numberOf(h.desk().callNext("W01")), "A001");
  wf::Result<TicketView> second = h.desk().noShow("W01");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->ticket.state, TicketState::Done);
  EXPECT_EQ(second->ticket.outcome, "no-show");
  EXPECT_FALSE(h.desk().callNext("W01")->has_value());
  // The visit process ended at its no-show end.
  EXPECT_TRUE(h.engineHarness().reached(t.ticket.instance_id, "no_show"));
}

TEST(FrontDesk, AWindowRefusesWhatItsStateDoesNotAllowAndChangesNothing) {
  FrontDeskHarness h;
  h.issue("commerce");
  EXPECT_EQ(h.desk().callNext("W01").status().code(), wf::StatusCode::Conflict);  // offline
  h.signIn({"W01"});
  EXPECT_EQ(h.desk().noShow("W01").status().code(), wf::StatusCode::Conflict);  // idle
  ASSERT_TRUE(h.desk().pause("W01").ok());
  EXPECT_EQ(h.desk().callNext("W01").status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.desk().queues().front().waiting, 1);  // nothing was claimed
  EXPECT_EQ(h.desk().signIn("W01", "x").status().code(), wf::StatusCode::Conflict);
  ASSERT_TRUE(h.desk().resume("W01").ok());
  ASSERT_EQ(numberOf(h.desk().callNext("W01")), "A001");
  EXPECT_EQ(h.desk().pause("W01").status().code(), wf::StatusCode::Conflict);  // calling
  EXPECT_EQ(h.desk().signOut("W01").status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(h.desk().callNext("W99").status().code(), wf::StatusCode::NotFound);
}

TEST(FrontDesk, ATransferWaitsInTheNewQueueAheadOfWalkInsOrForOneWindow) {
  FrontDeskHarness h;
  h.issue("commerce");  // A001
  h.issue("tax");       // D001, waiting before the transfer
  h.signIn({"W01", "W11", "W12"});
  // W11 and W12 serve tax first.
  ASSERT_EQ(h.layout().window("W11")->queues.front(), "tax");
  ASSERT_EQ(numberOf(h.desk().callNext("W01")), "A001");
  wf::Result<TicketView> moved = h.desk().transfer("W01", TransferTarget{.queue = "tax"});
  ASSERT_TRUE(moved.ok()) << moved.status().toString();
  EXPECT_EQ(moved->ticket.queue, "tax");
  EXPECT_TRUE(moved->ticket.transferred);
  EXPECT_EQ(numberOf(h.desk().callNext("W11")), "A001");  // transferred: rank 4 beats 9

  ASSERT_TRUE(h.desk().arrive("W11").ok());
  ASSERT_TRUE(h.desk().transfer("W11", TransferTarget{.window = "W01"}).ok());
  EXPECT_EQ(numberOf(h.desk().callNext("W12")), "D001");  // not A001: it waits for W01
  EXPECT_EQ(numberOf(h.desk().callNext("W01")), "A001");
  EXPECT_EQ(h.desk().transfer("W01", TransferTarget{.queue = "nowhere"}).status().code(),
            wf::StatusCode::InvalidArgument);
}

TEST(FrontDesk, ARestartFindsTicketsAndWindowsWhereTheyWere) {
  FrontDeskHarness h;
  h.issue("commerce");
  h.issue("commerce");
  h.signIn({"W01", "W02"});
  ASSERT_EQ(numberOf(h.desk().callNext("W01")), "A001");
  ASSERT_TRUE(h.desk().pause("W02").ok());
  h.restartDesk();
  EXPECT_EQ(h.desk().window("W01")->session.state, WindowState::Calling);
  EXPECT_EQ(h.desk().window("W01")->ticket_number, "A001");
  EXPECT_EQ(h.desk().window("W02")->session.state, WindowState::Paused);
  EXPECT_EQ(h.desk().queues().front().waiting, 1);
  ASSERT_TRUE(h.desk().end("W01", "intake").ok());
  EXPECT_EQ(numberOf(h.desk().callNext("W01")), "A002");
  EXPECT_EQ(h.issue("commerce").ticket.number, "A003");
}

TEST(FrontDesk, AVisitTheHallStoreLostIsRebuiltFromTheEngineWhenCalled) {
  FrontDeskHarness h;
  const TicketView t = h.issue("commerce", TicketChannel::IdCard, kOtherAdult);
  // A crash after the engine committed the visit and before the hall store
  // wrote the ticket.
  *h.engineHarness().sql() << "DELETE FROM hall_tickets";
  h.restartDesk();
  h.signIn({"W01"});
  wf::Result<std::optional<TicketView>> called = h.desk().callNext("W01");
  ASSERT_EQ(numberOf(called), "A001");
  EXPECT_EQ((*called)->ticket.id, t.ticket.id);
  EXPECT_EQ((*called)->ticket.status_token, t.ticket.status_token);
  EXPECT_EQ((*called)->ticket.id_masked, "310104********0017");
  EXPECT_TRUE(h.desk().ticketByStatusToken(t.ticket.status_token).ok());
}

TEST(FrontDesk, WindowsCallingAtOnceNeverShareATicket) {
  FrontDeskHarness h;
  constexpr int kTickets = 40;
  for (int i = 0; i < kTickets; ++i) h.issue("commerce");
  const std::vector<std::string> windows = {"W01", "W02", "W03", "W04", "W05", "W06", "W07", "W08"};
  h.signIn(windows);
  std::mutex mu;
  std::vector<std::string> called;
  std::vector<std::thread> threads;
  for (const std::string& w : windows) {
    threads.emplace_back([&, w] {
      for (int round = 0; round < kTickets; ++round) {  // bounded
        wf::Result<std::optional<TicketView>> next = h.desk().callNext(w);
        if (!next.ok() || !next->has_value()) return;
        {
          std::lock_guard lock(mu);
          called.push_back((*next)->ticket.number);
        }
        if (!h.desk().end(w, "consultation").ok()) return;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::set<std::string> distinct(called.begin(), called.end());
  EXPECT_EQ(called.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(distinct.size(), called.size());
}

TEST(FrontDesk, VisitsClaimedTheMomentTheyAreIssuedOrTransferredAreCalledOnce) {
  // Kiosks issue while windows call: a window may claim a visit the moment
  // the engine commits it, before issue() (or a transfer) has finished with
  // it. Half the calls at W01 go on to 跨部门收件 (cross), which S51 serves.
  FrontDeskHarness h;
  constexpr int kTickets = 60;
  const std::vector<std::string> windows = {"W01", "W02", "W03", "S51"};
  ASSERT_EQ(h.layout().window("S51")->queues.front(), "cross");
  h.signIn(windows);
  std::atomic<int> issued{0};
  std::atomic<int> ended{0};
  std::mutex mu;
  std::multiset<std::string> calls;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int kiosk = 0; kiosk < 2; ++kiosk) {
    threads.emplace_back([&] {
      for (int i = 0; i < kTickets / 2; ++i) {
        TicketRequest r;
        r.queue = "commerce";
        if (h.desk().issue(r).ok()) ++issued;
      }
    });
  }
  for (const std::string& w : windows) {
    threads.emplace_back([&, w] {
      for (int round = 0; round < 4000 && ended < kTickets; ++round) {  // bounded
        wf::Result<std::optional<TicketView>> next = h.desk().callNext(w);
        if (!next.ok()) {
          std::lock_guard lock(mu);
          errors.push_back(w + " call: " + next.status().toString());
          return;
        }
        if (!next->has_value()) {
          std::this_thread::yield();
          continue;
        }
        const Ticket t = (*next)->ticket;
        {
          std::lock_guard lock(mu);
          calls.insert(t.number + (t.transferred ? "/t" : ""));
        }
        const bool move_on = w == "W01" && !t.transferred && round % 2 == 0;
        wf::Result<TicketView> done = move_on
                                          ? h.desk().transfer(w, TransferTarget{.queue = "cross"})
                                          : h.desk().end(w, "consultation");
        if (!done.ok()) {
          std::lock_guard lock(mu);
          errors.push_back(w + " done: " + done.status().toString());
          return;
        }
        if (!move_on) ++ended;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(issued.load(), kTickets);
  EXPECT_EQ(ended.load(), kTickets);
  for (const std::string& c : calls) EXPECT_EQ(calls.count(c), 1u) << c << " called twice";
  for (const QueueView& q : h.desk().queues()) EXPECT_EQ(q.waiting, 0) << q.id;
}

TEST(FrontDesk, EstimatesWaitsFromTheServiceTimesItSees) {
  FrontDeskHarness h;
  h.signIn({"W11"});  // the only window open for tax; it serves tax and hr
  const int served = static_cast<int>(h.layout().window("W11")->queues.size());
  for (int i = 0; i < 3; ++i) h.issue("tax");
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(h.desk().callNext("W11")->has_value());
    ASSERT_TRUE(h.desk().arrive("W11").ok());
    h.clock().advance(minutes(10));
    ASSERT_TRUE(h.desk().end("W11", "consultation").ok());
  }
  // Every service took 10 minutes: the window drains tax at 1/(10·served)
  // per minute, so 4 people ahead wait (4 + ½)·10·served minutes.
  for (int i = 0; i < 4; ++i) h.issue("tax");
  const TicketView fifth = h.issue("tax");
  EXPECT_EQ(fifth.ahead, 4);
  EXPECT_EQ(fifth.estimated_wait_minutes, static_cast<int>(4.5 * 10 * served + 0.5));
}

// The device publisher reads a changed window back from the desk; a listener
// called under the desk's lock would hang here.
TEST(FrontDesk, ListenersMayReadAWindowBackWhenItChanges) {
  FrontDeskHarness h;
  ASSERT_TRUE(h.desk().signIn("W01", "张敏").ok());
  ASSERT_TRUE(h.desk().pause("W01").ok());
  ASSERT_TRUE(h.desk().resume("W01").ok());
  ASSERT_TRUE(h.desk().signOut("W01").ok());
  EXPECT_EQ(h.listener().windowStates(),
            (std::vector<std::string>{"W01 idle", "W01 paused", "W01 idle", "W01 offline"}));
}

TEST(FrontDesk, CallsReachTheListenerWithTheWindowAndItsZonesVoice) {
  FrontDeskHarness h;
  h.issue("commerce");
  h.signIn({"W01"});
  ASSERT_TRUE(h.desk().callNext("W01")->has_value());
  ASSERT_EQ(h.listener().calls().size(), 1u);
  const CallEvent call = h.listener().calls().front();
  EXPECT_EQ(call.number, "A001");
  EXPECT_EQ(call.window_number, 1);
  EXPECT_EQ(call.queue_name, "商事登记");
  EXPECT_EQ(call.zone, h.layout().window("W01")->zone);
  EXPECT_EQ(call.voice, h.layout().zone(call.zone)->voice);
}

// The 随申码 platform as a table of codes: the real verifier is a city
// connector; the front desk only needs the holder a code stands for.
class TableSuishen final : public SuishenVerifier {
 public:
  wf::Result<Holder> verify(const std::string& code) override {
    if (code == "SSM-ELDER") return Holder{kElderly, "王老伯"};
    if (code == "SSM-DOWN") return wf::Status::unavailable("suishenCode: the platform is down");
    return wf::Status::invalid("suishenCode: not a valid code now",
                               wf::Value(wf::Object{{"field", wf::Value("suishenCode")}}));
  }
};

TEST(FrontDesk, ASuishenCodeStandsForItsHolder) {
  FrontDeskHarness h;
  TicketRequest r;
  r.queue = "commerce";
  r.channel = TicketChannel::Suishen;
  r.suishen_code = "SSM-ELDER";
  EXPECT_EQ(h.desk().issue(r).status().code(), wf::StatusCode::Unavailable);  // none configured
  TableSuishen platform;
  h.useSuishen(&platform);
  wf::Result<TicketView> issued = h.desk().issue(r);
  ASSERT_TRUE(issued.ok()) << issued.status().toString();
  EXPECT_EQ(issued->ticket.id_masked, "110105********002X");
  EXPECT_TRUE(issued->ticket.elderly_or_disabled);
  EXPECT_EQ(h.desk().issue(r).status().code(), wf::StatusCode::Conflict);  // one live ticket
  r.suishen_code = "SSM-FORGED";
  EXPECT_EQ(h.desk().issue(r).status().details().find("field")->asString(), "suishenCode");
  r.suishen_code = "SSM-DOWN";
  EXPECT_EQ(h.desk().issue(r).status().code(), wf::StatusCode::Unavailable);
}

TEST(FrontDesk, AVisitorWhoLeftAPhoneIsToldOfTheCallOnIt) {
  FrontDeskHarness h;
  TicketRequest with_phone;
  with_phone.queue = "commerce";
  with_phone.phone = "13812345678";
  ASSERT_TRUE(h.desk().issue(with_phone).ok());
  h.issue("commerce");  // no phone
  h.signIn({"W01", "W02"});
  ASSERT_TRUE(h.desk().callNext("W01")->has_value());
  ASSERT_TRUE(h.desk().callNext("W02")->has_value());
  ASSERT_EQ(h.notifier().calls().size(), 1u);
  const CallEvent call = h.notifier().calls().front();
  EXPECT_EQ(call.number, "A001");
  EXPECT_EQ(call.phone_masked, "138****5678");
  EXPECT_EQ(*h.vault().open(call.phone_sealed), "13812345678");
  ASSERT_TRUE(h.desk().recall("W01").ok());
  EXPECT_EQ(h.notifier().calls().size(), 2u);  // a recall reaches the phone again
}

}  // namespace
}  // namespace hall::domain
