// renderPng: a picture of the ticket as the printer would print it — a
// grayscale PNG one pixel per printer dot (384 or 576 wide), white paper,
// black text drawn with FreeType in a Chinese font, the QR code from the same
// matrix as the ESC/POS raster. Lines and places come from slip_layout.h, so
// the preview and the print job agree; the preview is for screens (the
// kiosk's "your ticket" page, the admin's printer test) and for checking a
// layout without paper.
//
// Thread-safe: each call loads its own font.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "devices/ticket_printer/print_result.h"
#include "devices/ticket_printer/ticket_slip.h"

namespace devices::printer {

// With the first font of CjkFont::knownPaths() that is installed.
PrintResult<std::vector<uint8_t>> renderPng(const TicketSlip& slip, PaperWidth width);

// With the first of `font_paths` that exists (a .ttf, .otf or .ttc with
// Chinese glyphs); an error names fonts-wqy-zenhei when none does.
PrintResult<std::vector<uint8_t>> renderPng(const TicketSlip& slip, PaperWidth width,
                                            const std::vector<std::filesystem::path>& font_paths);

}  // namespace devices::printer
