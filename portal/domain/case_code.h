// CaseCode (统一办件编码): the one code a case carries from acceptance (受理)
// to archive, printed on the receipt (受理凭证) and asked for by the status
// page. 23 characters, all of [0-9A-Z]:
//
//   310105 20261129 A1 000042 K
//   │      │        │  │      └ check character, ISO/IEC 7064 MOD 37,36
//   │      │        │  │        over the first 22 characters
//   │      │        │  └ daily sequence of that node, 000001 … 999999
//   │      │        └ node id, two of [0-9A-Z], unique among the hall's nodes
//   │      └ local (Beijing) date of acceptance, YYYYMMDD
//   └ region code of the hall (GB/T 2260), 310105 = 上海市长宁区
//
// Codes are unique across the hall and all its nodes because each node has
// its own id and a durable counter per day; the check character catches
// every single mistyped character and every swap of two neighbours.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "wf/status.h"

namespace hall::domain {

struct CaseCodeParts {
  std::string region;  // 6 digits, "310105"
  int date = 0;        // yyyymmdd, a real date: 20261129
  std::string node;    // 2 of [0-9A-Z], "A1"
  int sequence = 0;    // 1 … 999999

  bool operator==(const CaseCodeParts&) const = default;
};

inline constexpr size_t kCaseCodeLength = 23;
inline constexpr int kMaxCaseCodeSequence = 999999;

// The ISO/IEC 7064 MOD 37,36 check character of `body`, each character one
// of [0-9A-Z]; '\0' when `body` is empty or holds any other character.
char mod37_36Check(std::string_view body);

// OK when every part is in its range; InvalidArgument naming the part
// otherwise (field "caseCode").
wf::Status validateCaseCodeParts(const CaseCodeParts& parts);

// The 23-character code. Precondition: validateCaseCodeParts(parts) is OK
// (the caller's node configuration and counter guarantee it); a violation
// stops the process.
std::string makeCaseCode(const CaseCodeParts& parts);

// The parts of a code a person typed or scanned. Lower-case letters are
// taken as upper-case. InvalidArgument naming what is wrong — the length,
// the character at a position (1-based), the date, the sequence, or the
// check character — with details {"field": "caseCode"}.
wf::Result<CaseCodeParts> parseCaseCode(std::string_view code);

}  // namespace hall::domain
