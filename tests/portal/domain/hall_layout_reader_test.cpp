// The hall layout: the real Changning model reads whole, and every broken
// reference or malformed value is refused at its file:line:col.
#include "portal/domain/hall_layout_reader.h"

#include <gtest/gtest.h>

#include "support/fixtures.h"

namespace hall::domain {
namespace {

ReadHallLayoutResult readText(const std::string& body) {
  const std::string xml =
      "<hall xmlns=\"urn:hall:layout:1\" id=\"h\" name=\"测试大厅\">\n"  // line 1
      "  <zone id=\"z1\" name=\"一楼\"/>\n"                              // line 2
      "  <queue id=\"tax\" name=\"纳税服务\" prefix=\"D\"/>\n"           // line 3
      + body + "</hall>\n";
  return readHallLayout("test.xml", xml);
}

// The first error, as `hall lint` prints it.
std::string firstError(const ReadHallLayoutResult& r) {
  for (const wf::Diagnostic& d : r.diagnostics) {
    if (d.severity == wf::Severity::Error) return d.toString();
  }
  return "<no error>";
}

TEST(HallLayout, TheChangningHallReadsWhole) {
  const std::string path = std::string(HALL_SOURCE_DIR) + "/models/hall/changning.xml";
  const ReadHallLayoutResult r = readHallLayout(path, hall::test::readFile(path));
  ASSERT_NE(r.layout, nullptr) << firstError(r);
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics.front().toString();
  const HallLayout& h = *r.layout;
  EXPECT_EQ(h.windows.size(), 65u);
  EXPECT_EQ(h.windowsOfKind(WindowKind::Ordinary), 40);
  EXPECT_EQ(h.windowsOfKind(WindowKind::Reserved), 10);
  EXPECT_EQ(h.windowsOfKind(WindowKind::SuperComprehensive), 12);
  EXPECT_EQ(h.windowsOfKind(WindowKind::Vip), 3);
  ASSERT_EQ(h.queues.size(), 8u);
  std::string prefixes;
  for (const Queue& q : h.queues) prefixes += q.prefix;
  EXPECT_EQ(prefixes, "ABCDEFGV");
  EXPECT_EQ(h.queue("cross")->name, "跨部门收件");
  EXPECT_EQ(h.window("S51")->queues.front(), "cross");
  EXPECT_EQ(h.queue("commerce")->opens_minute, 9 * 60);
  EXPECT_TRUE(h.queue("commerce")->days[0]);   // Monday
  EXPECT_FALSE(h.queue("commerce")->days[6]);  // Sunday
  EXPECT_EQ(h.rules.no_show_limit, 3);
  EXPECT_TRUE(h.rules.no_show_requeues_once);
  ASSERT_GE(h.departments.size(), 7u);
  EXPECT_EQ(h.department("swj")->name, "国家税务总局上海市长宁区税务局");
  EXPECT_TRUE(h.department("swj")->illustrative);
  EXPECT_EQ(h.department("swj")->code.size(), 18u);
  EXPECT_EQ(h.window("W11")->department, "swj");
  EXPECT_EQ(h.window("S51")->department, "");
  EXPECT_FALSE(h.window("W01")->retired);
}

TEST(HallLayout, DepartmentsMattersAndRetiredFlagsRead) {
  const ReadHallLayoutResult r = readText(
      "  <department id=\"swj\" name=\"税务局\" code=\"11310105MB0000003C\" "
      "illustrative=\"true\"/>\n"                                               // line 4
      "  <department id=\"old\" name=\"撤并的局\" retired=\"true\"/>\n"         // line 5
      "  <queue id=\"gone\" name=\"旧队列\" prefix=\"Z\" retired=\"true\"/>\n"  // line 6
      "  <window id=\"W1\" number=\"1\" zone=\"z1\" department=\"swj\">\n"      // line 7
      "    <serves queue=\"tax\"/>\n"
      "    <takes matter=\"310105-tax-001\"/>\n"
      "    <takes matter=\"310105-tax-002\"/>\n"
      "  </window>\n"
      "  <window id=\"W2\" number=\"2\" zone=\"z1\" department=\"old\" retired=\"true\">\n"
      "    <serves queue=\"gone\"/>\n"
      "  </window>\n");
  ASSERT_NE(r.layout, nullptr) << firstError(r);
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics.front().toString();
  const HallLayout& h = *r.layout;
  ASSERT_EQ(h.departments.size(), 2u);
  EXPECT_EQ(h.department("swj")->code, "11310105MB0000003C");
  EXPECT_TRUE(h.department("swj")->illustrative);
  EXPECT_FALSE(h.department("swj")->retired);
  EXPECT_TRUE(h.department("old")->retired);
  EXPECT_TRUE(h.queue("gone")->retired);
  EXPECT_EQ(h.window("W1")->matters,
            (std::vector<std::string>{"310105-tax-001", "310105-tax-002"}));
  EXPECT_EQ(h.window("W1")->department, "swj");
  EXPECT_TRUE(h.window("W2")->retired);

  const HallLayout active = activeLayout(h);
  EXPECT_EQ(active.windows.size(), 1u);
  EXPECT_EQ(active.queue("gone"), nullptr);
  EXPECT_EQ(active.department("old"), nullptr);
}

TEST(HallLayout, BrokenDepartmentsMattersAndRetirementsAreRefusedAtTheirPlace) {
  struct Case {
    std::string body;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"  <department id=\"d\" name=\"局\" code=\"123\"/>\n",
       "test.xml:4:37: error: code of department 'd' must be a unified social credit code (18 "
       "digits or capital letters), not '123'"},
      {"  <department id=\"d\" name=\"局\" code=\"11310105MB0000003C\"/>\n"
       "  <department id=\"e\" name=\"局\" code=\"11310105MB0000003C\"/>\n",
       "test.xml:5:37: error: code 11310105MB0000003C of department 'e' is already department "
       "'d''s"},
      {"  <window id=\"W1\" number=\"1\" zone=\"z1\" department=\"nobody\">"
       "<serves queue=\"tax\"/></window>\n",
       "test.xml:4:52: error: window 'W1' names unknown department 'nobody'"},
      {"  <queue id=\"old\" name=\"旧\" prefix=\"O\" retired=\"true\"/>\n"
       "  <window id=\"W1\" number=\"1\" zone=\"z1\">\n"
       "    <serves queue=\"old\"/>\n"
       "  </window>\n",
       "test.xml:6:20: error: window 'W1' is in service but serves retired queue 'old'"},
      {"  <department id=\"d\" name=\"局\" retired=\"true\"/>\n"
       "  <window id=\"W1\" number=\"1\" zone=\"z1\" department=\"d\">"
       "<serves queue=\"tax\"/></window>\n",
       "test.xml:5:52: error: window 'W1' is in service but department 'd' is retired"},
      {"  <window id=\"W1\" number=\"1\" zone=\"z1\" retired=\"yes\">"
       "<serves queue=\"tax\"/></window>\n",
       "test.xml:4:49: error: retired of window 'W1' must be true or false, not 'yes'"},
      {"  <window id=\"W1\" number=\"1\" zone=\"z1\">\n"
       "    <serves queue=\"tax\"/>\n"
       "    <takes matter=\"m1\"/>\n"
       "    <takes matter=\"m1\"/>\n"
       "  </window>\n",
       "test.xml:7:20: error: window 'W1' takes matter 'm1' twice"},
      {"  <window id=\"W1\" number=\"1\" zone=\"z1\">\n"
       "    <serves queue=\"tax\"/>\n"
       "    <takes/>\n"
       "  </window>\n",
       "test.xml:6:5: error: takes has no matter"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    const ReadHallLayoutResult r = readText(c.body);
    EXPECT_EQ(r.layout, nullptr);
    EXPECT_EQ(firstError(r), c.error);
  }
}

TEST(HallLayout, AWindowServingAnUnknownQueueIsRefusedAtTheReference) {
  const ReadHallLayoutResult r = readText(
      "  <window id=\"W1\" number=\"1\" zone=\"z1\">\n"  // line 4
      "    <serves queue=\"taxes\"/>\n"                  // line 5
      "  </window>\n");
  EXPECT_EQ(r.layout, nullptr);
  EXPECT_EQ(firstError(r), "test.xml:5:20: error: serves names unknown queue 'taxes'");
}

TEST(HallLayout, DuplicatesAreRefusedNamingTheFirst) {
  const ReadHallLayoutResult r = readText(
      "  <queue id=\"vat\" name=\"增值税\" prefix=\"D\"/>\n"  // line 4: prefix D is tax's
      "  <window id=\"W1\" number=\"7\" zone=\"z1\"><serves queue=\"tax\"/></window>\n"
      "  <window id=\"W2\" number=\"7\" zone=\"z1\"><serves queue=\"tax\"/></window>\n"
      "  <window id=\"W1\" number=\"8\" zone=\"z1\"><serves queue=\"tax\"/></window>\n");
  EXPECT_EQ(r.layout, nullptr);
  std::vector<std::string> errors;
  for (const wf::Diagnostic& d : r.diagnostics) {
    if (d.severity == wf::Severity::Error) errors.push_back(d.toString());
  }
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], "test.xml:4:38: error: prefix D of queue 'vat' is already queue 'tax''s");
  EXPECT_EQ(errors[1], "test.xml:6:27: error: window 'W2' has number 7, as window 'W1' has");
  EXPECT_EQ(errors[2], "test.xml:7:15: error: window 'W1' is defined twice (first at 5:3)");
}

TEST(HallLayout, MalformedValuesAreRefused) {
  const ReadHallLayoutResult r = readText(
      "  <queue id=\"late\" name=\"夜间\" prefix=\"ab\" opens=\"18:00\" closes=\"9am\"/>\n"
      "  <window id=\"W1\" number=\"1\" kind=\"express\" zone=\"z9\"><serves queue=\"tax\"/>"
      "</window>\n"
      "  <device id=\"d1\" kind=\"printer\" zone=\"z1\"/>\n"
      "  <device id=\"d2\" kind=\"window-strip\" window=\"W9\"/>\n");
  EXPECT_EQ(r.layout, nullptr);
  std::string all;
  for (const wf::Diagnostic& d : r.diagnostics) all += d.toString() + "\n";
  for (const char* expected :
       {"prefix of queue 'late' must be one capital letter",
        "closes of queue 'late' must be a time",
        "kind of window 'W1' must be ordinary, reserved, super or vip",
        "window 'W1' names unknown zone 'z9'", "kind of device 'd1' is not a device kind",
        "device 'd2' names unknown window 'W9'"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
  }
}

TEST(HallLayout, AQueueNoWindowServesIsAWarning) {
  const ReadHallLayoutResult r = readText(
      "  <queue id=\"hr\" name=\"人力资源\" prefix=\"C\"/>\n"
      "  <window id=\"W1\" number=\"1\" zone=\"z1\"><serves queue=\"tax\"/></window>\n");
  ASSERT_NE(r.layout, nullptr);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].toString(),
            "test.xml:4:3: warning: queue 'hr' is served by no window");
}

TEST(HallLayout, OnlyAHallIsAHall) {
  EXPECT_TRUE(isHallLayoutDocument("<hall xmlns=\"urn:hall:layout:1\" id=\"h\" name=\"n\"/>"));
  EXPECT_FALSE(isHallLayoutDocument("<hall id=\"h\"/>"));
  EXPECT_FALSE(isHallLayoutDocument("<calendar xmlns=\"urn:hall:calendar:1\"/>"));
  const ReadHallLayoutResult r = readHallLayout("x.xml", "<hall><unclosed></hall>");
  EXPECT_EQ(r.layout, nullptr);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_GT(r.diagnostics[0].line, 0);
}

}  // namespace
}  // namespace hall::domain
