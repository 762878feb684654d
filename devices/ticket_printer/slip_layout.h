// SlipLayout: where everything on a ticket goes, in printer dots, worked out
// once so that the ESC/POS stream and the PNG preview print the same lines at
// the same places. Text is measured the way a Chinese-mode ESC/POS printer
// sets it: ASCII in 12×24-dot cells, every other character (two or four
// bytes in GB18030) in 24×24-dot cells, each magnified by the line's scale
// (GS !). Every line is centred; a line too wide for the paper is first set
// smaller (down to scale 1), then wrapped.
//
// layoutSlip checks the slip: the errors name the TicketSlip field. Plain
// value; thread-safe as such.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "devices/ticket_printer/print_result.h"
#include "devices/ticket_printer/qr_matrix.h"
#include "devices/ticket_printer/ticket_slip.h"

namespace devices::printer {

// The printer's character cell at scale 1, in dots.
inline constexpr int kCellHeight = 24;
inline constexpr int kNarrowCellWidth = 12;  // ASCII
inline constexpr int kWideCellWidth = 24;    // everything else

// One printed line of text, centred.
struct TextLine {
  std::u32string text;
  int scale = 1;      // magnification of width and height alike, 1…8 (GS !)
  bool bold = false;  // ESC E
  std::string field;  // the TicketSlip field it shows, or "" for fixed words

  int dotsWide() const;
};

// The QR code, centred: its matrix inside a light quiet zone of
// QrMatrix::kQuietZone modules on every side, each module a square of
// module_dots × module_dots dots.
struct QrImage {
  QrMatrix matrix;
  int module_dots = 1;

  // Modules per side including the quiet zone, times module_dots.
  int dotsWide() const;
};

// Blank paper.
struct Feed {};

struct SlipBlock {
  int top = 0;     // dots from the top of the slip
  int height = 0;  // dots the paper moves for this block; text sits at the top of it
  std::variant<TextLine, QrImage, Feed> content;
};

struct SlipLayout {
  int dots_across = 0;
  int height = 0;                 // sum of the blocks' heights: the paper one ticket takes
  std::vector<SlipBlock> blocks;  // top to bottom, without gaps or overlaps
};

// The width of `cp`'s cell at scale 1: kNarrowCellWidth or kWideCellWidth.
int cellWidthOf(char32_t cp);

// Where a centred block starts across the paper. The printer centres a raster
// image by its width in whole bytes (dotsWide rounded up to a multiple of 8,
// the padding light on the right), so the QR code's left edge is there too.
int leftOf(const TextLine& line, int dots_across);
int leftOf(const QrImage& qr, int dots_across);

// Dots the paper moves for one text line: the cell height times the scale,
// plus a gap between lines.
int linePitch(int scale);

PrintResult<SlipLayout> layoutSlip(const TicketSlip& slip, PaperWidth width);

}  // namespace devices::printer
