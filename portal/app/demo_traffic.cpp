#include "portal/app/demo_traffic.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace hall::app {

namespace {

constexpr auto kTick = std::chrono::milliseconds(500);

// Where simulated visitors go: the busy queues more often.
constexpr const char* kQueues[] = {"commerce", "commerce", "onewindow", "onewindow",   "tax",
                                   "hr",       "policy",   "cross",     "construction"};

constexpr const char* kClerks[] = {"张敏", "李强", "王芳", "陈杰", "刘洋", "赵丽",
                                   "孙伟", "周静", "吴磊", "郑婷", "冯涛", "何雪"};

}  // namespace

DemoTraffic::DemoTraffic(hall::domain::FrontDesk& desk, DemoTrafficOptions options)
    : desk_(desk), options_(options), random_(options.seed) {}

DemoTraffic::~DemoTraffic() { stop(); }

double DemoTraffic::exponential(double mean) {
  const double u =
      (static_cast<double>(random_()) + 1.0) / (static_cast<double>(random_.max()) + 2.0);
  return -mean * std::log(u);
}

void DemoTraffic::start() {
  // Clerks sit first at windows whose first queue no clerk serves yet, so
  // every queue moves; then anywhere.
  std::vector<std::string> chosen;
  std::set<std::string> covered;
  const std::vector<hall::domain::WindowView> windows = desk_.windows();
  for (int pass = 0; pass < 2; ++pass) {
    for (const hall::domain::WindowView& w : windows) {
      if (static_cast<int>(chosen.size()) == options_.windows) break;
      if (w.kind == "vip" || w.kind == "reserved" || w.queues.empty()) continue;
      if (std::find(chosen.begin(), chosen.end(), w.session.window) != chosen.end()) continue;
      if (pass == 0 && covered.count(w.queues.front())) continue;
      covered.insert(w.queues.front());
      chosen.push_back(w.session.window);
    }
  }
  for (size_t i = 0; i < chosen.size(); ++i) {
    const auto window = desk_.window(chosen[i]);
    const bool offline = window.ok() && window->session.state == hall::domain::WindowState::Offline;
    if (offline && !desk_.signIn(chosen[i], kClerks[i % std::size(kClerks)]).ok()) continue;
    clerks_.push_back({chosen[i], 0});
  }
  thread_ = std::thread([this] { run(); });
}

void DemoTraffic::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DemoTraffic::run() {
  const auto started = std::chrono::steady_clock::now();
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    const double now =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    tick(now);
    lock.lock();
    wake_.wait_for(lock, kTick, [this] { return stopping_; });
  }
}

void DemoTraffic::tick(double now) {
  Poco::Logger& log = Poco::Logger::get("hall.demo");
  if (now >= next_arrival_) {
    hall::domain::TicketRequest request;
    request.queue = kQueues[random_() % std::size(kQueues)];
    const auto issued = desk_.issue(request);
    if (!issued.ok()) log.warning("demo visitor: " + issued.status().message());
    next_arrival_ = now + exponential(options_.arrival_seconds);
  }
  for (Clerk& clerk : clerks_) {
    if (now < clerk.busy_until) continue;
    const auto window = desk_.window(clerk.window);
    if (!window.ok()) continue;
    const hall::domain::WindowState state = window->session.state;
    if (state == hall::domain::WindowState::Idle) {
      const auto called = desk_.callNext(clerk.window);
      if (called.ok() && called->has_value()) clerk.busy_until = now + 3;  // walking up
    } else if (state == hall::domain::WindowState::Calling) {
      // One visitor in twenty does not come.
      const bool came = random_() % 20 != 0;
      const auto done = came ? desk_.arrive(clerk.window) : desk_.noShow(clerk.window);
      if (!done.ok()) log.warning("demo window " + clerk.window + ": " + done.status().message());
      clerk.busy_until = now + (came ? exponential(options_.service_seconds) : 0);
    } else if (state == hall::domain::WindowState::Serving) {
      const bool transfer = random_() % 15 == 0;
      const auto done =
          transfer ? desk_.transfer(clerk.window, hall::domain::TransferTarget{.queue = "cross"})
                   : desk_.end(clerk.window, random_() % 3 == 0 ? "intake" : "consultation");
      if (!done.ok()) log.warning("demo window " + clerk.window + ": " + done.status().message());
    }
  }
}

}  // namespace hall::app
