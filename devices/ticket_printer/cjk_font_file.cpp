#include "devices/ticket_printer/cjk_font_file.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <string>
#include <system_error>

namespace devices::printer {

namespace {

// The face whose family ends in " SC" in a collection of several; else 0.
// False when FreeType cannot read the file at all.
bool simplifiedChineseFace(const std::filesystem::path& path, long* index) {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) return false;
  FT_Face first = nullptr;
  bool readable = FT_New_Face(library, path.c_str(), 0, &first) == 0;
  *index = 0;
  if (readable) {
    const FT_Long faces = first->num_faces;
    FT_Done_Face(first);
    for (FT_Long i = 0; faces > 1 && i < faces; ++i) {
      FT_Face face = nullptr;
      if (FT_New_Face(library, path.c_str(), i, &face) != 0) continue;
      const std::string family = face->family_name != nullptr ? face->family_name : "";
      FT_Done_Face(face);
      if (family.ends_with(" SC")) {
        *index = i;
        break;
      }
    }
  }
  FT_Done_FreeType(library);
  return readable;
}

}  // namespace

std::vector<std::filesystem::path> CjkFontFile::knownPaths() {
  return {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
          "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"};
}

PrintResult<CjkFontFile> CjkFontFile::find(const std::vector<std::filesystem::path>& candidates) {
  for (const std::filesystem::path& path : candidates) {
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(path, ignored)) continue;
    long index = 0;
    if (!simplifiedChineseFace(path, &index)) {
      return PrintError{"", "cannot read the font " + path.string()};
    }
    return CjkFontFile{path, index};
  }
  std::string looked;
  for (const std::filesystem::path& path : candidates) {
    looked += (looked.empty() ? "" : ", ") + path.string();
  }
  return PrintError{"", "no Chinese font found (looked for " + looked +
                            "); install the Debian package fonts-wqy-zenhei"};
}

}  // namespace devices::printer
