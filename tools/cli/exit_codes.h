// Exit statuses shared by every `hall` verb, so scripts can tell "the models
// have errors" (1) from "you called me wrong" (2).
#pragma once

namespace hall::cli {

inline constexpr int kExitClean = 0;
inline constexpr int kExitErrors = 1;
inline constexpr int kExitUsage = 2;

}  // namespace hall::cli
