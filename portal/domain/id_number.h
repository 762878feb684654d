// Citizen identity numbers (公民身份号码, GB 11643-1999): 17 digits — the
// address code, the birth date, a sequence whose parity is the sex — and a
// check character by ISO 7064 MOD 11-2 ('X' stands for 10).
//
// A ticket taken with a resident ID card, or an identity typed at a window,
// is validated here; what is shown of it anywhere is masked.
#pragma once

#include <string>
#include <string_view>

#include "wf/status.h"

namespace hall::domain {

// The check character of the 17 digits `body`; '\0' when `body` is not 17
// digits.
char idCheckCharacter(std::string_view body);

// OK for an 18-character number whose check character, birth date (a real
// date, not in the future of `today_yyyymmdd`) and characters are right;
// InvalidArgument naming what is wrong otherwise (field "idNumber"). A
// lower-case 'x' is accepted as 'X'.
wf::Status validateIdNumber(std::string_view number, int today_yyyymmdd);

// "110105********002X": the region code and the last four characters stay;
// the birth date and anything else is hidden. Numbers of another length
// keep only their last four characters.
std::string maskIdNumber(std::string_view number);

// A mainland mobile number: 11 digits starting with 1.
bool validPhone(const std::string& phone);
// "138****5678": the first three and last four digits stay.
std::string maskPhone(const std::string& phone);
// "张*" / "欧阳**": the first character (UTF-8) stays, each other is '*'.
std::string maskName(std::string_view name);

}  // namespace hall::domain
