#include "devices/ticket_printer/cjk_font.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <cstddef>
#include <string>
#include <utility>

namespace devices::printer {

struct CjkFont::Face {
  FT_Library library = nullptr;
  FT_Face face = nullptr;

  Face() = default;
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;
  ~Face() {
    if (face != nullptr) FT_Done_Face(face);
    if (library != nullptr) FT_Done_FreeType(library);
  }
};

namespace {

// The glyph's em as a share of the cell height, leaving a little air
// between lines as the printer's font does.
constexpr int kEmPercentOfCell = 92;
// Where the baseline sits below the em's top, as a share of the em: Chinese
// glyphs fill the em from about 0.88 above the baseline to 0.12 below.
constexpr int kAscentPercentOfEm = 86;

std::string freetypeError(const std::string& what, FT_Error error) {
  return what + " (FreeType error " + std::to_string(error) + ")";
}

}  // namespace

std::vector<std::filesystem::path> CjkFont::knownPaths() { return CjkFontFile::knownPaths(); }

PrintResult<CjkFont> CjkFont::open(const std::vector<std::filesystem::path>& candidates) {
  PrintResult<CjkFontFile> file = CjkFontFile::find(candidates);
  if (!file.ok()) return file.error();
  const std::string path = file->path.string();
  auto face = std::make_unique<Face>();
  if (const FT_Error e = FT_Init_FreeType(&face->library); e != 0) {
    return PrintError{"", freetypeError("cannot start FreeType", e)};
  }
  if (const FT_Error e = FT_New_Face(face->library, path.c_str(), file->face_index, &face->face);
      e != 0) {
    return PrintError{"", freetypeError("cannot read the font " + path, e)};
  }
  if (!FT_IS_SCALABLE(face->face)) {
    return PrintError{"", "the font " + path + " has no outlines to scale"};
  }
  return CjkFont(std::move(face));
}

CjkFont::CjkFont(std::unique_ptr<Face> face) : face_(std::move(face)) {}
CjkFont::CjkFont(CjkFont&&) noexcept = default;
CjkFont& CjkFont::operator=(CjkFont&&) noexcept = default;
CjkFont::~CjkFont() = default;

void CjkFont::draw(GrayCanvas& canvas, char32_t cp, int x, int y, int cell_width, int cell_height,
                   bool bold) {
  FT_Face face = face_->face;
  const int em = cell_height * kEmPercentOfCell / 100;
  if (FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(em)) != 0) return;
  if (FT_Load_Char(face, cp, FT_LOAD_NO_BITMAP) != 0) return;
  FT_GlyphSlot slot = face->glyph;
  // A glyph wider than its cell (Latin letters of a proportional font in the
  // narrow cells) is condensed to fit, as the printer's narrow font is.
  const auto natural_advance = static_cast<int>(slot->advance.x >> 6);
  if (natural_advance > cell_width) {
    const auto condensed = static_cast<FT_UInt>(em * cell_width / natural_advance);
    if (FT_Set_Pixel_Sizes(face, condensed, static_cast<FT_UInt>(em)) != 0) return;
    if (FT_Load_Char(face, cp, FT_LOAD_NO_BITMAP) != 0) return;
  }
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE) return;
  if (bold) FT_Outline_Embolden(&slot->outline, em * 64 / 24);  // about a dot per 24 of em
  if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) return;

  const FT_Bitmap& bitmap = slot->bitmap;
  const int advance = static_cast<int>(slot->advance.x >> 6);
  const int left = x + (cell_width - advance) / 2 + slot->bitmap_left;
  const int baseline = y + (cell_height - em) / 2 + em * kAscentPercentOfEm / 100;
  const int top = baseline - slot->bitmap_top;
  for (unsigned row = 0; row < bitmap.rows; ++row) {
    const unsigned char* line = bitmap.buffer + static_cast<ptrdiff_t>(row) * bitmap.pitch;
    for (unsigned col = 0; col < bitmap.width; ++col) {
      canvas.ink(left + static_cast<int>(col), top + static_cast<int>(row), line[col]);
    }
  }
}

}  // namespace devices::printer
