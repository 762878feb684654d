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
    for (const wf::DeployedDefinition& d : deployed->definitions) {
      auto started =
          h.engine().startInstance(d.key, json(R"({"integerVariable": 0, "test": "a"})"));
      ASSERT_TRUE(started.ok()) << started.status().toString();
      // Work through user tasks and jobs, if the model has any (bounded).
      for (int round = 0; round < 50 && h.instance(started->id).state == wf::InstanceState::Active;
           ++round) {
        wf::TaskQuery q;
        q.instance_id = started->id;
        const auto tasks = h.engine().tasks(q);
        ASSERT_TRUE(tasks.ok());
        for (const wf::TaskInfo& t : *tasks) {
          ASSERT_TRUE(h.engine().completeTask(t.id, json("{}")).isOk());
        }
        const auto jobs = h.engine().jobs(wf::JobState::Pending);
        ASSERT_TRUE(jobs.ok());
        for (const wf::JobInfo& j : *jobs) {
          // Timers fire at once here; a job another timer cancelled meanwhile
          // (its activity was interrupted) is a conflict.
          const wf::Status st = h.engine().completeJob(j.id, json("{}"));
          ASSERT_TRUE(st.isOk() || st.code() == wf::StatusCode::Conflict) << st.toString();
        }
      }
      const wf::InstanceInfo end = h.instance(started->id);
      EXPECT_EQ(end.state, wf::InstanceState::Completed) << d.key;
      EXPECT_FALSE(end.has_incident) << d.key;
      EXPECT_TRUE(h.engine().verifyHistory(started->id).isOk());
      std::cout << "[betsy run] " << path.parent_path().filename().string() << "/"
                << path.filename().string() << ": completed\n";
    }
  }
  std::cout << "[betsy run] valid models: " << accepted << " accepted and run to their end, "
            << refused << " refused at deployment\n";
  EXPECT_EQ(accepted + refused, static_cast<int>(models.size()));
  EXPECT_GE(accepted, 7);
}

}  // namespace
}  // namespace hall::test
