// LineRecords: the store of a simulated department line system (业务系统):
// one record per hall case code (统一办件编码) with the fields the hall
// entered, the line system's registration number (登记号) and what the
// department entered later (审批意见, 许可证编号, 审批结论). Both simulated
// line systems keep one — the JSON one and the old web app (README.md,
// "部门业务系统").
//
// The hall's fields, checked as the line system checks them:
//   applicant   non-empty text, at most 128 bytes  (申请人)
//   matterCode  non-empty text, at most 64 bytes   (事项编码)
//   address     non-empty text, at most 256 bytes  (经营场所)
//   category    FOOD_SERVICE, FOOD_SALE or CANTEEN (经营类别)
//   area        a number above 0, at most 100000   (经营面积, m²)
// The department's: opinion, licenceNo (text), decision (approved|rejected).
//
// Thread-safe: one mutex guards the records.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/citysim/platform.h"
#include "tools/citysim/request_parts.h"
#include "wf/value.h"

namespace hall::citysim {

struct LineRecord {
  std::string case_code;
  std::string reg_no;     // "JSON-2026-000001", "WEB-2026-000001"
  wf::Object fields;      // the hall's
  wf::Object department;  // the department's (empty until it enters them)

  wf::Value toValue() const;
};

// A field the line system refuses, and why (in the words it shows).
struct FieldProblem {
  std::string field;
  std::string why;
};

// The category codes and the names a web form shows for them.
const std::vector<std::pair<std::string, std::string>>& lineCategories();

class LineRecords {
 public:
  // `reg_prefix`: "JSON" or "WEB"; `year` the year in registration numbers.
  LineRecords(std::string reg_prefix, int year) : prefix_(std::move(reg_prefix)), year_(year) {}

  // Every problem of the hall's fields, in the order above (none: good).
  static std::vector<FieldProblem> check(const wf::Object& fields);

  struct Put {
    LineRecord record;
    bool created = false;
    bool changed = false;  // false: the same fields again
  };
  // Creates the record or replaces its hall fields (department fields stay).
  // The fields must have passed check().
  Put put(const std::string& case_code, wf::Object fields);
  std::optional<LineRecord> find(const std::string& case_code) const;
  // The department enters {opinion?, licenceNo?, decision?}: merged in.
  // nullopt when there is no such record; a problem when a member is bad.
  std::optional<LineRecord> enter(const std::string& case_code, const wf::Object& entered,
                                  FieldProblem* problem);

 private:
  const std::string prefix_;
  const int year_;
  mutable std::mutex mutex_;
  std::map<std::string, LineRecord> records_;
  int64_t serial_ = 0;
};

// PUT /_sim/{platform}/department/{caseCode} on `records`: the department
// enters its fields (both line systems answer it so).
PlatformResponse departmentControl(LineRecords& records, const PlatformRequest& request,
                                   const std::string& platform);

}  // namespace hall::citysim
