// Writes a HallLayout as a hall model document (namespace urn:hall:layout:1)
// that readHallLayout reads back to an equal layout (source locations
// aside): the export of the hall directory, and how it stores the hall.
// Comments of a hand-written file are not kept; the output is the same for
// the same layout, so two exports can be compared as text.
//
// Thread-safety: a pure function of its argument.
#pragma once

#include <string>

#include "portal/domain/hall_layout.h"

namespace hall::domain {

std::string writeHallLayout(const HallLayout& layout);

}  // namespace hall::domain
