// screens_bench: call-to-screen latency of the hall under load. Starts the
// built `hall serve --demo` as a child process on a fresh SQLite file,
// connects every device of the hall layout over real WebSockets (65 window
// strips, 2 welcome screens, 3 kiosks, 2 desktop ticket machines, 2
// speakers, 12 fingerprint readers: 86 connections, plus --extra-screens),
// signs in all 65 windows, issues --tickets walk-in tickets over REST from
// --clients threads, and has every window call-next and end in a loop over
// REST from --callers threads. It prints tickets/s, calls/s, the REST round
// trips, and the latency of each `call` display from the call (data.at, the
// server's clock) to its receipt at the device (this machine's clock — the
// same clock, since the server runs here), per device kind.
//
//   screens_bench [--tickets 10000] [--clients 8] [--callers 65]
//                 [--extra-screens N] [--concurrent] [--keep] [--hall PATH] [--models DIR]
//
// A child process rather than the server in-process: the server is measured
// as it runs in the hall, with its own allocator, threads and signal
// handling, and the bench's 86 device clients and REST threads are not in
// its address space; the cost is that both share the machine's cores, as
// they would not in the hall (the devices are other machines there).
//
// --extra-screens N serves a copy of the models whose hall layout has N more
// welcome screens (bench-screen-001 …): the hub keeps one connection per
// device id, so more screens need more devices in the layout, and every
// welcome screen gets every call — the fan-out that matters for latency.
// By default every ticket is issued before the windows start calling.
// --concurrent runs both at once, as in the hall: a window that finds its
// queues empty asks again 10 ms later until the last ticket is issued. (As
// of this writing that crashes hall serve — a window claiming the visit of a
// ticket still being issued; see README.md.) --keep leaves the temporary folder
// (database, server log) in place.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tools/devicesim/device_fleet.h"
#include "tools/devicesim/fleet_plan.h"
#include "tools/devicesim/fleet_report.h"
#include "tools/devicesim/hall_api_client.h"
#include "tools/devicesim/hall_server_process.h"
#include "tools/devicesim/latency_stats.h"

namespace {

namespace fs = std::filesystem;
using namespace hall::devicesim;
using Clock = std::chrono::steady_clock;

constexpr const char* kSecret = "screens-bench-device-secret";
constexpr const char* kToken = "screens-bench-admin-token";

struct Options {
  int tickets = 10000;
  int clients = 8;
  int callers = 65;
  int extra_screens = 0;
  bool concurrent = false;
  bool keep = false;  // the database and the server's log, for a look afterwards
  fs::path hall = HALL_BINARY;
  fs::path models = fs::path(HALL_SOURCE_DIR) / "models";
};

[[noreturn]] void die(const std::string& what) {
  std::cerr << "screens_bench: " << what << "\n";
  std::exit(1);
}

int positive(const std::string& option, const std::string& text, int minimum) {
  try {
    size_t used = 0;
    const int n = std::stoi(text, &used);
    if (used == text.size() && n >= minimum) return n;
  } catch (const std::exception&) {
  }
  die(option + ": expected a whole number of at least " + std::to_string(minimum) + ", got \"" +
      text + "\"");
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (k == "--concurrent" || k == "--keep") {
      (k == "--concurrent" ? o.concurrent : o.keep) = true;
      continue;
    }
    if (i + 1 == argc) die(k + " needs a value");
    const std::string v = argv[++i];
    if (k == "--tickets") {
      o.tickets = positive(k, v, 1);
    } else if (k == "--clients") {
      o.clients = positive(k, v, 1);
    } else if (k == "--callers") {
      o.callers = positive(k, v, 1);
    } else if (k == "--extra-screens") {
      o.extra_screens = positive(k, v, 0);
    } else if (k == "--hall") {
      o.hall = v;
    } else if (k == "--models") {
      o.models = v;
    } else {
      die("unknown option " + k);
    }
  }
  return o;
}

std::string loadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

// User + system CPU seconds of a process so far (/proc/<pid>/stat).
double cpuSecondsOf(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t end_of_name = text.rfind(')');
  if (end_of_name == std::string::npos) return 0;
  std::istringstream fields(text.substr(end_of_name + 2));
  std::string field;
  long utime = 0, stime = 0;
  // Fields 3 … 15 of proc(5); utime is the 14th, stime the 15th.
  for (int n = 3; n <= 15 && fields >> field; ++n) {
    if (n == 14) utime = std::stol(field);
    if (n == 15) stime = std::stol(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ownCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

// The models folder to serve and its hall layout: the given one, or a copy
// whose layout has `extra` more welcome screens.
std::pair<fs::path, fs::path> modelsToServe(const Options& o, const fs::path& scratch) {
  fs::path layout;
  for (const auto& e : fs::directory_iterator(o.models / "hall")) {
    if (e.path().extension() == ".xml") layout = e.path();
  }
  if (layout.empty()) die(o.models.string() + "/hall: no hall layout");
  if (o.extra_screens == 0) return {o.models, layout};

  const fs::path copy = scratch / "models";
  fs::copy(o.models, copy, fs::copy_options::recursive);
  const fs::path copied_layout = copy / "hall" / layout.filename();
  std::ifstream in(copied_layout);
  std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t end = xml.rfind("</hall>");
  if (end == std::string::npos) die(copied_layout.string() + ": no </hall>");
  std::ostringstream screens;
  for (int i = 1; i <= o.extra_screens; ++i) {
    screens << "  <device id=\"bench-screen-" << std::setw(3) << std::setfill('0') << i
            << "\" kind=\"welcome-screen\" zone=\"z1\" floor=\"1\" x=\"16.0\" y=\"0.5\"/>\n";
  }
  xml.insert(end, screens.str());
  std::ofstream(copied_layout, std::ios::trunc) << xml;
  return {copy, copied_layout};
}

// Thread-safe latency samples, ms.
class Samples {
 public:
  void add(double ms) {
    std::lock_guard<std::mutex> lock(mutex_);
    ms_.push_back(ms);
  }
  LatencySummary summary() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return summarize(ms_);
  }

 private:
  mutable std::mutex mutex_;
  std::vector<double> ms_;
};

// REST answers other than the expected ones: counted, the first few kept.
class Failures {
 public:
  void add(const std::string& what, const ApiReply& reply) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++count_;
    if (first_.size() < 5) {
      first_.push_back(
          what + ": " +
          (reply.status == 0 ? reply.error : std::to_string(reply.status) + " " + reply.body));
    }
  }
  void print(std::ostream& out) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (count_ == 0) return;
    out << "REST failures: " << count_ << "\n";
    for (const std::string& f : first_) out << "  " << f << "\n";
  }

 private:
  mutable std::mutex mutex_;
  size_t count_ = 0;
  std::vector<std::string> first_;
};

// Which queue each ticket is for: in proportion to the windows that serve
// the queue first, so that every window has about as much to call.
std::vector<std::string> ticketQueues(const hall::domain::HallLayout& layout) {
  std::vector<std::string> cycle;
  for (const hall::domain::Window& w : layout.windows) {
    if (!w.queues.empty()) cycle.push_back(w.queues.front());
  }
  return cycle;
}

void printRow(const std::string& label, const LatencySummary& s) {
  std::cout << "  " << std::left << std::setw(34) << label << std::right;
  printLatency(std::cout, s);
  std::cout << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::string scratch_pattern = (fs::temp_directory_path() / "hall-screens-bench-XXXXXX").string();
  if (::mkdtemp(scratch_pattern.data()) == nullptr) die("cannot make a temporary folder");
  const fs::path scratch = scratch_pattern;
  const auto [models, layout_file] = modelsToServe(o, scratch);
  auto layout = loadHallLayout(layout_file);
  if (!layout.ok()) die(layout.status().message());

  std::cout << "load average before: " << loadAverage() << "\n";
  HallServerOptions server_options;
  server_options.binary = o.hall;
  server_options.args = {"serve",    "--demo",       "--port",
                         "0",        "--db",         "sqlite:" + (scratch / "hall.db").string(),
                         "--models", models.string()};
  server_options.env = {{"HALL_DEVICE_SECRET", kSecret}, {"HALL_ADMIN_TOKEN", kToken}};
  server_options.cwd = scratch;
  server_options.log_file = scratch / "server.log";
  server_options.stop_timeout = std::chrono::seconds(60);
  auto started = HallServerProcess::start(server_options);
  if (!started.ok()) die(started.status().message());
  std::unique_ptr<HallServerProcess> server = std::move(started).value();
  std::cout << "hall serve (pid " << server->pid() << ") at " << server->url() << ", database "
            << (scratch / "hall.db").string() << "\n";

  // Every device of the layout, once.
  FleetRequest all;
  all.all = true;
  auto plan = planFleet(**layout, all);
  if (!plan.ok()) die(plan.status().message());
  FleetOptions fleet_options;
  fleet_options.host = server->address().host;
  fleet_options.port = server->address().port;
  fleet_options.secret = kSecret;
  fleet_options.software = "screens-bench";
  DeviceFleet fleet(fleet_options);
  const auto connect_started = Clock::now();
  const std::vector<ConnectFailure> failures = fleet.connect(*plan);
  for (const ConnectFailure& f : failures) die(f.device_id + ": " + f.error);
  const double connect_s = std::chrono::duration<double>(Clock::now() - connect_started).count();
  size_t screens = 0;
  std::map<std::string, int> kinds;
  for (const FleetMember& m : *plan) {
    ++kinds[m.kind];
    screens += m.kind == "welcome-screen";
  }
  std::cout << plan->size() << " device connections in " << std::fixed << std::setprecision(2)
            << connect_s << " s:";
  for (const auto& [kind, n] : kinds) std::cout << " " << kind << " " << n;
  std::cout << "\n";

  const HallApiClient api(server->address(), HallApiClient::bearer(kToken));
  Failures rest_failures;
  std::vector<std::string> windows;
  for (const hall::domain::Window& w : (*layout)->windows) {
    const ApiReply r =
        api.post("/api/v1/windows/" + w.id + "/sign-in", R"({"clerk":"bench-)" + w.id + R"("})");
    if (r.status != 200) die("sign-in " + w.id + ": " + std::to_string(r.status) + " " + r.body);
    windows.push_back(w.id);
  }
  std::cout << windows.size() << " windows signed in\n";

  const std::vector<std::string> queues = ticketQueues(**layout);
  const double cpu_server_before = cpuSecondsOf(server->pid());
  double cpu_server_issued = 0;  // when the last ticket was issued
  const auto run_started = Clock::now();
  const double cpu_bench_before = ownCpuSeconds();

  // Tickets, from --clients threads.
  Samples ticket_rtt;
  std::atomic<int> next_ticket{0};
  std::atomic<int> issued{0};
  std::atomic<bool> issuing_done{false};
  Clock::time_point issue_started, issue_ended;
  const auto issue = [&] {
    issue_started = Clock::now();
    std::vector<std::thread> clients;
    for (int c = 0; c < o.clients; ++c) {
      clients.emplace_back([&] {
        for (int i; (i = next_ticket.fetch_add(1)) < o.tickets;) {
          const std::string& queue = queues[static_cast<size_t>(i) % queues.size()];
          const ApiReply r = api.post("/api/v1/tickets", R"({"queue":")" + queue + R"("})");
          if (r.status == 201) {
            ticket_rtt.add(r.elapsed_ms);
            ++issued;
          } else {
            rest_failures.add("ticket " + queue, r);
          }
        }
      });
    }
    for (std::thread& t : clients) t.join();
    issue_ended = Clock::now();
    cpu_server_issued = cpuSecondsOf(server->pid());
    issuing_done = true;
  };

  // Windows, from --callers threads: each thread serves every callers-th
  // window in turn until none of its windows finds anyone waiting.
  Samples call_rtt;
  Samples end_rtt;
  std::atomic<int> calls{0};
  std::atomic<int> empty_answers{0};
  Clock::time_point calls_started, calls_ended;
  const auto call = [&] {
    calls_started = Clock::now();
    std::vector<std::thread> callers;
    const int threads = std::min<int>(o.callers, static_cast<int>(windows.size()));
    for (int c = 0; c < threads; ++c) {
      callers.emplace_back([&, c] {
        std::vector<std::string> mine;
        for (size_t w = static_cast<size_t>(c); w < windows.size();
             w += static_cast<size_t>(threads)) {
          mine.push_back(windows[w]);
        }
        while (!mine.empty()) {
          bool any_called = false;
          for (auto it = mine.begin(); it != mine.end();) {
            const bool was_done = issuing_done.load();
            const ApiReply r = api.post("/api/v1/windows/" + *it + "/call-next", "");
            if (r.status == 204) {
              ++empty_answers;
              // Nothing waits for this window and nothing more will come.
              it = was_done ? mine.erase(it) : it + 1;
              continue;
            }
            if (r.status != 200) {
              rest_failures.add("call-next " + *it, r);
              it = mine.erase(it);
              continue;
            }
            call_rtt.add(r.elapsed_ms);
            ++calls;
            any_called = true;
            const ApiReply e =
                api.post("/api/v1/windows/" + *it + "/end", R"({"outcome":"consultation"})");
            if (e.status != 200) {
              rest_failures.add("end " + *it, e);
              it = mine.erase(it);
              continue;
            }
            end_rtt.add(e.elapsed_ms);
            ++it;
          }
          // The clerk's pace when the queues are empty and tickets still come.
          if (!any_called && !mine.empty()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
          }
        }
      });
    }
    for (std::thread& t : callers) t.join();
    calls_ended = Clock::now();
  };

  if (o.concurrent) {
    std::thread issuer(issue);
    call();
    issuer.join();
  } else {
    issue();
    call();
  }

  const int total_calls = calls.load();
  const size_t expected_receipts = static_cast<size_t>(total_calls) * (1 + screens);
  const bool all_arrived = fleet.awaitCallReceipts(expected_receipts, std::chrono::seconds(30));
  const double run_s = std::chrono::duration<double>(Clock::now() - run_started).count();
  const double cpu_server_end = cpuSecondsOf(server->pid());
  const double cpu_server = cpu_server_end - cpu_server_before;
  const double cpu_bench = ownCpuSeconds() - cpu_bench_before;
  const std::string load_after = loadAverage();

  const double issue_s = std::chrono::duration<double>(issue_ended - issue_started).count();
  const double calls_s = std::chrono::duration<double>(calls_ended - calls_started).count();
  std::cout << std::fixed << std::setprecision(1);
  std::cout << (o.concurrent ? "concurrent: tickets issued while the windows called\n"
                             : "phased: every ticket issued, then the windows called\n");
  std::cout << "tickets: " << issued.load() << " of " << o.tickets << " in " << issue_s
            << " s = " << issued.load() / issue_s << "/s from " << o.clients << " clients\n";
  printRow("POST /tickets round trip", ticket_rtt.summary());
  std::cout << "calls: " << total_calls << " (each call-next then end) in " << calls_s
            << " s = " << total_calls / calls_s << " calls/s from "
            << std::min<size_t>(o.callers, windows.size()) << " callers; " << empty_answers.load()
            << " call-next answered 204\n";
  printRow("POST call-next round trip", call_rtt.summary());
  printRow("POST end round trip", end_rtt.summary());

  const std::vector<CallReceipt> receipts = fleet.callReceipts();
  std::vector<double> from_at, from_sent, in_server, strip_at, screen_at;
  size_t strip_receipts = 0, screen_receipts = 0;
  for (const CallReceipt& r : receipts) {
    from_at.push_back(r.fromCallMs());
    from_sent.push_back(r.fromSentMs());
    in_server.push_back(static_cast<double>(r.sent_at_ms - r.at_ms));
    if (r.kind == "window-strip") {
      ++strip_receipts;
      strip_at.push_back(r.fromCallMs());
    } else {
      ++screen_receipts;
      screen_at.push_back(r.fromCallMs());
    }
  }
  std::cout << "call displays received: " << receipts.size() << " of " << expected_receipts
            << " expected (strips " << strip_receipts << " of " << total_calls
            << ", welcome screens " << screen_receipts << " of " << total_calls * screens << ")"
            << (all_arrived ? "" : " — MISSING") << "\n";
  std::cout << "call-to-screen latency (receipt at the device - data.at):\n";
  printRow("all call displays", summarize(from_at));
  printRow("window strips", summarize(strip_at));
  printRow("welcome screens", summarize(screen_at));
  // The tail over time: spread evenly over the run, it is the server or the
  // bench; in bursts, whatever else the machine ran at those moments.
  if (!receipts.empty()) {
    int64_t first = receipts.front().at_ms, last = first;
    for (const CallReceipt& r : receipts) {
      first = std::min(first, r.at_ms);
      last = std::max(last, r.at_ms);
    }
    constexpr int kSlices = 10;
    const int64_t span = std::max<int64_t>(1, last - first + 1);
    std::vector<std::vector<double>> slices(kSlices);
    for (const CallReceipt& r : receipts) {
      slices[static_cast<size_t>((r.at_ms - first) * kSlices / span)].push_back(r.fromCallMs());
    }
    std::cout << "the same over time, in tenths of the calls' span (" << span / 1000 << " s):\n";
    for (int i = 0; i < kSlices; ++i) {
      printRow("  tenth " + std::to_string(i + 1),
               summarize(std::move(slices[static_cast<size_t>(i)])));
    }
  }
  std::cout << "where it goes (whole ms on the server's clock, so 0 means under 1 ms):\n";
  printRow("in hall serve: sentAt - data.at", summarize(in_server));
  printRow("hub send to receipt: - sentAt", summarize(from_sent));
  std::cout << "CPU: hall serve " << std::setprecision(2) << cpu_server << " s, bench " << cpu_bench
            << " s over " << run_s << " s of wall time";
  if (!o.concurrent) {
    std::cout << " (hall serve: " << cpu_server_issued - cpu_server_before << " s issuing, "
              << cpu_server_end - cpu_server_issued << " s calling)";
  }
  std::cout << "\n";
  std::cout << "load average after: " << load_after << "\n";
  rest_failures.print(std::cout);

  const std::vector<KindReport> report = fleet.report();
  const std::vector<Drop> drops = fleet.drops();
  const size_t malformed = fleet.malformedCalls();
  fleet.close();
  printFleetReport(std::cout, report, drops, malformed);
  const int status = server->stop();
  std::cout << "hall serve stopped (exit status " << status << ")";
  if (o.keep) {
    std::cout << "; its database and log are in " << scratch.string() << "\n";
  } else {
    std::cout << "\n";
    std::error_code ignored;
    fs::remove_all(scratch, ignored);
  }
  return all_arrived && drops.empty() ? 0 : 1;
}
