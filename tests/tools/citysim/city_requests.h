// What the tests ask of the simulated city as a citizen would: book an
// appointment at the 市统一预约平台, open a 随申码 on the phone. Shared by the
// simulator's, the connectors' and the hall's tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "citysim_process.h"
#include "wf/value.h"

namespace hall::citysim::test {

inline constexpr const char* kAppointments = "/appointment/v1/appointments";
inline constexpr const char* kSuishenCodes = "/suishen/v1/codes";
inline constexpr const char* kSuishenVerify = "/suishen/v1/codes/verify";
// The worked example of GB 11643 and a phone number.
inline constexpr const char* kHolderId = "11010519491231002X";
inline constexpr const char* kHolderPhone = "13812345678";

// `base` with each member of `changes` replaced or added; a null Value
// removes it.
wf::Object withChanges(wf::Object base, const wf::Object& changes);

// A valid booking of `queue` at hall `hall` for [start, end); `changes`
// replace or add members (a null Value removes one).
wf::Object bookingObject(const std::string& hall, const std::string& queue, int64_t start,
                         int64_t end, const wf::Object& changes = {});
std::string booking(const std::string& hall, const std::string& queue, int64_t start, int64_t end,
                    const wf::Object& changes = {});

// Books `body` under `key`; the code, or "" (with a test failure) when refused.
std::string bookAppointment(CitysimClient& client, const std::string& body, const std::string& key);
// A 随申码 of the holder valid `ttl_ms`; "" (with a test failure) when refused.
std::string suishenCode(CitysimClient& client, const std::string& name,
                        const std::string& id_number, int64_t ttl_ms = 60000);
// The member `name` of platform `platform` in /_sim/stats; -1 when absent.
int64_t simStat(CitysimClient& client, const std::string& platform, const std::string& name);

}  // namespace hall::citysim::test
