// Case codes (统一办件编码): the MOD 37,36 check against DOMAIN.md's worked
// examples, the format, and that every single mistyped character and every
// swap of two neighbours is caught.
#include "portal/domain/case_code.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace hall::domain {
namespace {

const CaseCodeParts kSample{"310105", 20261129, "A1", 42};

TEST(CaseCode, CheckCharacterMatchesTheWorkedElectronicLicenceExample) {
  // DOMAIN.md 1.9: 11100000MB03271699022.340100.000000016.001, dots removed.
  EXPECT_EQ(mod37_36Check("11100000MB03271699022340100000000016001"), '9');
}

TEST(CaseCode, CheckCharacterRefusesCharactersOutsideTheAlphabet) {
  EXPECT_EQ(mod37_36Check(""), '\0');
  EXPECT_EQ(mod37_36Check("3101a5"), '\0');
  EXPECT_EQ(mod37_36Check("3101-5"), '\0');
}

TEST(CaseCode, IsRegionDateNodeSequenceAndCheck) {
  const std::string code = makeCaseCode(kSample);
  ASSERT_EQ(code.size(), kCaseCodeLength);
  EXPECT_EQ(code.substr(0, 22), "31010520261129A1000042");
  EXPECT_EQ(code[22], mod37_36Check(code.substr(0, 22)));
  const wf::Result<CaseCodeParts> back = parseCaseCode(code);
  ASSERT_TRUE(back.ok()) << back.status().toString();
  EXPECT_EQ(*back, kSample);
}

TEST(CaseCode, LowerCaseIsReadAsUpperCase) {
  std::string code = makeCaseCode(kSample);
  for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const wf::Result<CaseCodeParts> back = parseCaseCode(code);
  ASSERT_TRUE(back.ok()) << back.status().toString();
  EXPECT_EQ(back->node, "A1");
}

TEST(CaseCode, DifferentNodesOrDaysOrSequencesGiveDifferentCodes) {
  CaseCodeParts other_node = kSample;
  other_node.node = "A2";
  CaseCodeParts other_day = kSample;
  other_day.date = 20261130;
  CaseCodeParts next = kSample;
  next.sequence = 43;
  const std::string code = makeCaseCode(kSample);
  EXPECT_NE(makeCaseCode(other_node), code);
  EXPECT_NE(makeCaseCode(other_day), code);
  EXPECT_NE(makeCaseCode(next), code);
}

TEST(CaseCode, EverySingleSubstitutionIsDetected) {
  const std::string code = makeCaseCode(kSample);
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  int tried = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    for (char c : alphabet) {
      if (c == code[i]) continue;
      std::string typo = code;
      typo[i] = c;
      ++tried;
      EXPECT_FALSE(parseCaseCode(typo).ok()) << typo;
    }
  }
  EXPECT_EQ(tried, 23 * 35);
}

TEST(CaseCode, EveryAdjacentTranspositionIsDetected) {
  // Several samples, so that most neighbours differ somewhere.
  for (const CaseCodeParts& parts : {kSample, CaseCodeParts{"310105", 20261231, "Z9", 987654},
                                     CaseCodeParts{"310105", 20270102, "0K", 100203}}) {
    const std::string code = makeCaseCode(parts);
    for (size_t i = 0; i + 1 < code.size(); ++i) {
      if (code[i] == code[i + 1]) continue;
      std::string swapped = code;
      std::swap(swapped[i], swapped[i + 1]);
      const wf::Result<CaseCodeParts> r = parseCaseCode(swapped);
      EXPECT_FALSE(r.ok()) << swapped << " (swap at " << i + 1 << ")";
    }
  }
}

TEST(CaseCode, TheCheckCharacterAloneCatchesSwapsWithinOneKindOfCharacter) {
  // Swapping two digits keeps the charset right; only the check can tell.
  const std::string code = makeCaseCode(kSample);
  std::string swapped = code;
  std::swap(swapped[16], swapped[17]);  // inside the sequence "000042" → same
  std::swap(swapped[20], swapped[21]);  // "42" → "24"
  const wf::Result<CaseCodeParts> r = parseCaseCode(swapped);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("check character"), std::string::npos);
}

TEST(CaseCode, ErrorsNameWhatIsWrong) {
  const std::string code = makeCaseCode(kSample);
  const auto message = [](std::string_view text) {
    const wf::Result<CaseCodeParts> r = parseCaseCode(text);
    EXPECT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), wf::StatusCode::InvalidArgument);
    EXPECT_EQ(r.status().details().find("field")->asString(), "caseCode");
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(message(code.substr(0, 22)).find("23 characters, not 22"), std::string::npos);
  EXPECT_NE(message(code + "0").find("not 24"), std::string::npos);

  std::string letter_in_region = code;
  letter_in_region[2] = 'B';
  EXPECT_NE(message(letter_in_region).find("character 3 ('B', in the region code)"),
            std::string::npos);
  std::string dash_in_node = code;
  dash_in_node[15] = '-';
  EXPECT_NE(message(dash_in_node).find("character 16 ('-', in the node id)"), std::string::npos);
  std::string byte_in_check = code;
  byte_in_check[22] = '\xE4';
  EXPECT_NE(message(byte_in_check).find("character 23 (a byte, in the check character)"),
            std::string::npos);

  // A right check character over a date that does not exist.
  std::string feb30 = "31010520260230A1000042";
  feb30 += mod37_36Check(feb30);
  EXPECT_NE(message(feb30).find("not a date"), std::string::npos);
  std::string zero_sequence = "31010520261129A1000000";
  zero_sequence += mod37_36Check(zero_sequence);
  EXPECT_NE(message(zero_sequence).find("starts at 000001"), std::string::npos);
}

TEST(CaseCode, PartsOutOfRangeAreRefusedBeforeMaking) {
  EXPECT_TRUE(validateCaseCodeParts(kSample).isOk());
  CaseCodeParts bad = kSample;
  bad.region = "31010";
  EXPECT_NE(validateCaseCodeParts(bad).message().find("region"), std::string::npos);
  bad = kSample;
  bad.date = 20261131;
  EXPECT_NE(validateCaseCodeParts(bad).message().find("not a date"), std::string::npos);
  bad = kSample;
  bad.node = "a1";
  EXPECT_NE(validateCaseCodeParts(bad).message().find("node id"), std::string::npos);
  bad = kSample;
  bad.sequence = 1000000;
  EXPECT_NE(validateCaseCodeParts(bad).message().find("sequence"), std::string::npos);
  bad.sequence = 0;
  EXPECT_NE(validateCaseCodeParts(bad).message().find("sequence"), std::string::npos);
}

}  // namespace
}  // namespace hall::domain
