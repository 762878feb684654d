#include "support/engine_harness.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdlib>
#include <stdexcept>

#include "support/fixtures.h"
#include "support/postgres_server.h"
#include "support/sql_session.h"

namespace hall::test {

bool testsUsePostgresql() {
  const char* db = std::getenv("HALL_TEST_DB");
  return db != nullptr && std::string(db) == "postgresql";
}

namespace {

// On PostgreSQL every engine test of the process needs the server: when none
// can run here, they all skip, and say why, before any of them starts.
class BackendEnvironment final : public ::testing::Environment {
 public:
  void SetUp() override {
    if (!testsUsePostgresql()) return;
    std::string why;
    if (PostgresServer::shared(&why) == nullptr) {
      GTEST_SKIP() << "HALL_TEST_DB=postgresql, but tests skip: " << why;
    }
  }
};

[[maybe_unused]] ::testing::Environment* const kBackend =
    ::testing::AddGlobalTestEnvironment(new BackendEnvironment);

std::string databaseFor(const TempDir& dir) {
  if (!testsUsePostgresql()) return "sqlite:" + dir.file("engine.db");
  std::string why;
  PostgresServer* server = PostgresServer::shared(&why);
  if (server == nullptr) throw std::runtime_error("HALL_TEST_DB=postgresql: " + why);
  return server->createDatabase();
}

}  // namespace

wf::Value json(const std::string& text) {
  std::string error;
  auto v = wf::Value::parseJson(text, &error);
  if (!v) throw std::runtime_error("bad JSON in test: " + error);
  return *v;
}

EngineHarness::EngineHarness(std::function<void(wf::EngineOptions&)> adjust)
    : db_url_(databaseFor(dir_)),
      clock_(std::make_shared<FakeClock>()),
      ids_(std::make_shared<SequentialIds>("id")),
      adjust_(std::move(adjust)) {
  reopen();
}

void EngineHarness::reopen() {
  engine_.reset();
  wf::EngineOptions options;
  options.db_url = db_url_;
  options.clock = clock_;
  options.ids = ids_;
  options.readers = 2;
  if (adjust_) adjust_(options);
  auto opened = wf::Engine::open(options);
  if (!opened.ok()) throw std::runtime_error(opened.status().toString());
  engine_ = std::move(opened).value();
}

EngineHarness::~EngineHarness() {
  engine_.reset();
  if (testsUsePostgresql()) PostgresServer::shared(nullptr)->dropDatabase(db_url_);
}

std::unique_ptr<soci::session> EngineHarness::sql() const { return sqlSession(db_url_); }

void EngineHarness::deploy(const std::string& relative) {
  auto r = engine_->deploy(relative, fixture(relative));
  ASSERT_TRUE(r.ok()) << r.status().toString() << " " << r.status().details().toJson();
}

wf::InstanceInfo EngineHarness::start(const std::string& key, const std::string& variables_json) {
  auto r = engine_->startInstance(key, json(variables_json));
  if (!r.ok()) throw std::runtime_error("start " + key + ": " + r.status().toString());
  return *r;
}

wf::InstanceInfo EngineHarness::instance(const std::string& id) {
  auto r = engine_->instance(id);
  if (!r.ok()) throw std::runtime_error("instance " + id + ": " + r.status().toString());
  return *r;
}

std::vector<wf::TaskInfo> EngineHarness::tasksAt(const std::string& instance_id,
                                                 const std::string& element) {
  wf::TaskQuery q;
  q.instance_id = instance_id;
  auto r = engine_->tasks(q);
  if (!r.ok()) throw std::runtime_error(r.status().toString());
  std::vector<wf::TaskInfo> out;
  for (const wf::TaskInfo& t : *r) {
    if (t.element_id == element) out.push_back(t);
  }
  return out;
}

void EngineHarness::completeTaskAt(const std::string& instance_id, const std::string& element,
                                   const std::string& variables_json) {
  auto tasks = tasksAt(instance_id, element);
  ASSERT_EQ(tasks.size(), 1u) << "open tasks at " << element;
  wf::Status st = engine_->completeTask(tasks[0].id, json(variables_json));
  ASSERT_TRUE(st.isOk()) << st.toString();
}

std::vector<std::string> EngineHarness::trace(const std::string& instance_id) {
  auto r = engine_->history(instance_id);
  if (!r.ok()) throw std::runtime_error(r.status().toString());
  std::vector<std::string> out;
  for (const wf::HistoryEvent& e : *r) out.push_back(e.type + ":" + e.element_id);
  return out;
}

bool EngineHarness::reached(const std::string& instance_id, const std::string& element) {
  for (const std::string& t : trace(instance_id)) {
    if (t == "element-activated:" + element) return true;
  }
  return false;
}

wf::Result<wf::MessageResult> EngineHarness::message(const std::string& name,
                                                     const std::string& key,
                                                     const std::string& variables_json,
                                                     const std::string& message_id,
                                                     int64_t ttl_millis) {
  wf::MessageRequest m;
  m.name = name;
  m.correlation_key = key;
  m.variables = json(variables_json);
  m.message_id = message_id;
  m.ttl_millis = ttl_millis;
  return engine_->correlateMessage(m);
}

void EngineHarness::settle() { ASSERT_TRUE(engine_->waitForJobsIdle(std::chrono::seconds(10))); }

}  // namespace hall::test
