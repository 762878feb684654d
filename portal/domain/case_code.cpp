#include "portal/domain/case_code.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace hall::domain {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr int kModulus = 36;  // M of MOD 37,36; the check works modulo M + 1 = 37

// Where each part sits in the 23 characters.
constexpr size_t kRegionAt = 0, kRegionLength = 6;
constexpr size_t kDateAt = 6, kDateLength = 8;
constexpr size_t kNodeAt = 14, kNodeLength = 2;
constexpr size_t kSequenceAt = 16, kSequenceLength = 6;
constexpr size_t kCheckAt = 22;

int alphabetValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpperAlnum(char c) { return alphabetValue(c) >= 0; }

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool isRealDate(int yyyymmdd) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int year = yyyymmdd / 10000;
  const int month = yyyymmdd / 100 % 100;
  const int day = yyyymmdd % 100;
  if (year < 2000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const int days = month == 2 && isLeapYear(year) ? 29 : kDays[static_cast<size_t>(month - 1)];
  return day <= days;
}

int digitsAt(std::string_view s, size_t from, size_t count) {
  int v = 0;
  for (size_t i = from; i < from + count; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

wf::Status refused(const std::string& why) {
  return wf::Status::invalid("caseCode: " + why,
                             wf::Value(wf::Object{{"field", wf::Value("caseCode")}}));
}

// What the characters at [from, from + count) must be, for messages.
struct Span {
  size_t from;
  size_t count;
  bool digits_only;
  const char* what;
};

constexpr std::array<Span, 5> kSpans = {{
    {kRegionAt, kRegionLength, true, "the region code"},
    {kDateAt, kDateLength, true, "the date"},
    {kNodeAt, kNodeLength, false, "the node id"},
    {kSequenceAt, kSequenceLength, true, "the sequence"},
    {kCheckAt, 1, false, "the check character"},
}};

}  // namespace

char mod37_36Check(std::string_view body) {
  if (body.empty()) return '\0';
  int p = kModulus;
  for (char c : body) {
    const int value = alphabetValue(c);
    if (value < 0) return '\0';
    int s = (p + value) % kModulus;
    if (s == 0) s = kModulus;
    p = (s * 2) % (kModulus + 1);
  }
  return kAlphabet[static_cast<size_t>((kModulus + 1 - p) % kModulus)];
}

wf::Status validateCaseCodeParts(const CaseCodeParts& parts) {
  if (parts.region.size() != kRegionLength) {
    return refused("the region code has 6 digits, not " + std::to_string(parts.region.size()));
  }
  for (char c : parts.region) {
    if (!isDigit(c)) return refused("the region code must be 6 digits");
  }
  if (!isRealDate(parts.date)) {
    return refused("the date " + std::to_string(parts.date) + " is not a date (yyyymmdd)");
  }
  if (parts.node.size() != kNodeLength || !isUpperAlnum(parts.node[0]) ||
      !isUpperAlnum(parts.node[1])) {
    return refused("the node id must be 2 characters of 0-9 and A-Z, not \"" + parts.node + "\"");
  }
  if (parts.sequence < 1 || parts.sequence > kMaxCaseCodeSequence) {
    return refused("the daily sequence must be 1 to 999999, not " + std::to_string(parts.sequence));
  }
  return wf::Status::ok();
}

std::string makeCaseCode(const CaseCodeParts& parts) {
  WF_CHECK(validateCaseCodeParts(parts).isOk());
  char body[kCaseCodeLength];  // 22 characters and the terminator
  std::snprintf(body, sizeof body, "%s%08d%s%06d", parts.region.c_str(), parts.date,
                parts.node.c_str(), parts.sequence);
  std::string code(body, kCaseCodeLength - 1);
  code.push_back(mod37_36Check(code));
  return code;
}

wf::Result<CaseCodeParts> parseCaseCode(std::string_view typed) {
  if (typed.size() != kCaseCodeLength) {
    return refused("a case code has 23 characters, not " + std::to_string(typed.size()));
  }
  std::string code(typed);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const Span& span : kSpans) {
    for (size_t i = span.from; i < span.from + span.count; ++i) {
      const bool fits = span.digits_only ? isDigit(code[i]) : isUpperAlnum(code[i]);
      if (fits) continue;
      const unsigned char shown = static_cast<unsigned char>(typed[i]);
      const std::string what =
          shown >= 0x20 && shown < 0x7f ? "'" + std::string(1, typed[i]) + "'" : "a byte";
      return refused("character " + std::to_string(i + 1) + " (" + what + ", in " + span.what +
                     ") must be " + (span.digits_only ? "a digit" : "a digit or A-Z"));
    }
  }
  const char expected = mod37_36Check(std::string_view(code).substr(0, kCheckAt));
  if (code[kCheckAt] != expected) {
    return refused("the check character is wrong (a mistyped or swapped character?)");
  }
  CaseCodeParts parts{code.substr(kRegionAt, kRegionLength), digitsAt(code, kDateAt, kDateLength),
                      code.substr(kNodeAt, kNodeLength),
                      digitsAt(code, kSequenceAt, kSequenceLength)};
  if (!isRealDate(parts.date)) {
    return refused("characters 7-14 (" + code.substr(kDateAt, kDateLength) + ") are not a date");
  }
  if (parts.sequence < 1) return refused("the daily sequence starts at 000001");
  return parts;
}

}  // namespace hall::domain
