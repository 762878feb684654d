// Reads a hall layout (namespace urn:hall:layout:1, root <hall>) and checks
// it: every reference (a window serving a queue, a device at a window or in
// a zone) names something defined, ids, window numbers and ticket prefixes
// are unique, times and numbers are well-formed. Each finding names
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

ReadHallLayoutResult readHallLayout(std::string_view file, std::string_view xml);

}  // namespace hall::domain
