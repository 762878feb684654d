// The simulated JSON line system (部门业务系统, /linesys/json/v1) over real
// HTTP: a record is created once per case code and PUT again changes
// nothing new; what the line system refuses names the field and stores
// nothing; unsigned requests are refused; a test plays the department
// through /_sim and the record then shows what it entered.
#include <gtest/gtest.h>

#include "citysim_fixture.h"

namespace hall::citysim::test {
namespace {

constexpr const char* kCase = "31010520261129A1000042K";
const std::string kRecord = std::string("/linesys/json/v1/records/") + kCase;

wf::Object recordFields(const wf::Object& changes = {}) {
  wf::Object o{{"applicant", wf::Value("上海某某餐饮有限公司")},
               {"matterCode", wf::Value("00012310600001")},
               {"address", wf::Value("长宁路1号")},
               {"category", wf::Value("FOOD_SERVICE")},
               {"area", wf::Value(120.5)}};
  return withChanges(std::move(o), changes);
}

std::string body(const wf::Object& changes = {}) {
  return wf::Value(recordFields(changes)).toJson();
}

using LinesysJsonTest = CitysimTest;

TEST_F(LinesysJsonTest, ARecordIsCreatedOncePerCaseCode) {
  const Reply created = client_->send("PUT", kRecord, body());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.find("regNo")->asString(), "JSON-2026-000001");
  EXPECT_EQ(created.json.find("fields")->find("area")->asNumber(), 120.5);

  const Reply again = client_->send("PUT", kRecord, body());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.find("regNo")->asString(), "JSON-2026-000001");
  EXPECT_EQ(statOf("linesys-json", "issued"), 1);
  EXPECT_EQ(statOf("linesys-json", "duplicates"), 1);

  const Reply changed = client_->send("PUT", kRecord, body({{"address", wf::Value("长宁路2号")}}));
  ASSERT_EQ(changed.status, 200) << changed.body;
  const Reply read = client_->get(kRecord);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json.find("fields")->find("address")->asString(), "长宁路2号");
  EXPECT_TRUE(read.json.find("department")->asObject().empty());
}

TEST_F(LinesysJsonTest, WhatItRefusesNamesTheFieldAndStoresNothing) {
  const struct {
    wf::Object changes;
    const char* field;
  } cases[] = {
      {{{"applicant", wf::Value()}}, "applicant"}, {{{"matterCode", wf::Value(12)}}, "matterCode"},
      {{{"address", wf::Value("")}}, "address"},   {{{"category", wf::Value("BAR")}}, "category"},
      {{{"area", wf::Value("120")}}, "area"},      {{{"area", wf::Value(0.0)}}, "area"},
  };
  for (const auto& c : cases) {
    const Reply r = client_->send("PUT", kRecord, body(c.changes));
    EXPECT_EQ(r.status, 400) << c.field << ": " << r.body;
    EXPECT_EQ(r.field(), c.field) << r.body;
    EXPECT_EQ(r.code(), "INVALID_ARGUMENT");
  }
  const Reply not_json = client_->send("PUT", kRecord, "{\"applicant\":");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(not_json.field(), "body");
  const Reply bad_code = client_->send("PUT", "/linesys/json/v1/records/not-a-case", body());
  EXPECT_EQ(bad_code.status, 400);
  EXPECT_EQ(bad_code.field(), "caseCode");
  EXPECT_EQ(client_->get(kRecord).status, 404) << "nothing was stored";
  EXPECT_EQ(statOf("linesys-json", "issued"), 0);
  EXPECT_EQ(statOf("linesys-json", "refused"), 9) << "the 404 above included";
}

TEST_F(LinesysJsonTest, AnUnsignedRequestIsRefused) {
  const Reply r = client_->sendRaw("PUT", kRecord, body(), {});
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.code(), "SIGNATURE_MISSING");
  EXPECT_EQ(client_->get(kRecord).status, 404);
}

TEST_F(LinesysJsonTest, TheDepartmentEntersItsDecisionThroughSim) {
  const std::string department = std::string("/_sim/linesys-json/department/") + kCase;
  EXPECT_EQ(control("PUT", department, R"({"decision": "approved"})").status, 404)
      << "no record yet";
  ASSERT_EQ(client_->send("PUT", kRecord, body()).status, 201);
  const Reply bad = control("PUT", department, R"({"decision": "maybe"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.field(), "decision");
  const Reply entered = control(
      "PUT", department,
      R"({"decision": "approved", "opinion": "材料齐全，准予许可", "licenceNo": "JY23101050012345"})");
  ASSERT_EQ(entered.status, 200) << entered.body;

  const Reply read = client_->get(kRecord);
  const wf::Value* d = read.json.find("department");
  ASSERT_NE(d, nullptr) << read.body;
  EXPECT_EQ(d->find("decision")->asString(), "approved");
  EXPECT_EQ(d->find("opinion")->asString(), "材料齐全，准予许可");
  EXPECT_EQ(d->find("licenceNo")->asString(), "JY23101050012345");

  ASSERT_EQ(client_->send("PUT", kRecord, body({{"area", wf::Value(99.0)}})).status, 200);
  EXPECT_EQ(client_->get(kRecord).json.find("department")->find("decision")->asString(), "approved")
      << "the hall's update keeps the department's fields";
}

}  // namespace
}  // namespace hall::citysim::test
