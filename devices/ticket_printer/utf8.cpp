#include "devices/ticket_printer/utf8.h"

#include <cstdint>

namespace devices::printer {
namespace {

PrintError malformedAt(std::string_view field, size_t offset) {
  return {std::string(field), "not valid UTF-8 at byte " + std::to_string(offset)};
}

}  // namespace

PrintResult<std::u32string> decodeUtf8(std::string_view utf8, std::string_view field) {
  std::u32string out;
  size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<uint8_t>(utf8[i]);
    int continuation = 0;
    char32_t cp = 0;
    char32_t smallest = 0;  // below this the sequence is overlong
    if (lead < 0x80) {
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      continuation = 1;
      cp = lead & 0x1F;
      smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      continuation = 2;
      cp = lead & 0x0F;
      smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      continuation = 3;
      cp = lead & 0x07;
      smallest = 0x10000;
    } else {
      return malformedAt(field, i);
    }
    if (i + continuation >= utf8.size()) return malformedAt(field, i);  // cut short
    for (int k = 1; k <= continuation; ++k) {
      const auto byte = static_cast<uint8_t>(utf8[i + k]);
      if ((byte & 0xC0) != 0x80) return malformedAt(field, i);
      cp = (cp << 6) | (byte & 0x3F);
    }
    if (cp < smallest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return malformedAt(field, i);
    }
    out.push_back(cp);
    i += 1 + continuation;
  }
  return out;
}

std::string encodeUtf8(std::u32string_view text) {
  std::string out;
  for (const char32_t cp : text) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

}  // namespace devices::printer
