// How a misbehaving platform spoils an answer it has already earned (the
// fault plan's malformedRate, wrongTypesRate and hugeRate): the work is
// done — a licence issued, a rating kept — and the caller gets an answer it
// must refuse without losing track of that work.
#pragma once

#include <cstddef>
#include <string>

#include "tools/citysim/fault_plan.h"

namespace hall::citysim {

// More than any caller should read: 5 MiB (the hall reads at most 4).
inline constexpr size_t kHugeAnswerBytes = 5 * 1024 * 1024;

// The answer `body` spoiled as `action` says (Malformed, WrongTypes or Huge;
// anything else leaves it as it is):
// - Malformed: the first half of the body and a stray byte, not JSON.
// - WrongTypes: the same JSON shape with every string made a number and
//   every number or boolean made a string (in arrays and objects too).
// - Huge: a JSON object padded past kHugeAnswerBytes.
std::string garbleAnswer(const std::string& body, FaultAction action);

}  // namespace hall::citysim
