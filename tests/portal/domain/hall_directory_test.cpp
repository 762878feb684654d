// The administered hall: windows, departments and queues are created,
// changed and retired with every rule checked, each change is a new stored
// version (a stale one is refused), nothing changes on error, imports are
// checked at file:line:col, and every change reaches the audit port. On a
// real SQLite file in a temporary folder.
#include "portal/domain/hall_directory.h"

#include <gtest/gtest.h>

#include "portal/domain/hall_layout_reader.h"
#include "portal/domain/hall_layout_writer.h"
#include "portal/store/soci_hall_directory_store.h"
#include "support/fixtures.h"
#include "support/temp_dir.h"

namespace hall::domain {
namespace {

struct AuditEntry {
  std::string who, action, target, details;
};

std::shared_ptr<const HallLayout> changning() {
  const std::string path = std::string(HALL_SOURCE_DIR) + "/models/hall/changning.xml";
  const ReadHallLayoutResult r = readHallLayout(path, hall::test::readFile(path));
  return r.layout;
}

class HallDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(initial_, nullptr);
    reopen();
  }

  void reopen() {
    directory_.reset();
    store_.reset();
    auto store = hall::store::SociHallDirectoryStore::open("sqlite:" + dir_.file("hall.db"));
    ASSERT_TRUE(store.ok()) << store.status().toString();
    store_ = std::move(store).value();
    auto opened = HallDirectory::open(*store_, *initial_,
                                      [this](auto&&... a) { audit_.push_back(AuditEntry{a...}); });
    ASSERT_TRUE(opened.ok()) << opened.status().toString();
    directory_ = std::move(opened).value();
  }

  int64_t version() const { return directory_->current().version; }
  const HallLayout& hall() const { return *directory_->current().layout; }

  static std::string fieldOf(const wf::Status& s) {
    const wf::Value* f = s.details().find("field");
    return f && f->isString() ? f->asString() : "<none>";
  }

  Window newWindow() const {
    Window w;
    w.id = "W66";
    w.number = 66;
    w.zone = "z1";
    w.department = "swj";
    w.queues = {"tax", "commerce"};
    return w;
  }

  std::shared_ptr<const HallLayout> initial_ = changning();
  hall::test::TempDir dir_;
  std::unique_ptr<hall::store::SociHallDirectoryStore> store_;
  std::unique_ptr<HallDirectory> directory_;
  std::vector<AuditEntry> audit_;
};

TEST_F(HallDirectoryTest, StartsFromTheModelAsVersionOneAndKeepsChangesAcrossRestarts) {
  EXPECT_EQ(version(), 1);
  EXPECT_EQ(hall().windows.size(), 65u);
  ASSERT_EQ(audit_.size(), 1u);
  EXPECT_EQ(audit_[0].action, "import");

  auto created = directory_->createWindow(newWindow(), 1, "张经理");
  ASSERT_TRUE(created.ok()) << created.status().toString();
  EXPECT_EQ(created->version, 2);
  ASSERT_EQ(audit_.size(), 2u);
  EXPECT_EQ(audit_[1].who, "张经理");
  EXPECT_EQ(audit_[1].action, "window.create");
  EXPECT_EQ(audit_[1].target, "W66");
  EXPECT_EQ(audit_[1].details, "version 2");

  reopen();  // the model file is not imported again
  EXPECT_EQ(version(), 2);
  ASSERT_NE(hall().window("W66"), nullptr);
  EXPECT_EQ(hall().window("W66")->queues, (std::vector<std::string>{"tax", "commerce"}));
  EXPECT_EQ(audit_.size(), 2u);
}

TEST_F(HallDirectoryTest, AChangedModelFileIsTakenUntilSomeoneChangesTheHallHere) {
  auto renamed = std::make_shared<HallLayout>(*initial_);
  renamed->name = "长宁区行政服务中心（新）";
  initial_ = renamed;
  reopen();
  EXPECT_EQ(version(), 2);
  EXPECT_EQ(hall().name, "长宁区行政服务中心（新）");
  reopen();  // the same file again: nothing new
  EXPECT_EQ(version(), 2);

  ASSERT_TRUE(directory_->retireWindow("W40", 2, "张经理").ok());
  auto again = std::make_shared<HallLayout>(*initial_);
  again->name = "别的名字";
  initial_ = again;
  reopen();
  EXPECT_EQ(version(), 3);
  EXPECT_EQ(hall().name, "长宁区行政服务中心（新）");
  EXPECT_TRUE(hall().window("W40")->retired);
}

TEST_F(HallDirectoryTest, AStaleVersionIsAConflictAndChangesNothing) {
  ASSERT_TRUE(directory_->createWindow(newWindow(), 1, "a").ok());
  Window other = newWindow();
  other.id = "W67";
  other.number = 67;
  const auto stale = directory_->createWindow(other, 1, "b");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(fieldOf(stale.status()), "version");
  EXPECT_EQ(hall().window("W67"), nullptr);
  EXPECT_EQ(version(), 2);
}

TEST_F(HallDirectoryTest, AChangeStoredElsewhereFirstIsAConflictAndIsThenSeen) {
  // A second node on the same database stores version 2 behind our back.
  auto other_store = hall::store::SociHallDirectoryStore::open("sqlite:" + dir_.file("hall.db"));
  ASSERT_TRUE(other_store.ok());
  auto other = HallDirectory::open(**other_store, *initial_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->retireWindow("W40", 1, "other").ok());

  const auto mine = directory_->retireWindow("W39", 1, "me");
  ASSERT_FALSE(mine.ok());
  EXPECT_EQ(mine.status().code(), wf::StatusCode::Conflict);
  EXPECT_EQ(version(), 2);  // reloaded
  EXPECT_TRUE(hall().window("W40")->retired);
  EXPECT_FALSE(hall().window("W39")->retired);
  EXPECT_TRUE(directory_->retireWindow("W39", 2, "me").ok());
}

TEST_F(HallDirectoryTest, BadChangesNameTheFieldAndChangeNothing) {
  struct Case {
    const char* what;
    std::function<wf::Status(HallDirectory&)> change;
    wf::StatusCode code;
    const char* field;
  };
  const auto windowWith = [this](auto edit) {
    Window w = newWindow();
    edit(w);
    return w;
  };
  const auto status = [](const auto& result) { return result.status(); };
  const std::vector<Case> cases = {
      {"duplicate id",
       [&](HallDirectory& d) {
         return status(d.createWindow(windowWith([](Window& w) { w.id = "W01"; }), 1, "t"));
       },
       wf::StatusCode::Conflict, "id"},
      {"duplicate number",
       [&](HallDirectory& d) {
         return status(d.createWindow(windowWith([](Window& w) { w.number = 1; }), 1, "t"));
       },
       wf::StatusCode::Conflict, "number"},
      {"bad id",
       [&](HallDirectory& d) {
         return status(d.createWindow(windowWith([](Window& w) { w.id = "W 66"; }), 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "id"},
      {"unknown zone",
       [&](HallDirectory& d) {
         return status(d.createWindow(windowWith([](Window& w) { w.zone = "z9"; }), 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "zone"},
      {"unknown department",
       [&](HallDirectory& d) {
         return status(
             d.createWindow(windowWith([](Window& w) { w.department = "nobody"; }), 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "department"},
      {"unknown queue",
       [&](HallDirectory& d) {
         return status(
             d.createWindow(windowWith([](Window& w) { w.queues = {"passports"}; }), 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "queues"},
      {"no queue",
       [&](HallDirectory& d) {
         return status(d.createWindow(windowWith([](Window& w) { w.queues = {}; }), 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "queues"},
      {"queue twice",
       [&](HallDirectory& d) {
         return status(d.setWindowQueues("W01", {"tax", "tax"}, 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "queues"},
      {"matter twice",
       [&](HallDirectory& d) {
         return status(d.setWindowMatters("W01", {"m", "m"}, 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "matters"},
      {"unknown window", [&](HallDirectory& d) { return status(d.retireWindow("W99", 1, "t")); },
       wf::StatusCode::NotFound, "<none>"},
      {"queue served by windows in service",
       [&](HallDirectory& d) { return status(d.retireQueue("tax", 1, "t")); },
       wf::StatusCode::Conflict, "retired"},
      {"department with windows in service",
       [&](HallDirectory& d) { return status(d.retireDepartment("swj", 1, "t")); },
       wf::StatusCode::Conflict, "retired"},
      {"duplicate prefix",
       [&](HallDirectory& d) {
         Queue q = *hall().queue("tax");
         q.id = "tax2";
         return status(d.createQueue(q, 1, "t"));
       },
       wf::StatusCode::Conflict, "prefix"},
      {"closes before it opens",
       [&](HallDirectory& d) {
         Queue q = *hall().queue("tax");
         q.closes_minute = q.opens_minute;
         return status(d.changeQueue(q, 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "closes"},
      {"bad credit code",
       [&](HallDirectory& d) {
         return status(d.createDepartment({.id = "x", .name = "局", .code = "12345"}, 1, "t"));
       },
       wf::StatusCode::InvalidArgument, "code"},
      {"duplicate credit code",
       [&](HallDirectory& d) {
         return status(d.createDepartment(
             {.id = "x", .name = "局", .code = hall().department("swj")->code}, 1, "t"));
       },
       wf::StatusCode::Conflict, "code"},
      {"no name", [&](HallDirectory& d) { return status(d.createDepartment({.id = "x"}, 1, "t")); },
       wf::StatusCode::InvalidArgument, "name"},
  };
  const std::string before = writeHallLayout(hall());
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const wf::Status s = c.change(*directory_);
    EXPECT_EQ(s.code(), c.code) << s.toString();
    EXPECT_EQ(fieldOf(s), c.field) << s.toString();
  }
  EXPECT_EQ(version(), 1);
  EXPECT_EQ(writeHallLayout(hall()), before);
  EXPECT_EQ(audit_.size(), 1u);
}

TEST_F(HallDirectoryTest, ARetiredQueueOrDepartmentCannotBeTakenUpByAWindowInService) {
  int64_t v = version();
  // Take tax off every window that serves it, then tax can retire.
  for (const Window& w : initial_->windows) {
    std::vector<std::string> queues = w.queues;
    std::erase(queues, "tax");
    if (queues == w.queues) continue;
    if (queues.empty()) queues = {"commerce"};
    auto r = directory_->setWindowQueues(w.id, queues, v, "t");
    ASSERT_TRUE(r.ok()) << r.status().toString();
    v = r->version;
  }
  auto retired = directory_->retireQueue("tax", v, "t");
  ASSERT_TRUE(retired.ok()) << retired.status().toString();
  v = retired->version;
  EXPECT_TRUE(hall().queue("tax")->retired);
  EXPECT_EQ(directory_->retireQueue("tax", v, "t").status().code(), wf::StatusCode::Conflict);

  const auto serve = directory_->setWindowQueues("W11", {"tax"}, v, "t");
  EXPECT_EQ(serve.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_EQ(fieldOf(serve.status()), "queues");

  // A retired window may keep naming it.
  auto off = directory_->retireWindow("W01", v, "t");
  ASSERT_TRUE(off.ok());
  v = off->version;
  EXPECT_TRUE(directory_->setWindowQueues("W01", {"tax"}, v, "t").ok());
  ++v;

  // Nobody at the 卫健委's windows: it can retire, and no window in service may join it.
  ASSERT_TRUE(directory_->retireDepartment("wjw", v, "t").ok());
  ++v;
  Window w = *hall().window("W02");
  w.department = "wjw";
  const auto join = directory_->changeWindow(w, v, "t");
  EXPECT_EQ(join.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_EQ(fieldOf(join.status()), "department");

  // What the front desk is built from has none of them.
  const HallLayout active = activeLayout(hall());
  EXPECT_EQ(active.queue("tax"), nullptr);
  EXPECT_EQ(active.window("W01"), nullptr);
  EXPECT_EQ(active.department("wjw"), nullptr);
  for (const Device& d : active.devices) EXPECT_NE(d.window, "W01");
}

TEST_F(HallDirectoryTest, ImportReplacesTheHallOrNamesTheFirstErrorAndChangesNothing) {
  const std::string before = writeHallLayout(hall());
  const std::string broken =
      "<hall xmlns=\"urn:hall:layout:1\" id=\"h\" name=\"小厅\">\n"
      "  <zone id=\"z1\" name=\"一楼\"/>\n"
      "  <queue id=\"q\" name=\"队列\" prefix=\"A\"/>\n"
      "  <window id=\"W1\" number=\"1\" zone=\"z1\"><serves queue=\"nope\"/></window>\n"
      "</hall>\n";
  const auto refused = directory_->importXml("upload.xml", broken, std::nullopt, "t");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(refused.status().message().find("upload.xml:4:"), std::string::npos)
      << refused.status().message();
  EXPECT_NE(refused.status().message().find("unknown queue 'nope'"), std::string::npos);
  const wf::Value* diagnostics = refused.status().details().find("diagnostics");
  ASSERT_NE(diagnostics, nullptr);
  EXPECT_EQ(diagnostics->asArray().size(), 1u);
  EXPECT_EQ(
      directory_->importXml("upload.xml", "<hall><oops></hall>", std::nullopt, "t").status().code(),
      wf::StatusCode::InvalidArgument);
  EXPECT_EQ(version(), 1);
  EXPECT_EQ(writeHallLayout(hall()), before);

  std::string fixed = broken;
  fixed.replace(fixed.find("nope"), 4, "q");
  EXPECT_EQ(directory_->importXml("upload.xml", fixed, 7, "t").status().code(),
            wf::StatusCode::Conflict);
  const auto imported = directory_->importXml("upload.xml", fixed, 1, "t");
  ASSERT_TRUE(imported.ok()) << imported.status().toString();
  EXPECT_EQ(imported->version, 2);
  EXPECT_EQ(hall().windows.size(), 1u);
  EXPECT_EQ(audit_.back().action, "import");
  // The export is the hall model of the import.
  const ReadHallLayoutResult exported = readHallLayout("export.xml", directory_->exportXml().xml);
  ASSERT_NE(exported.layout, nullptr);
  EXPECT_EQ(exported.layout->name, "小厅");
}

}  // namespace
}  // namespace hall::domain
