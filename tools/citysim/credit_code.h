// Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters
// of the 31-character set 0-9 A-H J-N P Q R T U W X Y (no I, O, Z, S, V),
// positions 3–8 a region code in digits, and a check character: with
// Wi = 3^(i-1) mod 31, C18 = (31 − Σ Ci·Wi mod 31) mod 31, mapped back to the
// set (/work/shared/DOMAIN.md, 1.6). portal/domain checks only the shape
// (isCreditCode); the simulator refuses a wrong check character.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace hall::citysim {

// The check character of the 17 characters `body`; '\0' when `body` is not
// 17 characters of the set.
char creditCodeCheckCharacter(std::string_view body);

// Empty when `code` is a valid unified social credit code; otherwise what is
// wrong, for a person ("the check character is wrong …").
std::string creditCodeProblem(std::string_view code);

}  // namespace hall::citysim
