// The appointment reports on a real SQLite file: an appointment is watched
// once; a report moves open → due → reported (or refused) and nothing else;
// a failed delivery waits for its next_at with one attempt more; and what
// is due is there after reopening (a restart loses no report).
#include "portal/store/soci_appointment_reports.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace hall::store {
namespace {

std::vector<std::string> codes(const wf::Result<std::vector<AppointmentReport>>& rows) {
  EXPECT_TRUE(rows.ok()) << rows.status().toString();
  std::vector<std::string> out;
  if (rows.ok()) {
    for (const AppointmentReport& r : *rows) out.push_back(r.code);
  }
  return out;
}

TEST(SociAppointmentReports, AReportMovesOpenDueReportedAndSurvivesAReopen) {
  hall::test::TempDir dir;
  const std::string url = "sqlite:" + dir.file("hall.db");
  {
    auto reports = SociAppointmentReports::open(url);
    ASSERT_TRUE(reports.ok()) << reports.status().toString();
    SociAppointmentReports& r = **reports;
    EXPECT_TRUE(*r.watch("01000001", "2026-11-30", 1000));
    EXPECT_FALSE(*r.watch("01000001", "2026-11-30", 2000)) << "watched once";
    EXPECT_TRUE(*r.watch("01000002", "2026-11-30", 1000));
    EXPECT_EQ(codes(r.inState("open", 0)), (std::vector<std::string>{"01000001", "01000002"}));

    EXPECT_EQ(r.markReported("01000001").code(), wf::StatusCode::Conflict) << "not due yet";
    ASSERT_TRUE(r.markDue("01000001", "check-in", 500).isOk());
    EXPECT_EQ(r.markDue("01000001", "no-show", 900).code(), wf::StatusCode::Conflict);
    ASSERT_TRUE(r.retryLater("01000001", 5000, "市统一预约平台 HTTP 503").isOk());
    EXPECT_TRUE(codes(r.inState("due", 4999)).empty()) << "waits for its next_at";
    ASSERT_TRUE(r.markDue("01000002", "no-show", 1000).isOk());
    ASSERT_TRUE(r.markRefused("01000002", "409 CONFLICT").isOk());
  }
  auto reopened = SociAppointmentReports::open(url);
  ASSERT_TRUE(reopened.ok());
  SociAppointmentReports& r = **reopened;
  EXPECT_EQ(codes(r.inState("due", 5000)), (std::vector<std::string>{"01000001"}));
  const auto due = r.report("01000001");
  ASSERT_TRUE(due.ok() && due->has_value());
  EXPECT_EQ((*due)->kind, "check-in");
  EXPECT_EQ((*due)->at, 500);
  EXPECT_EQ((*due)->attempts, 1);
  EXPECT_EQ((*due)->last_error, "市统一预约平台 HTTP 503");
  ASSERT_TRUE(r.markReported("01000001").isOk());
  EXPECT_EQ(codes(r.inState("reported", 0)), (std::vector<std::string>{"01000001"}));
  EXPECT_EQ(codes(r.inState("refused", 0)), (std::vector<std::string>{"01000002"}));
  EXPECT_EQ((*r.report("01000002"))->last_error, "409 CONFLICT");
  EXPECT_FALSE(r.report("01999999")->has_value());
}

}  // namespace
}  // namespace hall::store
