// CjkFontFile: which installed font file draws Chinese, and which face of it
// — the Simplified Chinese one of a collection. Shared by the ticket preview
// (cjk_font.h) and the hall's PDF documents (portal/documents), so both find
// the same font the same way and name the same package when none is there.
//
// A plain value; find reads the file system and is safe from any thread.
#pragma once

#include <filesystem>
#include <vector>

#include "devices/ticket_printer/print_result.h"

namespace devices::printer {

struct CjkFontFile {
  std::filesystem::path path;
  long face_index = 0;  // of a font collection (.ttc)

  // Where Debian packages put the fonts we can use, best first:
  // fonts-wqy-zenhei (what tools/setup-deps installs), fonts-noto-cjk,
  // fonts-wqy-microhei.
  static std::vector<std::filesystem::path> knownPaths();

  // The first of `candidates` that is a readable font, with its Simplified
  // Chinese face (Noto Sans CJK puts Japanese first; otherwise face 0). When
  // none is, the error lists them and names the package to install.
  static PrintResult<CjkFontFile> find(const std::vector<std::filesystem::path>& candidates);
};

}  // namespace devices::printer
