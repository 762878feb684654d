#include "tools/citysim/credit_code.h"

#include <gtest/gtest.h>

namespace hall::citysim {
namespace {

TEST(CitysimCreditCode, ComputesTheCheckCharacterOfTheWorkedExample) {
  // GB 32100 worked example (DOMAIN.md 1.6): S = 1640, 1640 mod 31 = 28, C18 = 3.
  EXPECT_EQ(creditCodeCheckCharacter("91350100M000100Y4"), '3');
  EXPECT_EQ(creditCodeCheckCharacter("91350100M000100Y"), '\0');
  EXPECT_EQ(creditCodeCheckCharacter("91350100M000100I4"), '\0');
}

TEST(CitysimCreditCode, WrapsThirtyOneToZero) {
  // A body whose weighted sum is a multiple of 31 has the check character 0.
  EXPECT_EQ(creditCodeCheckCharacter("00000000000000000"), '0');
}

struct Case {
  const char* code;
  bool valid;
};

TEST(CitysimCreditCode, ValidatesCodes) {
  const Case cases[] = {
      {"91350100M000100Y43", true},   // the worked example
      {"91350100M000100Y4Z", false},  // Z is not in the set
      {"91350100M000100Y44", false},  // wrong check character
      {"91350100M000100Y4", false},   // 17 characters
      {"9135A100M000100Y43", false},  // a letter in the region code
      {"91350100m000100Y43", false},  // lower case
  };
  for (const Case& c : cases) {
    EXPECT_EQ(creditCodeProblem(c.code).empty(), c.valid)
        << c.code << ": " << creditCodeProblem(c.code);
  }
}

}  // namespace
}  // namespace hall::citysim
