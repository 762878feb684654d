// LinesysJsonPlatform: a simulated department line system with a JSON API
// (部门业务系统, JSON), prefix /linesys/json/v1, signed like the city
// platforms (README.md, "部门业务系统"):
//   PUT /records/{caseCode}  the hall's fields → 201 created / 200 updated
//   GET /records/{caseCode}  the record with what the department entered
// and the control PUT /_sim/linesys-json/department/{caseCode}, where a test
// plays the department entering 审批意见, 许可证编号, 审批结论.
//
// Thread-safe (LineRecords guards the store).
#pragma once

#include "tools/citysim/line_records.h"
#include "tools/citysim/platform.h"

namespace hall::citysim {

class LinesysJsonPlatform final : public Platform {
 public:
  explicit LinesysJsonPlatform(int year = 2026) : records_("JSON", year) {}

  std::string name() const override { return "linesys-json"; }
  std::string prefix() const override { return "/linesys/json/v1"; }
  std::string displayName() const override { return "部门业务系统（JSON）"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;
  PlatformResponse control(const PlatformRequest& request) override;

 private:
  LineRecords records_;
};

}  // namespace hall::citysim
