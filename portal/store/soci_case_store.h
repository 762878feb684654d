// SociCaseStore: accepted cases (hall_cases) and the per-node daily case
// counters (hall_case_counters) in the engine's database; migrations in
// hall_case_schema.
//
// Thread-safety: one connection behind a mutex; every member may be called
// from any thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "portal/domain/case_desk.h"

namespace soci {
class session;
}  // namespace soci

namespace hall::store {

class SociCaseStore final : public hall::domain::CaseStore {
 public:
  static wf::Result<std::unique_ptr<SociCaseStore>> open(const std::string& db_url);
  ~SociCaseStore() override;

  wf::Result<int> nextCaseSequence(const std::string& node, int day) override;
  wf::Status insert(const hall::domain::CaseRecord& record) override;
  wf::Result<std::optional<hall::domain::CaseRecord>> find(const std::string& case_code) override;
  wf::Result<std::vector<hall::domain::CaseRecord>> recent(const std::string& clerk,
                                                           int limit) override;

 private:
  explicit SociCaseStore(std::unique_ptr<soci::session> session);

  std::mutex mu_;
  std::unique_ptr<soci::session> sql_;
};

}  // namespace hall::store
