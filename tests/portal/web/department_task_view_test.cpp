// The department task view over a real engine: its JSON is byte for byte
// what the list built from a wf::Value tree was; it serves a list from
// memory while the engine has not changed, and a read that starts after a
// change returned — a claim, a completion, a new case — sees the change,
// also while other threads keep reading.
#include "portal/web/department_task_view.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "portal/web/api_client.h"
#include "portal/web/record_json.h"
#include "support/fake_clock.h"
#include "support/temp_dir.h"

namespace portal::web {
namespace {

constexpr const char* kModel = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:hall="urn:hall:bpmn:1" id="d" targetNamespace="urn:test">
  <bpmn:process id="soon" isExecutable="true">
    <bpmn:startEvent id="s1"/>
    <bpmn:userTask id="approve" name="甲部门审批 &quot;急&quot;\" hall:candidateGroups="dept:a,dept:c" hall:dueIn="PT1H"/>
    <bpmn:endEvent id="e1"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s1" targetRef="approve"/>
    <bpmn:sequenceFlow id="f2" sourceRef="approve" targetRef="e1"/>
  </bpmn:process>
  <bpmn:process id="late" isExecutable="true">
    <bpmn:startEvent id="s2"/>
    <bpmn:userTask id="review" name="甲部门复核" hall:candidateGroups="dept:a" hall:dueIn="P3D"/>
    <bpmn:endEvent id="e2"/>
    <bpmn:sequenceFlow id="g1" sourceRef="s2" targetRef="review"/>
    <bpmn:sequenceFlow id="g2" sourceRef="review" targetRef="e2"/>
  </bpmn:process>
  <bpmn:process id="undated" isExecutable="true">
    <bpmn:startEvent id="s3"/>
    <bpmn:userTask id="file" name="归档" hall:candidateGroups="dept:a"/>
    <bpmn:endEvent id="e3"/>
    <bpmn:sequenceFlow id="h1" sourceRef="s3" targetRef="file"/>
    <bpmn:sequenceFlow id="h2" sourceRef="file" targetRef="e3"/>
  </bpmn:process>
</bpmn:definitions>)";

class DepartmentTaskViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = testing::openEngineWith(dir_, "view.bpmn", kModel, clock_);
    ASSERT_TRUE(engine.ok()) << engine.status().toString();
    engine_ = std::move(engine).value();
  }

  std::string start(const std::string& key) {
    auto started = engine_->startInstance(key, wf::Value(wf::Object{}));
    EXPECT_TRUE(started.ok()) << started.status().toString();
    clock_->advance(std::chrono::seconds(1));
    return started.ok() ? started->id : "";
  }

  std::vector<wf::TaskInfo> queried(const std::string& group) {
    wf::TaskQuery query;
    query.candidate_group = group;
    query.limit = 500;
    return engine_->tasks(query).value();
  }

  // The list as DepartmentRoutes built it before the view: a wf::Value tree
  // of each task's toJson with "overdue" and "mine", sorted soonest due first.
  std::string asTheTreeGaveIt(const std::string& group, const std::string& reader, int64_t now) {
    std::vector<wf::TaskInfo> open = queried(group);
    std::stable_sort(open.begin(), open.end(), [](const wf::TaskInfo& a, const wf::TaskInfo& b) {
      if ((a.due_at == 0) != (b.due_at == 0)) return a.due_at != 0;
      if (a.due_at != b.due_at) return a.due_at < b.due_at;
      return a.created_at < b.created_at;
    });
    wf::Array out;
    for (const wf::TaskInfo& task : open) {
      wf::Object object = toJson(task).asObject();
      object["overdue"] = wf::Value(task.due_at != 0 && task.due_at < now);
      object["mine"] = wf::Value(!task.assignee.empty() && task.assignee == reader);
      out.emplace_back(std::move(object));
    }
    return wf::Value(std::move(out)).toJson();
  }

  std::string rendered(DepartmentTaskView& view, const std::string& group,
                       const std::string& reader, int64_t now) {
    auto list = view.tasksOf(group);
    EXPECT_TRUE(list.ok()) << list.status().toString();
    return list.ok() ? DepartmentTaskView::render(**list, reader, now) : "";
  }

  static bool listed(const DepartmentTaskView::List& list, const std::string& task_id) {
    return std::any_of(list.entries.begin(), list.entries.end(),
                       [&](const DepartmentTaskView::Entry& e) { return e.task.id == task_id; });
  }

  hall::test::TempDir dir_;
  std::shared_ptr<hall::test::FakeClock> clock_ = std::make_shared<hall::test::FakeClock>();
  std::unique_ptr<wf::Engine> engine_;
};

TEST_F(DepartmentTaskViewTest, RendersByteForByteWhatTheValueTreeGave) {
  start("late");
  start("undated");
  const std::string soon = start("soon");
  start("undated");
  start("soon");
  const wf::TaskInfo first_soon = engine_
                                      ->tasks([&] {
                                        wf::TaskQuery q;
                                        q.instance_id = soon;
                                        return q;
                                      }())
                                      ->at(0);
  ASSERT_TRUE(engine_->claimTask(first_soon.id, "ann").isOk());
  DepartmentTaskView view(*engine_, 500);
  const int64_t today =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_->now().time_since_epoch())
          .count();
  // Before, between and after the due dates; as the assignee and as another.
  for (const int64_t now : {today, first_soon.due_at + 1, today + 4 * 86'400'000}) {
    for (const std::string reader : {"ann", "bob", ""}) {
      EXPECT_EQ(rendered(view, "dept:a", reader, now), asTheTreeGaveIt("dept:a", reader, now))
          << reader << " at " << now;
    }
  }
  EXPECT_EQ(rendered(view, "dept:c", "ann", 0), asTheTreeGaveIt("dept:c", "ann", 0));
  EXPECT_EQ(rendered(view, "dept:none", "ann", 0), "[]");
  // The shape: soonest due first, the undated ones last.
  const wf::Value parsed =
      *wf::Value::parseJson(rendered(view, "dept:a", "ann", first_soon.due_at + 1));
  ASSERT_EQ(parsed.asArray().size(), 5u);
  EXPECT_EQ(parsed.asArray()[0].find("id")->asString(), first_soon.id);
  EXPECT_TRUE(parsed.asArray()[0].find("mine")->asBool());
  EXPECT_TRUE(parsed.asArray()[0].find("overdue")->asBool());
  EXPECT_TRUE(parsed.asArray()[4].find("due")->isNull());
}

TEST_F(DepartmentTaskViewTest, ServesFromMemoryUntilTheEngineChanges) {
  start("late");
  DepartmentTaskView view(*engine_, 500);
  ASSERT_TRUE(view.tasksOf("dept:a").ok());
  ASSERT_TRUE(view.tasksOf("dept:a").ok());
  ASSERT_TRUE(view.tasksOf("dept:a").ok());
  EXPECT_EQ(view.refreshes(), 1u);
  ASSERT_TRUE(view.tasksOf("dept:c").ok());
  EXPECT_EQ(view.refreshes(), 2u);
  start("late");
  auto list = view.tasksOf("dept:a");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ((*list)->entries.size(), 2u);
  EXPECT_EQ(view.refreshes(), 3u);
}

TEST_F(DepartmentTaskViewTest, AReadAfterEachChangeSeesIt) {
  start("soon");
  DepartmentTaskView view(*engine_, 500);
  const wf::TaskInfo task = queried("dept:a").at(0);
  ASSERT_EQ(view.tasksOf("dept:a").value()->entries.at(0).task.assignee, "");

  ASSERT_TRUE(engine_->claimTask(task.id, "ann").isOk());
  EXPECT_EQ(view.tasksOf("dept:a").value()->entries.at(0).task.assignee, "ann");
  EXPECT_EQ(view.tasksOf("dept:c").value()->entries.at(0).task.assignee, "ann");

  ASSERT_TRUE(engine_->unclaimTask(task.id).isOk());
  EXPECT_EQ(view.tasksOf("dept:a").value()->entries.at(0).task.assignee, "");

  const std::string second = start("late");
  EXPECT_EQ(view.tasksOf("dept:a").value()->entries.size(), 2u);

  ASSERT_TRUE(engine_->completeTask(task.id, wf::Value(wf::Object{})).isOk());
  EXPECT_FALSE(listed(*view.tasksOf("dept:a").value(), task.id));
  EXPECT_TRUE(view.tasksOf("dept:c").value()->entries.empty());

  ASSERT_TRUE(engine_->cancelInstance(second, "withdrawn").isOk());
  EXPECT_TRUE(view.tasksOf("dept:a").value()->entries.empty());
}

TEST_F(DepartmentTaskViewTest, ReadersRacingChangesNeverSeeACompletedTask) {
  for (int i = 0; i < 40; ++i) start(i % 2 == 0 ? "late" : "soon");
  std::vector<wf::TaskInfo> tasks = queried("dept:a");
  ASSERT_EQ(tasks.size(), 40u);
  DepartmentTaskView view(*engine_, 500);
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!done) {
        if (!view.tasksOf("dept:a").ok()) ++failures;
      }
    });
  }
  int stale = 0;
  int claimed_unseen = 0;
  for (const wf::TaskInfo& task : tasks) {
    ASSERT_TRUE(engine_->claimTask(task.id, "ann").isOk());
    {
      auto list = view.tasksOf("dept:a");
      ASSERT_TRUE(list.ok());
      const auto& entries = (*list)->entries;
      const auto it = std::find_if(entries.begin(), entries.end(),
                                   [&](const auto& e) { return e.task.id == task.id; });
      if (it == entries.end() || it->task.assignee != "ann") ++claimed_unseen;
    }
    ASSERT_TRUE(engine_->completeTask(task.id, wf::Value(wf::Object{})).isOk());
    if (listed(*view.tasksOf("dept:a").value(), task.id)) ++stale;
  }
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(stale, 0);
  EXPECT_EQ(claimed_unseen, 0);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_TRUE(view.tasksOf("dept:a").value()->entries.empty());
}

}  // namespace
}  // namespace portal::web
