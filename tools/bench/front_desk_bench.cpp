// front_desk_bench: the front desk as `hall serve --demo` runs it — the
// engine on a SQLite file (hall::cli::openEngine: synchronous=FULL), the
// visit process and the calling decision from models/, the SOCI hall store
// on the same file, the SM4 vault, the Changning layout, the real clock and
// every queue open — driven in-process. Kiosk threads issue tickets; the
// hall's windows, one thread each, call the next number and end the
// service. The visits' jobs (case.handover, rating.request) run on the
// engine's workers, completed at once (--jobs off: they wait, as under
// `hall serve`, which registers no handler for them yet). Prints tickets
// issued/s, calls/s and p50/p95/p99/max of issue, call-next and end, timed
// around the FrontDesk calls (the server side, no HTTP), then checks that
// every ticket was called once and ended.
//
//   front_desk_bench [--tickets N] [--windows N] [--kiosks N] [--backlog N]
//                    [--overlap] [--service-ms N] [--jobs on|off] [--db DIR] [--keep]
//
// --backlog is the waiting room: kiosks hold off while that many tickets
// wait. issue() and callNext() take turns (see Board) unless --overlap.
// --service-ms is a window's mean time between its call and its end (0: it
// ends at once, and the windows saturate the desk).
//
// Screens: the call-to-screen latency over WebSockets is not measured here;
// CallCounter below is the hook where the device hub's fan-out will sit once
// it lands in main (see README).
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "portal/domain/front_desk.h"
#include "portal/domain/hall_layout_reader.h"
#include "portal/domain/id_number.h"
#include "portal/store/sm4_vault.h"
#include "portal/store/soci_hall_store.h"
#include "tools/cli/deploy_command.h"

namespace {

using Clock = std::chrono::steady_clock;
using hall::domain::FrontDesk;
using hall::domain::TicketChannel;

constexpr const char* kBenchSecret = "front-desk-bench-master-secret-0123456789";

struct Options {
  int tickets = 100000;
  int windows = 65;
  int kiosks = 4;
  int backlog = 1000;
  int service_ms = 0;
  bool overlap = false;
  bool jobs = true;
  std::string dir;  // empty: a fresh temporary folder, removed afterwards
  bool keep = false;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "front_desk_bench: %s\n", what.c_str());
  std::exit(1);
}

std::string readAll(const std::string& path) {
  std::ifstream in(path);
  if (!in) die("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Latencies of one operation from all threads, in microseconds, and how
// much of their sum was spent in the hall store.
class Latencies {
 public:
  void add(Clock::duration d, Clock::duration in_store = Clock::duration::zero()) {
    const long us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    std::lock_guard lock(mu_);
    us_.push_back(us);
    total_ += d;
    in_store_ += in_store;
  }
  void print(const char* name) {
    std::lock_guard lock(mu_);
    if (us_.empty()) {
      std::printf("  %-12s no samples\n", name);
      return;
    }
    std::sort(us_.begin(), us_.end());
    const auto at = [&](double p) {
      return static_cast<double>(
                 us_[static_cast<size_t>(p * static_cast<double>(us_.size() - 1))]) /
             1000.0;
    };
    std::printf("  %-12s %7zu  p50 %7.2f  p95 %7.2f  p99 %7.2f  max %8.2f ms", name, us_.size(),
                at(0.50), at(0.95), at(0.99), static_cast<double>(us_.back()) / 1000.0);
    if (in_store_ > Clock::duration::zero()) {
      std::printf("  (hall store %2.0f%%)", 100.0 *
                                                std::chrono::duration<double>(in_store_).count() /
                                                std::chrono::duration<double>(total_).count());
    }
    std::printf("\n");
  }

 private:
  std::mutex mu_;
  std::vector<long> us_;
  Clock::duration total_ = Clock::duration::zero();
  Clock::duration in_store_ = Clock::duration::zero();
};

// What the screens would be told. Screens: the device hub's WebSocket
// fan-out goes here, and with it the call-to-screen latency, once the hub
// is in main.
class CallCounter final : public hall::domain::FrontDeskListener {
 public:
  void called(const hall::domain::CallEvent&) override { ++calls_; }
  void windowChanged(const hall::domain::WindowSession&) override {}
  void queueChanged(const std::string&) override {}
  long calls() const { return calls_.load(); }

 private:
  std::atomic<long> calls_{0};
};

// The hall store, timed: what each of its calls takes, and how much of a
// front-desk call the current thread spent in it.
class TimedHallStore final : public hall::domain::HallStore {
  // Defined first: the members below deduce their return type from it.
  template <typename F>
  static auto timed(Latencies& latencies, F&& f) {
    const auto s = Clock::now();
    auto result = f();
    const auto took = Clock::now() - s;
    latencies.add(took);
    thread_time_ += took;
    return result;
  }

 public:
  explicit TimedHallStore(hall::domain::HallStore& store) : store_(store) {}

  // Time this thread spent in the store since it last asked.
  static Clock::duration takeThreadTime() {
    const Clock::duration spent = thread_time_;
    thread_time_ = Clock::duration::zero();
    return spent;
  }
  Latencies& writes() { return writes_; }

  wf::Result<int> nextTicketSequence(const std::string& queue, const std::string& day) override {
    return timed(writes_, [&] { return store_.nextTicketSequence(queue, day); });
  }
  wf::Status save(const hall::domain::Ticket* ticket,
                  const hall::domain::WindowSession* session) override {
    return timed(writes_, [&] { return store_.save(ticket, session); });
  }
  wf::Result<std::optional<hall::domain::Ticket>> ticket(const std::string& id) override {
    return timed(reads_, [&] { return store_.ticket(id); });
  }
  wf::Result<std::optional<hall::domain::Ticket>> ticketByStatusToken(
      const std::string& token) override {
    return timed(reads_, [&] { return store_.ticketByStatusToken(token); });
  }
  wf::Result<std::vector<hall::domain::Ticket>> liveTickets() override {
    return timed(reads_, [&] { return store_.liveTickets(); });
  }
  wf::Result<std::vector<hall::domain::Ticket>> ticketsOfDay(const std::string& day) override {
    return timed(reads_, [&] { return store_.ticketsOfDay(day); });
  }
  wf::Result<std::vector<hall::domain::WindowSession>> windowSessions() override {
    return timed(reads_, [&] { return store_.windowSessions(); });
  }
  wf::Status addAppointment(const hall::domain::Appointment& appointment) override {
    return timed(writes_, [&] { return store_.addAppointment(appointment); });
  }
  wf::Result<std::optional<hall::domain::Appointment>> appointment(
      const std::string& code) override {
    return timed(reads_, [&] { return store_.appointment(code); });
  }
  wf::Status checkInAppointment(const std::string& code, const std::string& ticket) override {
    return timed(writes_, [&] { return store_.checkInAppointment(code, ticket); });
  }

 private:
  hall::domain::HallStore& store_;
  Latencies writes_;
  Latencies reads_;
  static thread_local Clock::duration thread_time_;
};

thread_local Clock::duration TimedHallStore::thread_time_ = Clock::duration::zero();

// Queues by the share of visitors they take (商事登记 and 一窗通 most), of
// those the signed-in windows serve.
class QueueMix {
 public:
  explicit QueueMix(const std::vector<const hall::domain::Window*>& windows) {
    const std::vector<std::pair<std::string, int>> shares = {
        {"commerce", 30}, {"onewindow", 26}, {"tax", 12},         {"hr", 10},
        {"cross", 9},     {"policy", 7},     {"construction", 6}, {"vip", 3}};
    for (const auto& [queue, share] : shares) {
      for (const hall::domain::Window* w : windows) {
        if (std::find(w->queues.begin(), w->queues.end(), queue) != w->queues.end()) {
          shares_.emplace_back(queue, share);
          total_ += share;
          break;
        }
      }
    }
    if (shares_.empty()) die("the signed-in windows serve no queue");
  }

  // The queue of the k-th ticket: a step prime to the total spreads
  // consecutive tickets over the queues by their shares.
  const std::string& queueFor(long k) const {
    long point = k * 37 % total_;
    for (const auto& [queue, share] : shares_) {
      if (point < share) return queue;
      point -= share;
    }
    return shares_.front().first;
  }

 private:
  std::vector<std::pair<std::string, int>> shares_;
  long total_ = 0;
};

// Every other ticket is taken with an ID card: a distinct valid number per
// ticket (so no holder has two live tickets in one queue).
std::string idNumberFor(int k) {
  const int day_index = k / 999;
  const int year = 1950 + day_index / 336;
  const int month = 1 + day_index / 28 % 12;
  const int day = 1 + day_index % 28;
  char body[64];
  std::snprintf(body, sizeof(body), "310105%04d%02d%02d%03d", year, month, day, 1 + k % 999);
  const std::string digits(body);
  return digits + hall::domain::idCheckCharacter(digits);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (k == "--keep" || k == "--overlap") {
      (k == "--keep" ? o.keep : o.overlap) = true;
      continue;
    }
    if (i + 1 == argc) die(k + " needs a value");
    const std::string v = argv[++i];
    if (k == "--tickets") {
      o.tickets = std::stoi(v);
    } else if (k == "--windows") {
      o.windows = std::stoi(v);
    } else if (k == "--kiosks") {
      o.kiosks = std::stoi(v);
    } else if (k == "--backlog") {
      o.backlog = std::stoi(v);
    } else if (k == "--service-ms") {
      o.service_ms = std::stoi(v);
    } else if (k == "--jobs") {
      o.jobs = v == "on";
    } else if (k == "--db") {
      o.dir = v;
    } else {
      die("unknown option " + k);
    }
  }
  if (o.tickets < 1 || o.windows < 1 || o.kiosks < 1 || o.backlog < 1) die("counts must be >= 1");
  return o;
}

// Who may act when. Kiosks issue while fewer than --backlog tickets wait
// (the waiting room); windows start once the room is full the first time,
// so the kiosks' throughput is first measured alone. A window calls when a
// ticket it serves waits and no other window has reserved it (so that one
// ticket does not wake every window), else sleeps until one is issued.
//
// The gate: issue() and callNext() never run at the same moment, because
// today a window can claim a visit whose issue() has not yet indexed it,
// and issue() then frees the ticket the window is using (a use after free;
// see README). --overlap opens the gate to show it. Side by side, each side
// runs in parallel; when the other side waits, it goes next as soon as
// this side is out.
class Board {
 public:
  enum Side { kIssue = 0, kCall = 1 };

  Board(long total, long backlog, bool overlap)
      : total_(total), backlog_(backlog), overlap_(overlap) {}

  // A kiosk's next ticket (its index), once there is room; -1 when all are
  // issued.
  long nextToIssue() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return next_ >= total_ || next_ - ended_ < backlog_; });
    return next_ < total_ ? next_++ : -1;
  }
  void issued(const std::string& queue) {
    {
      std::lock_guard lock(mu_);
      ++issued_;
      ++unreserved_[queue];
      if (!prefilled_ && (issued_ == backlog_ || issued_ == total_)) {
        prefilled_ = true;
        prefill_seconds_ = std::chrono::duration<double>(Clock::now() - started_).count();
      }
    }
    cv_.notify_all();
  }
  void ended() {
    {
      std::lock_guard lock(mu_);
      ++ended_;
    }
    cv_.notify_all();
  }

  // The first of `queues` (a window's, in its order) where a ticket waits
  // that no window has reserved; reserves it. Nothing before the room was
  // first filled.
  std::optional<std::string> reserve(const std::vector<std::string>& queues) {
    std::lock_guard lock(mu_);
    if (!prefilled_) return std::nullopt;
    for (const std::string& q : queues) {
      if (unreserved_[q] > 0) {
        --unreserved_[q];
        return q;
      }
    }
    return std::nullopt;
  }
  // After the call: the reservation is given back, and the ticket called
  // (from whichever queue) is taken.
  void settle(const std::string& reserved, const std::optional<std::string>& called) {
    {
      std::lock_guard lock(mu_);
      ++unreserved_[reserved];
      if (called) --unreserved_[*called];
    }
    cv_.notify_all();
  }
  // Until a ticket waits unreserved in `queues`, all are ended, or
  // `at_most` passed; false when all are ended.
  bool awaitWork(const std::vector<std::string>& queues, std::chrono::milliseconds at_most) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, at_most, [&] {
      if (ended_ >= total_) return true;
      if (!prefilled_) return false;
      for (const std::string& q : queues) {
        if (unreserved_[q] > 0) return true;
      }
      return false;
    });
    return ended_ < total_;
  }
  long endedCount() {
    std::lock_guard lock(mu_);
    return ended_;
  }
  double prefillSeconds() {
    std::lock_guard lock(mu_);
    return prefill_seconds_;
  }

  void enter(Side side) {
    if (overlap_) return;
    std::unique_lock lock(mu_);
    const Side other = side == kIssue ? kCall : kIssue;
    ++waiting_[side];
    cv_.wait(lock, [&] { return active_[other] == 0 && (waiting_[other] == 0 || turn_ == side); });
    --waiting_[side];
    ++active_[side];
  }
  void leave(Side side) {
    if (overlap_) return;
    {
      std::lock_guard lock(mu_);
      if (--active_[side] == 0) turn_ = side == kIssue ? kCall : kIssue;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  const long total_;
  const long backlog_;
  const bool overlap_;
  const Clock::time_point started_ = Clock::now();
  long next_ = 0;
  long issued_ = 0;
  long ended_ = 0;
  bool prefilled_ = false;
  double prefill_seconds_ = 0;
  std::map<std::string, long> unreserved_;  // by queue: waiting, not reserved by a window
  std::array<int, 2> active_{};
  std::array<int, 2> waiting_{};
  Side turn_ = kIssue;
};

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::string dir = o.dir;
  if (dir.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "front-desk-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) die("mkdtemp failed");
    dir = pattern;
  }
  const std::string db_url = "sqlite:" + dir + "/hall.db";

  wf::Result<std::unique_ptr<wf::Engine>> opened = hall::cli::openEngine(db_url);
  if (!opened.ok()) die(opened.status().toString());
  std::unique_ptr<wf::Engine> engine = std::move(opened).value();
  const std::string models = std::string(HALL_SOURCE_DIR) + "/models/";
  for (const char* model : {"processes/visit.bpmn", "rules/call_priority.dmn"}) {
    auto deployed = engine->deploy(model, readAll(models + model));
    if (!deployed.ok()) die(std::string(model) + ": " + deployed.status().toString());
  }
  const hall::domain::ReadHallLayoutResult read =
      hall::domain::readHallLayout("hall/changning.xml", readAll(models + "hall/changning.xml"));
  if (!read.layout) die("models/hall/changning.xml does not read");
  if (o.jobs) {
    for (const char* type : {"case.handover", "rating.request"}) {
      engine->registerJobHandler(type, [](const wf::JobContext&) -> wf::Result<wf::Value> {
        return wf::Value(wf::Object{});
      });
    }
    engine->startJobWorkers();
  }

  auto store = hall::store::SociHallStore::open(db_url);
  if (!store.ok()) die(store.status().toString());
  auto vault = hall::store::Sm4Vault::fromSecret(kBenchSecret);
  if (!vault.ok()) die(vault.status().toString());
  wf::SystemClock clock;
  CallCounter screens;
  hall::domain::FrontDeskPorts ports;
  ports.engine = engine.get();
  TimedHallStore timed_store(**store);
  ports.store = &timed_store;
  ports.vault = &*vault;
  ports.clock = &clock;
  ports.listener = &screens;
  hall::domain::FrontDeskOptions desk_options;
  desk_options.always_open = true;
  auto desk_opened = FrontDesk::open(*read.layout, ports, desk_options);
  if (!desk_opened.ok()) die(desk_opened.status().toString());
  FrontDesk& desk = **desk_opened;

  std::vector<const hall::domain::Window*> windows;
  for (const hall::domain::Window& w : read.layout->windows) {
    if (static_cast<int>(windows.size()) == o.windows) break;
    auto signed_in = desk.signIn(w.id, "clerk " + w.id);
    if (!signed_in.ok()) die("sign in " + w.id + ": " + signed_in.status().toString());
    windows.push_back(&w);
  }

  const QueueMix mix(windows);
  Latencies issue_lat, call_lat, empty_lat, end_lat;
  Board board(o.tickets, o.backlog, o.overlap);
  std::mutex called_mu;
  std::vector<std::string> called_ids;
  called_ids.reserve(static_cast<size_t>(o.tickets));

  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int k = 0; k < o.kiosks; ++k) {
    threads.emplace_back([&] {
      for (long i = board.nextToIssue(); i >= 0; i = board.nextToIssue()) {
        hall::domain::TicketRequest request;
        request.queue = mix.queueFor(i);
        if (i % 2 == 1) {
          request.channel = TicketChannel::IdCard;
          request.id_number = idNumberFor(static_cast<int>(i));
        }
        board.enter(Board::kIssue);
        TimedHallStore::takeThreadTime();
        const auto s = Clock::now();
        auto issued = desk.issue(request);
        issue_lat.add(Clock::now() - s, TimedHallStore::takeThreadTime());
        board.leave(Board::kIssue);
        if (!issued.ok()) die("issue: " + issued.status().toString());
        board.issued(issued->ticket.queue);
      }
    });
  }
  for (const hall::domain::Window* w : windows) {
    threads.emplace_back([&, w] {
      const std::vector<std::string>& queues = w->queues;  // in the window's order
      std::mt19937 random(static_cast<uint32_t>(w->number));
      const auto deadline = Clock::now() + std::chrono::hours(2);
      while (Clock::now() < deadline) {
        const std::optional<std::string> reserved = board.reserve(queues);
        if (!reserved) {
          if (!board.awaitWork(queues, std::chrono::milliseconds(100))) return;
          continue;
        }
        board.enter(Board::kCall);
        TimedHallStore::takeThreadTime();
        const auto s = Clock::now();
        auto next = desk.callNext(w->id);
        const auto took = Clock::now() - s;
        const auto in_store = TimedHallStore::takeThreadTime();
        board.leave(Board::kCall);
        if (!next.ok()) die("call next at " + w->id + ": " + next.status().toString());
        board.settle(*reserved, next->has_value()
                                    ? std::optional<std::string>((*next)->ticket.queue)
                                    : std::nullopt);
        if (!next->has_value()) {
          // Get next work may come back empty-handed under contention
          // although work waits: a moment, then again.
          empty_lat.add(took);
          if (!board.awaitWork({}, std::chrono::milliseconds(5))) return;
          continue;
        }
        call_lat.add(took, in_store);
        {
          std::lock_guard lock(called_mu);
          called_ids.push_back((*next)->ticket.id);
        }
        if (o.service_ms > 0) {
          // Between half and one and a half times the mean, so windows do
          // not keep calling in step.
          const double u = (static_cast<double>(random()) + 0.5) / 4294967296.0;
          std::this_thread::sleep_for(
              std::chrono::microseconds(static_cast<long>(o.service_ms * 1000 * (0.5 + u))));
        }
        const auto e = Clock::now();
        auto ended = desk.end(w->id, "consultation");
        end_lat.add(Clock::now() - e, TimedHallStore::takeThreadTime());
        if (!ended.ok()) die("end at " + w->id + ": " + ended.status().toString());
        board.ended();
      }
      if (board.endedCount() < o.tickets) die(w->id + " gave up after two hours");
    });
  }
  for (std::thread& t : threads) t.join();
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  if (o.jobs && !engine->waitForJobsIdle(std::chrono::minutes(10))) die("jobs did not finish");

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const std::set<std::string> distinct(called_ids.begin(), called_ids.end());
  const long prefill = std::min(o.backlog, o.tickets);
  std::printf(
      "front desk: %d tickets, %zu windows, %d kiosks, waiting room %d, service %d ms, jobs %s, "
      "issue and call-next %s\n",
      o.tickets, windows.size(), o.kiosks, o.backlog, o.service_ms, o.jobs ? "on" : "off",
      o.overlap ? "overlapping" : "gated");
  const double calling_secs = secs - board.prefillSeconds();
  std::printf("  %.1f s: the first %ld issued alone at %.0f tickets/s; then", secs, prefill,
              static_cast<double>(prefill) / board.prefillSeconds());
  if (o.tickets > prefill) {
    std::printf(" %.0f tickets/s and", static_cast<double>(o.tickets - prefill) / calling_secs);
  }
  std::printf(" %.0f calls/s\n", static_cast<double>(called_ids.size()) / calling_secs);
  issue_lat.print("issue");
  call_lat.print("call-next");
  empty_lat.print("(no one)");
  end_lat.print("end");
  timed_store.writes().print("store write");
  std::printf(
      "  called %zu (%zu distinct), ended %ld, screens told %ld; CPU user %.1f s, sys %.1f s;"
      " peak RSS %ld MB\n",
      called_ids.size(), distinct.size(), board.endedCount(), screens.calls(),
      static_cast<double>(usage.ru_utime.tv_sec) + usage.ru_utime.tv_usec / 1e6,
      static_cast<double>(usage.ru_stime.tv_sec) + usage.ru_stime.tv_usec / 1e6,
      usage.ru_maxrss / 1024);
  const bool exact = distinct.size() == static_cast<size_t>(o.tickets) &&
                     called_ids.size() == distinct.size() && board.endedCount() == o.tickets;
  desk_opened->reset();
  engine.reset();
  if (o.dir.empty() && !o.keep) std::filesystem::remove_all(dir);
  if (!exact) die("not every ticket was called exactly once and ended");
  return 0;
}
