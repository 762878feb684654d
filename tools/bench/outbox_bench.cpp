// outbox_bench: the e-licence connector's outbox (the engine's job table) to
// the real simulator on loopback. Two measurements, printed:
//   1. throughput — --cases cases reach their issue task at once; how many
//      licences a second are issued, durably (SQLite, synchronous FULL), each
//      exactly once;
//   2. backlog — the library is down for --outage-seconds while --rate cases
//      a second reach "issue"; how long after it returns until every backlog
//      licence is issued. As in `hall serve`, the first answer after the
//      outage makes the waiting jobs due at once (CityClient::onRecovered →
//      Engine::retryJobsNow); with --no-retry-now they wait for their
//      backoff, which grows to 5 minutes.
// Usage: outbox_bench [--cases N] [--outage-seconds S] [--rate R] [--no-retry-now]
//   (defaults: 2000 cases; a 60 s outage at 50 a second — the issue's 10
//   minutes is --outage-seconds 600)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "connectors/common/platform_config.h"
#include "connectors/elicense/elicense_connector.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"
#include "tools/citysim/citysim_process.h"
#include "wf/engine.h"
#include "wf/ports/clock.h"

namespace {

using Clock = std::chrono::steady_clock;
using hall::citysim::test::CitysimClient;
using hall::citysim::test::CitysimProcess;

constexpr const char* kKey = "outbox-bench-key";
constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";

int64_t nowMillis() { return wf::toEpochMillis(wf::SystemClock().now()); }

// tests/fixtures/connectors/issue_only.bpmn: the issue task, then the hand-over.
std::string issueOnlyModel() {
  return hall::test::readFile(std::string(HALL_SOURCE_DIR) +
                              "/tests/fixtures/connectors/issue_only.bpmn");
}

class Holders final : public connectors::HolderDirectory {
 public:
  wf::Result<connectors::LicenceHolder> holderOf(const std::string&) override {
    return connectors::LicenceHolder{"王小明", "ID_CARD", "11010519491231002X"};
  }
};

struct Options {
  int cases = 2000;
  int outage_seconds = 60;
  int rate = 50;
  bool retry_now = true;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (name == "--no-retry-now") {
      o.retry_now = false;
      continue;
    }
    if (i + 1 == argc) break;
    ++i;
    const int value = std::atoi(argv[i]);
    if (name == "--cases") o.cases = value;
    if (name == "--outage-seconds") o.outage_seconds = value;
    if (name == "--rate") o.rate = value;
  }
  return o;
}

int64_t stat(CitysimClient& sim, const char* name) {
  const auto reply = sim.get("/_sim/stats");
  const wf::Value* platform = reply.json.isObject() ? reply.json.find("elicense") : nullptr;
  const wf::Value* v = platform != nullptr ? platform->find(name) : nullptr;
  return v != nullptr && v->isNumber() ? static_cast<int64_t>(v->asNumber()) : -1;
}

// Waits until the library has issued `total`; the seconds it took, or -1.
double waitIssued(CitysimClient& sim, int64_t total, std::chrono::seconds limit) {
  const auto started = Clock::now();
  while (stat(sim, "issued") < total) {
    if (Clock::now() - started > limit) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::chrono::duration<double>(Clock::now() - started).count();
}

std::string caseCode(int n) { return "31010520261129" + std::to_string(100000000 + n); }

wf::Value variables(const std::string& code) {
  return wf::Value(wf::Object{{"caseCode", wf::Value(code)},
                              {"matterCode", wf::Value(kFood)},
                              {"applicantName", wf::Value("王**")}});
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  hall::citysim::test::CitysimProcessOptions sim_options;
  sim_options.args = {"--port", "0", "--quiet"};
  sim_options.env = {{"CITYSIM_KEY", kKey}};
  auto started = CitysimProcess::start(sim_options);
  if (!started.ok()) {
    std::fprintf(stderr, "outbox_bench: %s\n", started.status().toString().c_str());
    return 1;
  }
  std::unique_ptr<CitysimProcess> process = std::move(started).value();
  CitysimClient sim(process->host(), process->port(), kKey);

  hall::test::TempDir dir;
  wf::EngineOptions engine_options;
  engine_options.db_url = "sqlite:" + (dir.path() / "hall.db").string();
  auto opened = wf::Engine::open(std::move(engine_options));
  if (!opened.ok() || !(*opened)->deploy("issue.bpmn", issueOnlyModel()).ok()) {
    std::fprintf(stderr, "outbox_bench: engine did not open\n");
    return 1;
  }
  std::unique_ptr<wf::Engine> engine = std::move(opened).value();
  auto platforms =
      connectors::readPlatformConfigs(std::string(HALL_SOURCE_DIR) + "/models/connectors");
  if (!platforms.ok()) {
    std::fprintf(stderr, "outbox_bench: %s\n", platforms.status().message().c_str());
    return 1;
  }
  connectors::CityClient client(platforms->at("elicense"), process->url(), kKey, nowMillis);
  Holders holders;
  connectors::ElicenseConnector connector(client, holders, nowMillis);
  connector.registerWith(*engine);
  if (o.retry_now) {
    client.onRecovered(
        [&engine] { (void)engine->retryJobsNow({connectors::ElicenseConnector::kIssueJob}); });
  }
  engine->startJobWorkers();

  // 1. Throughput.
  const auto t0 = Clock::now();
  for (int i = 0; i < o.cases; ++i) {
    const std::string code = caseCode(i);
    (void)engine->startInstance("issue_only", variables(code), code);
  }
  const double started_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double drained = waitIssued(sim, o.cases, std::chrono::seconds(600));
  const double total_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf(
      "throughput: %d cases started in %.2f s; all %d licences issued %.2f s after the "
      "first start: %.0f licences/s (duplicates %lld)\n",
      o.cases, started_s, o.cases, total_s, o.cases / total_s,
      static_cast<long long>(stat(sim, "duplicates")));
  if (drained < 0) std::printf("throughput: NOT all issued within 600 s\n");

  // 2. Backlog after an outage.
  const int backlog = o.outage_seconds * o.rate;
  (void)sim.send("PUT", "/_sim/faults/elicense",
                 "{\"downForMs\": " + std::to_string(o.outage_seconds * 1000) + "}");
  const auto outage_began = Clock::now();
  for (int i = 0; i < backlog; ++i) {
    const std::string code = caseCode(o.cases + i);
    (void)engine->startInstance("issue_only", variables(code), code);
    std::this_thread::sleep_until(outage_began +
                                  std::chrono::microseconds(int64_t{1000000} * (i + 1) / o.rate));
  }
  std::this_thread::sleep_until(outage_began + std::chrono::seconds(o.outage_seconds));
  const double after = waitIssued(sim, o.cases + backlog, std::chrono::seconds(900));
  std::printf(
      "backlog: %d cases reached issue during a %d s outage (%d/s); all issued %.1f s "
      "after it ended%s (issued %lld, duplicates %lld, faulted answers %lld)\n",
      backlog, o.outage_seconds, o.rate, after, o.retry_now ? "" : " without retry-now",
      static_cast<long long>(stat(sim, "issued")), static_cast<long long>(stat(sim, "duplicates")),
      static_cast<long long>(stat(sim, "faulted")));
  engine.reset();
  return 0;
}
