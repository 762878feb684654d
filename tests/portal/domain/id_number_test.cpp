// GB 11643 identity numbers: the standard's worked examples, and each way a
// typed number can be wrong.
#include "portal/domain/id_number.h"

#include <gtest/gtest.h>

namespace hall::domain {
namespace {

constexpr int kToday = 20261129;

TEST(IdNumber, TheStandardsExamplesCheck) {
  EXPECT_EQ(idCheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(idCheckCharacter("44052418800101001"), '4');
  EXPECT_TRUE(validateIdNumber("11010519491231002X", kToday).isOk());
  EXPECT_TRUE(validateIdNumber("11010519491231002x", kToday).isOk());
  EXPECT_TRUE(validateIdNumber("440524188001010014", kToday).isOk());
}

TEST(IdNumber, AMistypedDigitFailsTheCheckCharacter) {
  const wf::Status st = validateIdNumber("11010519491231003X", kToday);
  EXPECT_EQ(st.code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(st.message().find("check character"), std::string::npos);
  EXPECT_EQ(st.details().find("field")->asString(), "idNumber");
}

TEST(IdNumber, LengthCharactersAndBirthDateAreChecked) {
  EXPECT_NE(validateIdNumber("11010519491231", kToday).message().find("18 characters"),
            std::string::npos);
  EXPECT_NE(validateIdNumber("1101051949123100AX", kToday).message().find("digits"),
            std::string::npos);
  // February 30th, with a right check character for its digits.
  std::string feb30 = "11010519490230002";
  feb30 += idCheckCharacter(feb30);
  EXPECT_NE(validateIdNumber(feb30, kToday).message().find("not a date"), std::string::npos);
  std::string future = "11010520301231002";
  future += idCheckCharacter(future);
  EXPECT_NE(validateIdNumber(future, kToday).message().find("future"), std::string::npos);
}

TEST(IdNumber, MaskingHidesTheBirthDate) {
  EXPECT_EQ(maskIdNumber("11010519491231002X"), "110105********002X");
  EXPECT_EQ(maskIdNumber("1234567"), "***4567");
  EXPECT_EQ(maskIdNumber("12"), "**");
}

}  // namespace
}  // namespace hall::domain
