// The processes of the catalogue on a real engine (SQLite in a temporary
// folder): every matter's process deploys and asks exactly its approving
// departments; a matter and a theme run from the portal's start variables
// through parallel approval, the e-licence job and the hand-over to the
// end, and the supplement and reject answers take their branches.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "portal/domain/catalogue_reader.h"
#include "support/engine_harness.h"
#include "support/fixtures.h"

namespace hall::domain {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using hall::test::EngineHarness;
using hall::test::json;

const fs::path kModels = fs::path(HALL_SOURCE_DIR) / "models";
constexpr const char* kFood = "00012310600001-310105000000-000-11310105MB2F1952X1-1-00";
constexpr const char* kInvoice = "00012330100001-310105000000-000-11310105MB2F2233A7-1-00";

// What the e-licence connector was asked to issue: caseCode/matterCode.
class IssuedLicences {
 public:
  wf::Result<wf::Value> issue(const wf::JobContext& ctx) {
    const wf::Value* case_code = ctx.variables.find("caseCode");
    const wf::Value* matter_code = ctx.variables.find("matterCode");
    if (case_code == nullptr || matter_code == nullptr) {
      return wf::Status::invalid("no caseCode or matterCode");
    }
    std::lock_guard lock(mu_);
    issued_.push_back(case_code->asString() + "/" + matter_code->asString());
    const std::string id = "L-" + std::to_string(issued_.size());
    ids_[matter_code->asString()] = id;
    return json(R"({"licence": {"id": ")" + id + R"("}})");
  }
  // elicense.link: the parent (the case's licence) and its children's ids.
  wf::Result<wf::Value> link(const wf::JobContext& ctx) {
    const wf::Value* parent = ctx.variables.find("licence");
    const wf::Value* children = ctx.variables.find("childLicenceIds");
    if (parent == nullptr || children == nullptr || !children->isArray()) {
      return wf::Status::invalid("no licence or childLicenceIds");
    }
    std::lock_guard lock(mu_);
    linked_parent_ = parent->find("id")->asString();
    linked_children_.clear();
    for (const wf::Value& c : children->asArray())
      linked_children_.push_back(c.find("id")->asString());
    return json("{}");
  }
  std::string idOf(const std::string& matter_code) {
    std::lock_guard lock(mu_);
    return ids_[matter_code];
  }
  std::string linkedParent() {
    std::lock_guard lock(mu_);
    return linked_parent_;
  }
  std::vector<std::string> linkedChildren() {
    std::lock_guard lock(mu_);
    return linked_children_;
  }
  std::vector<std::string> issued() {
    std::lock_guard lock(mu_);
    return issued_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> issued_;
  std::map<std::string, std::string> ids_;  // matter code → licence id
  std::string linked_parent_;
  std::vector<std::string> linked_children_;
};

class CatalogueProcess : public ::testing::Test {
 protected:
  void SetUp() override {
    wf::Result<Catalogue> read = readCatalogue(kModels / "catalogue");
    ASSERT_TRUE(read.ok()) << read.status().message();
    catalogue_ = std::move(read).value();
    deployFile(kModels / "calendar" / "cn-mainland.xml");
    for (const char* folder : {"matters", "themes"}) {
      for (const auto& e : fs::directory_iterator(kModels / "processes" / folder)) {
        if (e.path().extension() == ".bpmn") deployFile(e.path());
      }
    }
    h_.engine().registerJobHandler(
        "elicense.issue", [this](const wf::JobContext& ctx) { return licences_.issue(ctx); });
    h_.engine().registerJobHandler(
        "elicense.link", [this](const wf::JobContext& ctx) { return licences_.link(ctx); });
    // The report to 一网通办 and the notices run on branches of their own.
    for (const char* side : {"onenet.submit", "notify.supplement", "notify.issued"}) {
      h_.engine().registerJobHandler(side, [](const wf::JobContext&) { return json("{}"); });
    }
    h_.engine().startJobWorkers();
  }

  void deployFile(const fs::path& path) {
    auto r = h_.engine().deploy(path.filename().string(), hall::test::readFile(path.string()));
    ASSERT_TRUE(r.ok()) << path << ": " << r.status().toString() << " "
                        << r.status().details().toJson();
  }

  // Starts a process as the portal does, every situation question answered
  // with its first option unless `answers` says otherwise.
  wf::InstanceInfo start(const std::string& matter_or_theme,
                         std::map<std::string, std::string> answers = {}) {
    const auto questions = catalogue_.questions(matter_or_theme);
    EXPECT_TRUE(questions.ok());
    wf::Object situation;
    for (const SituationQuestion* q : *questions) {
      answers.emplace(q->id, q->options.front().id);
      situation[q->id] = wf::Value(answers.at(q->id));
    }
    const auto checklist = catalogue_.checklist(matter_or_theme, answers);
    EXPECT_TRUE(checklist.ok()) << checklist.status().message();
    wf::Array materials;
    for (const ChecklistItem& i : *checklist) materials.push_back(wf::Value(i.material.id));
    const Matter* m = catalogue_.matter(matter_or_theme);
    const Theme* t = catalogue_.theme(matter_or_theme);
    wf::Object vars{{"caseCode", wf::Value("CN20261130-0001")},
                    {"matterCode", wf::Value(std::string(matter_or_theme))},
                    {"applicantName", wf::Value("上海长宁小笼包餐饮有限公司")},
                    {"situation", wf::Value(std::move(situation))},
                    {"materials", wf::Value(std::move(materials))}};
    auto started = h_.engine().startInstance(m != nullptr ? m->process_key : t->process_key,
                                             wf::Value(std::move(vars)));
    if (!started.ok()) throw std::runtime_error(started.status().toString());
    return *started;
  }

  std::vector<wf::TaskInfo> openTasks(const std::string& instance_id) {
    wf::TaskQuery q;
    q.instance_id = instance_id;
    auto tasks = h_.engine().tasks(q);
    EXPECT_TRUE(tasks.ok());
    std::vector<wf::TaskInfo> open;
    for (const wf::TaskInfo& t : *tasks) {
      if (t.state == wf::TaskState::Created || t.state == wf::TaskState::Claimed) open.push_back(t);
    }
    return open;
  }

  // The departments whose approval tasks are open (from candidate groups
  // dept:<id>; each task's queue must be approve:<id>).
  std::set<std::string> approvingNow(const std::string& instance_id) {
    std::set<std::string> out;
    for (const wf::TaskInfo& t : openTasks(instance_id)) {
      EXPECT_EQ(t.candidate_groups.size(), 1u) << t.element_id;
      const std::string group = t.candidate_groups.front();
      if (group.rfind("dept:", 0) != 0) continue;
      const std::string dept = group.substr(5);
      EXPECT_EQ(t.queue, "approve:" + dept);
      EXPECT_GT(t.due_at, 0) << t.element_id;
      out.insert(dept);
    }
    return out;
  }

  // Completes every open department task, each from its own thread, with
  // `decision_of(dept)`.
  void decideAll(const std::string& instance_id,
                 const std::function<std::string(const std::string&)>& decision_of) {
    std::vector<std::thread> deciders;
    std::vector<wf::Status> results(openTasks(instance_id).size());
    size_t i = 0;
    for (const wf::TaskInfo& t : openTasks(instance_id)) {
      const std::string dept = t.candidate_groups.front().substr(5);
      const std::string vars =
          R"({"decision": ")" + decision_of(dept) + R"(", "reason": ")" + dept + R"( 意见"})";
      deciders.emplace_back([this, &results, i, id = t.id, vars] {
        results[i] = h_.engine().completeTask(id, json(vars));
      });
      ++i;
    }
    for (std::thread& t : deciders) t.join();
    for (const wf::Status& s : results) EXPECT_TRUE(s.isOk()) << s.toString();
  }

  static std::set<std::string> asSet(const std::vector<std::string>& v) {
    return {v.begin(), v.end()};
  }

  EngineHarness h_;
  Catalogue catalogue_;
  IssuedLicences licences_;
};

TEST_F(CatalogueProcess, EveryMatterProcessAsksExactlyItsApprovingDepartments) {
  for (const Matter& m : catalogue_.matters()) {
    SCOPED_TRACE(m.code);
    const wf::InstanceInfo i = start(m.code);
    EXPECT_EQ(approvingNow(i.id), asSet(m.approving_departments));
  }
}

TEST_F(CatalogueProcess, AnOptionThatRoutesAddsItsDepartmentToTheApproval) {
  const Matter* invoice = catalogue_.matter(kInvoice);
  ASSERT_NE(invoice, nullptr);
  const wf::InstanceInfo small = start(kInvoice, {{"limit", "hundred_thousand"}});
  EXPECT_EQ(approvingNow(small.id), asSet(invoice->approving_departments));
  const wf::InstanceInfo large = start(kInvoice, {{"limit", "million"}});
  std::set<std::string> more = asSet(invoice->approving_departments);
  more.insert("tax-inspection");
  EXPECT_EQ(approvingNow(large.id), more);
  // All three approve: one licence, then the hand-over.
  decideAll(large.id, [](const std::string&) { return "approve"; });
  h_.settle();
  EXPECT_EQ(h_.tasksAt(large.id, "hand_over").size(), 1u);
}

TEST_F(CatalogueProcess, AMatterApprovedByEveryDepartmentIsIssuedHandedOverAndEnds) {
  const wf::InstanceInfo i = start(kFood);
  EXPECT_EQ(approvingNow(i.id), (std::set<std::string>{"amr-food", "amr-station"}));
  decideAll(i.id, [](const std::string&) { return "approve"; });
  h_.settle();
  EXPECT_EQ(licences_.issued(), std::vector<std::string>{"CN20261130-0001/" + std::string(kFood)});
  const auto hand_over = h_.tasksAt(i.id, "hand_over");
  ASSERT_EQ(hand_over.size(), 1u);
  EXPECT_EQ(hand_over[0].queue, "issue");
  EXPECT_EQ(hand_over[0].candidate_groups, std::vector<std::string>{"clerk"});
  // Each department's answer is kept apart, though both set `decision`.
  const wf::InstanceInfo waiting = h_.instance(i.id);
  EXPECT_EQ(waiting.variables.find("review_amr_station")->find("reason")->asString(),
            "amr-station 意见");
  const wf::Value* licence = waiting.variables.find("licence");
  ASSERT_NE(licence, nullptr);
  EXPECT_EQ(licence->find("id")->asString(), "L-1");
  h_.completeTaskAt(i.id, "hand_over");
  const wf::InstanceInfo done = h_.instance(i.id);
  EXPECT_EQ(done.state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.reached(i.id, "issued"));
  EXPECT_FALSE(h_.reached(i.id, "rejected"));
}

TEST_F(CatalogueProcess, ASupplementGoesToTheClerkAndBackToEveryDepartment) {
  const wf::InstanceInfo i = start(kFood);
  decideAll(i.id,
            [](const std::string& d) { return d == "amr-station" ? "supplement" : "approve"; });
  h_.settle();
  EXPECT_TRUE(approvingNow(i.id).empty());
  const auto supplement = h_.tasksAt(i.id, "supplement");
  ASSERT_EQ(supplement.size(), 1u);
  EXPECT_EQ(supplement[0].candidate_groups, std::vector<std::string>{"clerk"});
  EXPECT_TRUE(licences_.issued().empty());
  h_.completeTaskAt(i.id, "supplement", R"({"materials": ["food-application", "floor-plan"]})");
  EXPECT_EQ(approvingNow(i.id), (std::set<std::string>{"amr-food", "amr-station"}));
  decideAll(i.id, [](const std::string&) { return "approve"; });
  h_.settle();
  EXPECT_EQ(licences_.issued().size(), 1u);
  h_.completeTaskAt(i.id, "hand_over");
  EXPECT_EQ(h_.instance(i.id).state, wf::InstanceState::Completed);
}

TEST_F(CatalogueProcess, OneRejectionEndsTheCaseRejectedEvenWithASupplementBeside) {
  const wf::InstanceInfo i = start(kFood);
  decideAll(i.id, [](const std::string& d) { return d == "amr-food" ? "reject" : "supplement"; });
  h_.settle();
  const wf::InstanceInfo done = h_.instance(i.id);
  EXPECT_EQ(done.state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.reached(i.id, "rejected"));
  EXPECT_FALSE(h_.reached(i.id, "supplement"));
  EXPECT_FALSE(h_.reached(i.id, "issue"));
  EXPECT_TRUE(licences_.issued().empty());
}

TEST_F(CatalogueProcess, AThemeApprovesOnceForAllItsMattersAndIssuesEachLicence) {
  const Theme* restaurant = catalogue_.theme("open-restaurant");
  ASSERT_NE(restaurant, nullptr);
  const wf::InstanceInfo i = start("open-restaurant");
  std::set<std::string> departments;
  for (const std::string& code : restaurant->matter_codes) {
    for (const std::string& d : catalogue_.matter(code)->approving_departments) {
      departments.insert(d);
    }
  }
  EXPECT_EQ(approvingNow(i.id), departments);
  EXPECT_EQ(departments.size(), 6u);
  decideAll(i.id, [](const std::string&) { return "approve"; });
  h_.settle();
  std::vector<std::string> expected;
  std::vector<std::string> children;
  for (const std::string& code : restaurant->matter_codes) {
    expected.push_back("CN20261130-0001/" + code);
    children.push_back(licences_.idOf(code));
  }
  // 一业一证: the theme's 行业综合许可证 besides, under the theme's code.
  expected.push_back("CN20261130-0001/open-restaurant");
  std::vector<std::string> issued = licences_.issued();
  std::sort(issued.begin(), issued.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(issued, expected);  // one per bundled matter, under the one case code
  // 子母证: the bundled licences, each once, are the industry licence's children.
  EXPECT_EQ(licences_.linkedParent(), licences_.idOf("open-restaurant"));
  std::vector<std::string> linked = licences_.linkedChildren();
  std::sort(linked.begin(), linked.end());
  std::sort(children.begin(), children.end());
  EXPECT_EQ(linked, children);
  h_.completeTaskAt(i.id, "hand_over");
  EXPECT_EQ(h_.instance(i.id).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.reached(i.id, "issued"));
}

TEST_F(CatalogueProcess, AThemeSharingADepartmentAsksItOnce) {
  // 个体工商户设立 and 食品经营许可 both need the market station's check.
  const wf::InstanceInfo i = start("open-convenience-store");
  EXPECT_EQ(approvingNow(i.id), (std::set<std::string>{"amr-registration", "amr-station",
                                                       "amr-food", "greening", "urban-mgmt"}));
  EXPECT_EQ(openTasks(i.id).size(), 5u);
}

TEST_F(CatalogueProcess, AThemeSupplementLoopsAndARejectionEndsIt) {
  const wf::InstanceInfo i = start("open-restaurant");
  decideAll(i.id, [](const std::string& d) { return d == "greening" ? "supplement" : "approve"; });
  h_.settle();
  h_.completeTaskAt(i.id, "supplement");
  EXPECT_EQ(approvingNow(i.id).size(), 6u);
  decideAll(i.id,
            [](const std::string& d) { return d == "fire-inspection" ? "reject" : "approve"; });
  h_.settle();
  EXPECT_EQ(h_.instance(i.id).state, wf::InstanceState::Completed);
  EXPECT_TRUE(h_.reached(i.id, "rejected"));
  EXPECT_TRUE(licences_.issued().empty());
}

}  // namespace
}  // namespace hall::domain
