// hall-devicesim: connects hall devices to a running `hall serve` over real
// WebSockets and reports what they received (README.md in this folder).
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "devices/protocol/message_codec.h"
#include "tools/cli/exit_codes.h"
#include "tools/cli/termination_signals.h"
#include "tools/devicesim/device_fleet.h"
#include "tools/devicesim/devicesim_options.h"
#include "tools/devicesim/fleet_plan.h"
#include "tools/devicesim/fleet_report.h"
#include "tools/devicesim/hall_api_client.h"
#include "tools/devicesim/kiosk_traffic.h"

namespace {

using namespace hall::devicesim;

using hall::cli::kExitClean;
using hall::cli::kExitUsage;
constexpr int kExitFailed = hall::cli::kExitErrors;

// As in `hall serve` (tools/cli/termination_signals.h), with the run's
// duration as the deadline.
void waitForEnd(const sigset_t& set, double duration_seconds) {
  if (duration_seconds <= 0) {
    hall::cli::waitForTermination(set);
    return;
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(duration_seconds);
  for (;;) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    const timespec timeout{static_cast<time_t>(ns / 1'000'000'000),
                           static_cast<long>(ns % 1'000'000'000)};
    if (sigtimedwait(&set, nullptr, &timeout) > 0) return;
  }
}

std::string clockText(int64_t epoch_us) {
  const std::time_t seconds = static_cast<std::time_t>(epoch_us / 1'000'000);
  std::tm local{};
  localtime_r(&seconds, &local);
  std::ostringstream out;
  out << std::put_time(&local, "%H:%M:%S") << "." << std::setw(3) << std::setfill('0')
      << (epoch_us / 1000) % 1000;
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  wf::Result<DevicesimOptions> parsed = parseDevicesimOptions(args);
  if (!parsed.ok()) {
    std::cerr << "hall-devicesim: " << parsed.status().message() << "\n" << kDevicesimUsage;
    return kExitUsage;
  }
  const DevicesimOptions& options = *parsed;
  if (options.help) {
    std::cout << kDevicesimUsage
              << "Connects devices of the hall layout to a running hall serve, as the devices\n"
                 "themselves do, and on SIGINT, SIGTERM or after --duration seconds prints what\n"
                 "they received and how long call displays took to arrive. --secret defaults to\n"
                 "HALL_DEVICE_SECRET; --take-tickets-per-minute is per kiosk of the fleet.\n";
    return kExitClean;
  }
  std::optional<std::string> secret = options.secret;
  if (!secret) {
    if (const char* env = std::getenv("HALL_DEVICE_SECRET")) secret = env;
  }
  if (!secret || secret->empty()) {
    std::cerr << "hall-devicesim: no device secret: give --secret or set HALL_DEVICE_SECRET\n";
    return kExitUsage;
  }
  wf::Result<ServerAddress> server = parseServerUrl(options.url);
  if (!server.ok()) {
    std::cerr << "hall-devicesim: " << server.status().message() << "\n";
    return kExitUsage;
  }
  auto layout = loadHallLayout(options.layout);
  if (!layout.ok()) {
    std::cerr << "hall-devicesim: --layout: " << layout.status().message() << "\n";
    return kExitUsage;
  }
  wf::Result<std::vector<FleetMember>> plan = planFleet(**layout, options.fleet);
  if (!plan.ok()) {
    std::cerr << "hall-devicesim: " << plan.status().message() << "\n" << kDevicesimUsage;
    return kExitUsage;
  }

  const sigset_t signals = hall::cli::terminationSignals();
  hall::cli::blockTerminationSignals(signals);
  signal(SIGPIPE, SIG_IGN);

  std::mutex print_mutex;
  DeviceFleet::Observer observer;
  if (options.verbose) {
    observer = [&print_mutex](const FleetMember& device,
                              const devices::protocol::ServerMessage& message,
                              int64_t received_us) {
      std::string latency;
      if (const auto* d = std::get_if<devices::protocol::Display>(&message);
          d && d->topic == devices::protocol::DisplayTopic::Call && d->data) {
        const Poco::Int64 at = d->data->optValue<Poco::Int64>("at", 0);
        std::ostringstream text;
        text << std::fixed << std::setprecision(1) << "  (+"
             << static_cast<double>(received_us) / 1000.0 - static_cast<double>(at)
             << " ms after the call)";
        if (at > 0) latency = text.str();
      }
      std::lock_guard<std::mutex> lock(print_mutex);
      std::cout << clockText(received_us) << " " << device.id << " "
                << devices::protocol::encode(message) << latency << "\n"
                << std::flush;
    };
  }

  FleetOptions fleet_options;
  fleet_options.host = server->host;
  fleet_options.port = server->port;
  fleet_options.secret = *secret;
  fleet_options.fingers = options.fingers;
  DeviceFleet fleet(fleet_options, observer);
  const std::vector<ConnectFailure> failures = fleet.connect(*plan);
  {
    std::lock_guard<std::mutex> lock(print_mutex);
    std::cerr << "hall-devicesim: " << plan->size() - failures.size() << " of " << plan->size()
              << " devices connected to " << options.url << "\n";
    for (const ConnectFailure& f : failures) {
      std::cerr << "  " << f.device_id << ": " << f.error << "\n";
    }
  }
  if (!failures.empty()) return kExitFailed;

  std::vector<std::string> kiosks;
  for (const FleetMember& m : *plan) {
    if (m.kind == "ticket-kiosk" || m.kind == "ticket-desktop") kiosks.push_back(m.id);
  }
  std::optional<KioskTraffic> traffic;
  if (options.tickets_per_minute > 0) {
    if (kiosks.empty()) {
      std::cerr << "hall-devicesim: --take-tickets-per-minute needs kiosks in the fleet "
                   "(--kiosks N)\n";
      return kExitUsage;
    }
    KioskTrafficOptions traffic_options;
    traffic_options.server = *server;
    traffic_options.secret = *secret;
    traffic_options.kiosks = kiosks;
    for (const hall::domain::Queue& q : (*layout)->queues) traffic_options.queues.push_back(q.id);
    traffic_options.tickets_per_minute = options.tickets_per_minute;
    traffic.emplace(traffic_options);
    traffic->start();
  }

  waitForEnd(signals, options.duration_seconds);
  if (traffic) traffic->stop();
  const std::vector<KindReport> kinds = fleet.report();
  const std::vector<Drop> drops = fleet.drops();
  const size_t malformed = fleet.malformedCalls();
  fleet.close();

  std::lock_guard<std::mutex> lock(print_mutex);
  printFleetReport(std::cout, kinds, drops, malformed);
  if (traffic) {
    const KioskTrafficReport t = traffic->report();
    std::cout << "kiosk tickets: " << t.requests << " requests;";
    for (const auto& [status, n] : t.by_status) {
      std::cout << " " << (status == 0 ? std::string("no answer") : std::to_string(status)) << " "
                << n;
    }
    std::cout << "; round trip ";
    printLatency(std::cout, t.round_trip);
    std::cout << "\n";
    if (!t.last_error.empty()) std::cout << "  last refusal: " << t.last_error << "\n";
  }
  return drops.empty() ? kExitClean : kExitFailed;
}
