// EngineHarness: an Engine with a fake clock and sequential ids — the usual
// setting of an engine test — on a SQLite file in a temporary folder, or,
// with HALL_TEST_DB=postgresql in the environment, on a fresh database of
// the test process's PostgreSQL server (PostgresServer). CTest runs the
// engine tests once on each.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "support/fake_clock.h"
#include "support/sequential_ids.h"
#include "support/temp_dir.h"
#include "wf/engine.h"

namespace soci {
class session;
}

namespace hall::test {

// Whether this process runs the engine tests on PostgreSQL (HALL_TEST_DB).
bool testsUsePostgresql();

class EngineHarness {
 public:
  // `adjust` may change the options (calendar, time zone) before each open.
  explicit EngineHarness(std::function<void(wf::EngineOptions&)> adjust = {});
  ~EngineHarness();
  EngineHarness(const EngineHarness&) = delete;
  EngineHarness& operator=(const EngineHarness&) = delete;

  wf::Engine& engine() { return *engine_; }
  FakeClock& clock() { return *clock_; }
  const std::string& dbUrl() const { return db_url_; }
  // A connection of its own to the engine's database, for tests that look
  // at (or tamper with) the rows themselves.
  std::unique_ptr<soci::session> sql() const;

  // Deploys tests/fixtures/<relative>; fails the test on errors.
  void deploy(const std::string& relative);
  // Starts `key` with variables given as JSON text; fails the test on errors.
  wf::InstanceInfo start(const std::string& key, const std::string& variables_json = "{}");
  wf::InstanceInfo instance(const std::string& id);
  // Open tasks of an instance at an element.
  std::vector<wf::TaskInfo> tasksAt(const std::string& instance_id, const std::string& element);
  // Completes the single open task of an instance at `element`.
  void completeTaskAt(const std::string& instance_id, const std::string& element,
                      const std::string& variables_json = "{}");
  // Event types of the instance's history, in order, as "type:element".
  std::vector<std::string> trace(const std::string& instance_id);
  bool reached(const std::string& instance_id, const std::string& element);
  // Correlates a message (variables as JSON text).
  wf::Result<wf::MessageResult> message(const std::string& name, const std::string& key,
                                        const std::string& variables_json = "{}",
                                        const std::string& message_id = {}, int64_t ttl_millis = 0);
  // Lets the job workers run what is due now (after the clock moved).
  void settle();

  // Closes and reopens the engine on the same file (a restart).
  void reopen();

 private:
  TempDir dir_;
  std::string db_url_;
  std::shared_ptr<FakeClock> clock_;
  std::shared_ptr<SequentialIds> ids_;
  std::function<void(wf::EngineOptions&)> adjust_;
  std::unique_ptr<wf::Engine> engine_;
};

wf::Value json(const std::string& text);

}  // namespace hall::test
