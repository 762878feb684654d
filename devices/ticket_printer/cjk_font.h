// CjkFont: a Chinese font, loaded with FreeType from a font file a Debian
// package installs, that draws one character at a time into a printer cell
// of a GrayCanvas — the way the printer's own 24×24 font fills its cells, so
// the preview lines up with the print.
//
// Owns its FreeType library and face; movable, not copyable. One CjkFont is
// for one thread at a time (FreeType faces are not shared across threads).
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "devices/ticket_printer/cjk_font_file.h"
#include "devices/ticket_printer/gray_canvas.h"
#include "devices/ticket_printer/print_result.h"

namespace devices::printer {

class CjkFont {
 public:
  // CjkFontFile::knownPaths(): the fonts Debian packages install, best first.
  static std::vector<std::filesystem::path> knownPaths();

  // Opens the face CjkFontFile::find picks of `candidates`. When none
  // exists, the error lists them and names the package to install.
  static PrintResult<CjkFont> open(const std::vector<std::filesystem::path>& candidates);

  CjkFont(CjkFont&&) noexcept;
  CjkFont& operator=(CjkFont&&) noexcept;
  ~CjkFont();

  // Draws `cp` centred in the cell whose top-left corner is (x, y), of
  // cell_width × cell_height pixels, sized to the cell height.
  void draw(GrayCanvas& canvas, char32_t cp, int x, int y, int cell_width, int cell_height,
            bool bold);

 private:
  struct Face;
  explicit CjkFont(std::unique_ptr<Face> face);

  std::unique_ptr<Face> face_;
};

}  // namespace devices::printer
