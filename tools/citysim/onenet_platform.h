// OnenetPlatform: the simulated "一网通办" middle platform (一网通办中台),
// prefix /onenet/v1 (README.md): a case accepted at a hall is submitted and
// gets the city's unified approval code (统一审批编码; idempotent by
// Idempotency-Key); cases applied for online to be handled at a hall are
// listed and taken in (接件, once — the same Idempotency-Key replays the
// take); a matter run in mode 1/2 has a form definition (填报界面).
// /_sim/onenet/online-cases plays a citizen applying online.
//
// The store is in memory and lives as long as the process. Thread-safe: one
// mutex guards it; handle() may run on many threads.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "tools/citysim/platform.h"

namespace hall::citysim {

class OnenetPlatform final : public Platform {
 public:
  std::string name() const override { return "onenet"; }
  std::string prefix() const override { return "/onenet/v1"; }
  std::string displayName() const override { return "一网通办中台"; }
  PlatformResponse handle(const PlatformRequest& request, PlatformStats& stats) override;
  PlatformResponse control(const PlatformRequest& request) override;

 private:
  struct Submission {
    std::string fingerprint;  // the case as submitted, canonical JSON
    std::string case_code;
    std::string unified_code;
    int64_t received_at = 0;
  };
  struct OnlineCase {
    std::string id;
    wf::Value application;  // matterCode, applicant, phone, situation, hallCode
    std::string hall_code;
    int64_t applied_at = 0;
    std::string status = "pending";  // "pending" or "taken"
    std::string taken_key;           // the Idempotency-Key of the take
    int64_t taken_at = 0;
  };

  PlatformResponse submit(const PlatformRequest& request, PlatformStats& stats);
  PlatformResponse listOnline(const PlatformRequest& request);
  PlatformResponse take(const PlatformRequest& request, const std::string& id,
                        PlatformStats& stats);
  PlatformResponse form(const std::string& matter_code);
  PlatformResponse applyOnline(const std::string& body, int64_t now_ms);

  static wf::Value submissionAnswer(const Submission& s);
  static wf::Value onlineCaseJson(const OnlineCase& c);

  std::mutex mutex_;
  std::map<std::string, Submission> submitted_by_key_;
  std::map<std::string, std::string> key_by_case_code_;
  std::map<std::string, OnlineCase> online_;  // by id; ids sort in application order
  int64_t unified_sequence_ = 0;
  int64_t online_sequence_ = 0;
};

}  // namespace hall::citysim
