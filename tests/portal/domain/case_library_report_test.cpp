// What the hall reports to 市办件库, read from a case's history: every
// status change in order (a supplement round included), the end as issued
// or refused, and nothing more once final.
#include "portal/domain/case_library_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hall::domain {
namespace {

std::vector<wf::HistoryEvent> history(
    const std::vector<std::pair<std::string, std::string>>& events) {
  std::vector<wf::HistoryEvent> out;
  int64_t at = 1000;
  for (const auto& [type, element] : events) {
    wf::HistoryEvent e;
    e.type = type;
    e.element_id = element;
    e.at = at += 10;
    out.push_back(e);
  }
  return out;
}

std::vector<std::string> statuses(const CaseLibraryReport& report) {
  std::vector<std::string> out;
  for (const CaseLibraryStatus& s : report.statuses) out.push_back(s.status);
  return out;
}

TEST(CaseLibraryReport, ACaseWithASupplementRoundIsReportedStepByStep) {
  const auto h = history({{"instance-started", ""},
                          {"element-activated", "approve_a"},
                          {"task-created", "approve_a"},
                          {"element-activated", "supplement"},
                          {"element-completed", "supplement"},
                          {"element-activated", "approve_a"},
                          {"element-activated", "issue"},
                          {"element-completed", "issue"},
                          {"element-activated", "hand_over"}});
  const CaseLibraryReport open = caseLibraryReport(h);
  EXPECT_EQ(statuses(open),
            (std::vector<std::string>{"accepted", "supplement", "resumed", "concluded"}));
  EXPECT_FALSE(open.final);
  EXPECT_EQ(open.statuses[1].at, h[3].at) << "each status at the time of its change";

  auto done = h;
  const auto tail = history({{"element-completed", "hand_over"}, {"instance-completed", ""}});
  done.insert(done.end(), tail.begin(), tail.end());
  const CaseLibraryReport finished = caseLibraryReport(done);
  EXPECT_EQ(statuses(finished),
            (std::vector<std::string>{"accepted", "supplement", "resumed", "concluded", "issued"}));
  EXPECT_TRUE(finished.final);
  // The past of the list never changes: a prefix keeps its seq numbers.
  for (size_t i = 0; i < open.statuses.size(); ++i) {
    EXPECT_EQ(finished.statuses[i].status, open.statuses[i].status);
  }
}

TEST(CaseLibraryReport, ACaseEndingWithoutHandOverWasRefused) {
  const CaseLibraryReport r = caseLibraryReport(history(
      {{"instance-started", ""}, {"element-activated", "approve_a"}, {"instance-completed", ""}}));
  EXPECT_EQ(statuses(r), (std::vector<std::string>{"accepted", "refused"}));
  EXPECT_TRUE(r.final);
}

TEST(CaseLibraryReport, ACancelledCaseIsFinalWithNoStatusOfItsOwn) {
  const CaseLibraryReport r =
      caseLibraryReport(history({{"instance-started", ""}, {"instance-cancelled", ""}}));
  EXPECT_EQ(statuses(r), std::vector<std::string>{"accepted"});
  EXPECT_TRUE(r.final);
  EXPECT_TRUE(caseLibraryReport({}).statuses.empty());
}

}  // namespace
}  // namespace hall::domain
