// The hall model writer: what it writes reads back to the same hall — the
// real Changning model, and the corners (days, escaping, retired things,
// matters, an empty department code).
#include "portal/domain/hall_layout_writer.h"

#include <gtest/gtest.h>

#include "portal/domain/hall_layout_reader.h"
#include "support/fixtures.h"

namespace hall::domain {
namespace {

// Every member but the source locations.
void expectSameHall(const HallLayout& a, const HallLayout& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.rules.no_show_limit, b.rules.no_show_limit);
  EXPECT_EQ(a.rules.no_show_requeues_once, b.rules.no_show_requeues_once);
  EXPECT_EQ(a.rules.appointment_early_minutes, b.rules.appointment_early_minutes);
  EXPECT_EQ(a.rules.appointment_late_minutes, b.rules.appointment_late_minutes);
  ASSERT_EQ(a.zones.size(), b.zones.size());
  for (size_t i = 0; i < a.zones.size(); ++i) {
    SCOPED_TRACE(a.zones[i].id);
    EXPECT_EQ(a.zones[i].id, b.zones[i].id);
    EXPECT_EQ(a.zones[i].name, b.zones[i].name);
    EXPECT_EQ(a.zones[i].floor, b.zones[i].floor);
    EXPECT_EQ(a.zones[i].voice, b.zones[i].voice);
  }
  ASSERT_EQ(a.departments.size(), b.departments.size());
  for (size_t i = 0; i < a.departments.size(); ++i) {
    const Department &x = a.departments[i], &y = b.departments[i];
    SCOPED_TRACE(x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.code, y.code);
    EXPECT_EQ(x.illustrative, y.illustrative);
    EXPECT_EQ(x.retired, y.retired);
  }
  ASSERT_EQ(a.queues.size(), b.queues.size());
  for (size_t i = 0; i < a.queues.size(); ++i) {
    const Queue &x = a.queues[i], &y = b.queues[i];
    SCOPED_TRACE(x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.prefix, y.prefix);
    EXPECT_EQ(x.opens_minute, y.opens_minute);
    EXPECT_EQ(x.closes_minute, y.closes_minute);
    EXPECT_EQ(x.days, y.days);
    EXPECT_EQ(x.retired, y.retired);
  }
  ASSERT_EQ(a.windows.size(), b.windows.size());
  for (size_t i = 0; i < a.windows.size(); ++i) {
    const Window &x = a.windows[i], &y = b.windows[i];
    SCOPED_TRACE(x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.number, y.number);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.zone, y.zone);
    EXPECT_EQ(x.department, y.department);
    EXPECT_EQ(x.position.floor, y.position.floor);
    EXPECT_EQ(x.position.x, y.position.x);
    EXPECT_EQ(x.position.y, y.position.y);
    EXPECT_EQ(x.queues, y.queues);
    EXPECT_EQ(x.matters, y.matters);
    EXPECT_EQ(x.retired, y.retired);
  }
  ASSERT_EQ(a.devices.size(), b.devices.size());
  for (size_t i = 0; i < a.devices.size(); ++i) {
    const Device &x = a.devices[i], &y = b.devices[i];
    SCOPED_TRACE(x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.zone, y.zone);
    EXPECT_EQ(x.window, y.window);
    EXPECT_EQ(x.position.floor, y.position.floor);
    EXPECT_EQ(x.position.x, y.position.x);
    EXPECT_EQ(x.position.y, y.position.y);
  }
}

std::shared_ptr<const HallLayout> readBack(const std::string& xml) {
  const ReadHallLayoutResult r = readHallLayout("written.xml", xml);
  for (const wf::Diagnostic& d : r.diagnostics) ADD_FAILURE() << d.toString() << "\n" << xml;
  return r.layout;
}

TEST(HallLayoutWriter, TheChangningHallReadsBackEqual) {
  const std::string path = std::string(HALL_SOURCE_DIR) + "/models/hall/changning.xml";
  const ReadHallLayoutResult original = readHallLayout(path, hall::test::readFile(path));
  ASSERT_NE(original.layout, nullptr);
  const std::string written = writeHallLayout(*original.layout);
  const std::shared_ptr<const HallLayout> again = readBack(written);
  ASSERT_NE(again, nullptr);
  expectSameHall(*original.layout, *again);
  // The same hall writes the same text, so exports compare as text.
  EXPECT_EQ(writeHallLayout(*again), written);
  EXPECT_TRUE(isHallLayoutDocument(written));
}

TEST(HallLayoutWriter, CornersReadBackEqual) {
  HallLayout h;
  h.id = "h";
  h.name = "A&B \"大厅\" <测试>";
  h.rules.no_show_requeues_once = false;
  h.rules.no_show_limit = 5;
  h.zones.push_back({.id = "z1", .name = "一楼", .floor = -1, .voice = true});
  h.departments.push_back({.id = "d1", .name = "局'一'", .code = "", .illustrative = false});
  h.departments.push_back({.id = "d2",
                           .name = "局二",
                           .code = "11310105MB0000003C",
                           .illustrative = true,
                           .retired = true});
  Queue q;
  q.id = "q1";
  q.name = "队列";
  q.prefix = 'Q';
  q.opens_minute = 8 * 60 + 5;
  q.closes_minute = 23 * 60 + 59;
  q.days = {true, false, true, true, true, false, true};  // mon,wed-fri,sun
  h.queues.push_back(q);
  Queue closed = q;
  closed.id = "q2";
  closed.prefix = 'R';
  closed.days = {};  // open on no day
  closed.retired = true;
  h.queues.push_back(closed);
  Window w;
  w.id = "W1";
  w.number = 7;
  w.kind = WindowKind::SuperComprehensive;
  w.zone = "z1";
  w.department = "d1";
  w.position = {.floor = 2, .x = 0.1, .y = 1e-3};
  w.queues = {"q1"};
  w.matters = {"m&1", "m<2>"};
  h.windows.push_back(w);
  Window old;
  old.id = "W2";
  old.number = 8;
  old.zone = "z1";
  old.department = "d2";
  old.retired = true;  // serving nothing
  h.windows.push_back(old);
  h.devices.push_back({.id = "strip-W2", .kind = DeviceKind::WindowStrip, .window = "W2"});
  h.devices.push_back({.id = "k",
                       .kind = DeviceKind::TicketKiosk,
                       .zone = "z1",
                       .position = {.floor = 1, .x = 2.5, .y = 0}});

  const std::string written = writeHallLayout(h);
  EXPECT_NE(written.find("days=\"mon,wed-fri,sun\""), std::string::npos) << written;
  EXPECT_NE(written.find("opens=\"08:05\""), std::string::npos) << written;
  const std::shared_ptr<const HallLayout> again = readBack(written);
  ASSERT_NE(again, nullptr);
  expectSameHall(h, *again);
}

}  // namespace
}  // namespace hall::domain
