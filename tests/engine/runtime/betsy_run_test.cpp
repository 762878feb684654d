// Runs the betsy models that the engine accepts (../shared/conformance/betsy/
// valid) to their end. A model the engine accepts must run correctly; one it
// cannot run must have been refused at deployment. Script bodies in betsy
// are markers (CREATE_LOG_FILE, SCRIPT_task1) that the suite replaces per
// engine; this test replaces them with FEEL the same way.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <regex>

#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::test {
namespace {

namespace fs = std::filesystem;

// The per-engine replacements of betsy's script markers.
std::string adapt(std::string xml) {
  // INCREMENT_INTEGER_VARIABLE: the task adds one to integerVariable.
  const std::string increment = "INCREMENT_INTEGER_VARIABLE";
  for (size_t at = xml.find(increment); at != std::string::npos; at = xml.find(increment)) {
    const size_t tag = xml.rfind("scriptTask", at);
    const size_t insert = tag + std::string("scriptTask").size();
    const std::string attr =
        R"( xmlns:hall="urn:hall:bpmn:1" hall:resultVariable="integerVariable")";
    xml.insert(insert, attr);
    at += attr.size();
    xml.replace(at, increment.size(), "=integerVariable + 1");
  }
  // Log-writing markers have no effect on the flow: a string literal.
  static const std::regex kLog(R"(>\s*(CREATE_LOG_FILE|SCRIPT_[A-Za-z0-9_]+)\s*<)");
  return std::regex_replace(xml, kLog, R"(>="$1"<)");
}

TEST(BetsyRun, EveryAcceptedValidModelRunsToItsEnd) {
  const std::string dir = conformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance is absent: betsy models not run";
  std::vector<fs::path> models;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(dir) / "betsy" / "valid")) {
    if (e.is_regular_file() && e.path().extension() == ".bpmn") models.push_back(e.path());
  }
  std::sort(models.begin(), models.end());
  int accepted = 0, refused = 0;
  for (const fs::path& path : models) {
    SCOPED_TRACE(path.string());
    EngineHarness h;
    auto deployed = h.engine().deploy(path.filename().string(), adapt(readFile(path.string())));
    if (!deployed.ok()) {
      ++refused;
      const wf::Value* diags = deployed.status().details().find("diagnostics");
      ASSERT_NE(diags, nullptr) << "refused without diagnostics";
      ASSERT_FALSE(diags->asArray().empty());
      continue;
    }
    ++accepted;
    // The engine's own jobs (calls, signals) run on the workers; timers and
    // service tasks are completed below.
    h.engine().startJobWorkers();
    // Processes that wait for another's signal start first (betsy starts
    // its participants together): the later ones throw to the earlier.
    std::vector<std::pair<std::string, std::string>> started;  // key, instance
    const auto& defs = deployed->definitions;
    for (auto d = defs.rbegin(); d != defs.rend(); ++d) {
      auto one = h.engine().startInstance(d->key, json(R"({"integerVariable": 0, "test": "a"})"));
      if (!one.ok() && one.status().message().find("no none start event") != std::string::npos) {
        continue;  // started by its message or signal, from the other process
      }
      ASSERT_TRUE(one.ok()) << one.status().toString();
      started.emplace_back(d->key, one->id);
    }
    const auto anyActive = [&] {
      return std::any_of(started.begin(), started.end(), [&](const auto& s) {
        return h.instance(s.second).state == wf::InstanceState::Active;
      });
    };
    // Work through user tasks and jobs, if the models have any (bounded).
    for (int round = 0; round < 50 && anyActive(); ++round) {
      for (const auto& [key, id] : started) {
        wf::TaskQuery q;
        q.instance_id = id;
        const auto tasks = h.engine().tasks(q);
        ASSERT_TRUE(tasks.ok());
        for (const wf::TaskInfo& t : *tasks) {
          ASSERT_TRUE(h.engine().completeTask(t.id, json("{}")).isOk());
        }
      }
      const auto jobs = h.engine().jobs(wf::JobState::Pending);
      ASSERT_TRUE(jobs.ok());
      for (const wf::JobInfo& j : *jobs) {
        if (j.type.starts_with("wf.") && j.type != "wf.timer") continue;
        // Timers fire at once here; a job another timer cancelled meanwhile
        // (its activity was interrupted) is a conflict.
        const wf::Status st = h.engine().completeJob(j.id, json("{}"));
        ASSERT_TRUE(st.isOk() || st.code() == wf::StatusCode::Conflict) << st.toString();
      }
      ASSERT_TRUE(h.engine().waitForJobsIdle(std::chrono::seconds(10)));
    }
    for (const auto& [key, id] : started) {
      const wf::InstanceInfo end = h.instance(id);
      EXPECT_EQ(end.state, wf::InstanceState::Completed) << key;
      EXPECT_FALSE(end.has_incident) << key;
      EXPECT_TRUE(h.engine().verifyHistory(id).isOk());
    }
    std::cout << "[betsy run] " << path.parent_path().filename().string() << "/"
              << path.filename().string() << ": completed\n";
  }
  std::cout << "[betsy run] valid models: " << accepted << " accepted and run to their end, "
            << refused << " refused at deployment\n";
  EXPECT_EQ(accepted + refused, static_cast<int>(models.size()));
  EXPECT_GE(accepted, 7);
}

}  // namespace
}  // namespace hall::test
