// Reads a hall layout (namespace urn:hall:layout:1, root <hall>) and checks
// it: every reference (a window serving a queue or belonging to a
// department, a device at a window or in a zone) names something defined,
// ids, window numbers, ticket prefixes and department codes are unique,
// times and numbers are well-formed, and a window in service neither serves
// a retired queue nor belongs to a retired department. Each finding names
// file:line:col; a layout with any error yields nothing.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "portal/domain/hall_layout.h"
#include "wf/diagnostic.h"

namespace hall::domain {

inline constexpr std::string_view kHallLayoutNs = "urn:hall:layout:1";

struct ReadHallLayoutResult {
  std::shared_ptr<const HallLayout> layout;  // null when there are errors
  std::vector<wf::Diagnostic> diagnostics;
};

// Whether `xml` is a hall layout (its root is <hall> in kHallLayoutNs); a
// cheap look, for sorting model files.
bool isHallLayoutDocument(std::string_view xml);

// Whether `code` has the shape of a unified social credit code (统一社会信用代码):
// 18 digits or capital letters. The check digit is not verified.
bool isCreditCode(std::string_view code);

ReadHallLayoutResult readHallLayout(std::string_view file, std::string_view xml);

}  // namespace hall::domain
