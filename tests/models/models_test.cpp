// Every model in models/ lints clean and runs down one happy path: each
// open user task is completed with the answers below (or none), each job
// with no result, until the instance ends.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

namespace fs = std::filesystem;

// Answers of the happy path, by user task id (default: none).
const std::map<std::string, std::string> kAnswers = {
    {"intake", R"({"complete": true})"},
    {"waiting", R"({"called": "arrived", "window": "W01"})"},
};

// What starts an instance, by process key (default: nothing).
const std::map<std::string, std::string> kStart = {
    {"visit", R"({"queue": "commerce", "ticketNumber": "A001", "channel": "walk-in"})"},
};

// The models of one kind: files ending in `extension` under models/<folder>
// (all of models/ when `folder` is empty). The hall's layout (models/hall)
// is the front desk's, read by the domain and tested there.
std::vector<fs::path> modelsWith(const std::string& extension, const std::string& folder = {}) {
  std::vector<fs::path> out;
  for (const auto& e :
       fs::recursive_directory_iterator(fs::path(HALL_SOURCE_DIR) / "models" / folder)) {
    if (e.is_regular_file() && e.path().extension() == extension) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> bpmnModels() { return modelsWith(".bpmn"); }

TEST(Models, EveryDecisionModelLintsWithoutErrorsOrWarningsAndDeploys) {
  const auto models = modelsWith(".dmn");
  ASSERT_FALSE(models.empty());
  EngineHarness h;
  for (const fs::path& path : models) {
    for (const wf::Diagnostic& d : wf::Engine::lint(path.string(), readFile(path.string()))) {
      ADD_FAILURE() << d.toString();
    }
    EXPECT_TRUE(h.engine().deploy(path.filename().string(), readFile(path.string())).ok());
  }
}

TEST(Models, EveryBpmnModelLintsWithoutErrorsOrWarnings) {
  const auto models = bpmnModels();
  ASSERT_FALSE(models.empty());
  for (const fs::path& path : models) {
    for (const wf::Diagnostic& d : wf::Engine::lint(path.string(), readFile(path.string()))) {
      ADD_FAILURE() << d.toString();
    }
  }
}

TEST(Models, EveryCalendarReadsClean) {
  const auto models = modelsWith(".xml", "calendar");
  ASSERT_FALSE(models.empty());
  for (const fs::path& path : models) {
    for (const wf::Diagnostic& d : wf::Engine::lint(path.string(), readFile(path.string()))) {
      ADD_FAILURE() << d.toString();
    }
  }
}

TEST(Models, EveryProcessRunsDownItsHappyPath) {
  for (const fs::path& path : bpmnModels()) {
    SCOPED_TRACE(path.string());
    EngineHarness h;
    // The calendars and decisions the processes use are deployed first, as
    // `hall serve` deploys the whole folder.
    for (const auto& [extension, folder] :
         std::vector<std::pair<std::string, std::string>>{{".xml", "calendar"}, {".dmn", ""}}) {
      for (const fs::path& other : modelsWith(extension, folder)) {
        ASSERT_TRUE(h.engine().deploy(other.filename().string(), readFile(other.string())).ok());
      }
    }
    auto deployed = h.engine().deploy(path.filename().string(), readFile(path.string()));
    ASSERT_TRUE(deployed.ok()) << deployed.status().toString();
    for (const wf::DeployedDefinition& d : deployed->definitions) {
      const auto start = kStart.find(d.key);
      const wf::InstanceInfo started = h.start(d.key, start == kStart.end() ? "{}" : start->second);
      for (int round = 0; round < 100; ++round) {
        if (h.instance(started.id).state != wf::InstanceState::Active) break;
        wf::TaskQuery q;
        q.instance_id = started.id;
        const auto tasks = h.engine().tasks(q);
        ASSERT_TRUE(tasks.ok());
        for (const wf::TaskInfo& t : *tasks) {
          auto answer = kAnswers.find(t.element_id);
          const std::string vars = answer == kAnswers.end() ? "{}" : answer->second;
          ASSERT_TRUE(h.engine().completeTask(t.id, json(vars)).isOk());
        }
        const auto jobs = h.engine().jobs(wf::JobState::Pending);
        ASSERT_TRUE(jobs.ok());
        for (const wf::JobInfo& j : *jobs) {
          ASSERT_TRUE(h.engine().completeJob(j.id, json("{}")).isOk());
        }
      }
      const wf::InstanceInfo end = h.instance(started.id);
      EXPECT_EQ(end.state, wf::InstanceState::Completed) << d.key;
      EXPECT_FALSE(end.has_incident);
    }
  }
}

}  // namespace
}  // namespace hall::test
