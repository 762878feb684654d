#include "devices/ticket_printer/png_preview.h"

#include <png.h>

#include <string>
#include <utility>
#include <variant>

#include "devices/ticket_printer/cjk_font.h"
#include "devices/ticket_printer/gray_canvas.h"
#include "devices/ticket_printer/slip_layout.h"

namespace devices::printer {
namespace {

void drawText(GrayCanvas& canvas, CjkFont& font, const TextLine& line, int top) {
  int x = leftOf(line, canvas.width());
  const int cell_height = kCellHeight * line.scale;
  for (const char32_t cp : line.text) {
    const int cell_width = cellWidthOf(cp) * line.scale;
    if (cp != U' ') font.draw(canvas, cp, x, top, cell_width, cell_height, line.bold);
    x += cell_width;
  }
}

void drawQr(GrayCanvas& canvas, const QrImage& qr, int top) {
  const int left = leftOf(qr, canvas.width());
  const int origin = QrMatrix::kQuietZone * qr.module_dots;
  for (int my = 0; my < qr.matrix.size(); ++my) {
    for (int mx = 0; mx < qr.matrix.size(); ++mx) {
      if (!qr.matrix.isDark(mx, my)) continue;
      canvas.fillBlack(left + origin + mx * qr.module_dots, top + origin + my * qr.module_dots,
                       qr.module_dots, qr.module_dots);
    }
  }
}

// Encodes with libpng's simplified API, which reports errors in the image
// struct instead of by longjmp.
PrintResult<std::vector<uint8_t>> encodePng(const GrayCanvas& canvas) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(canvas.width());
  image.height = static_cast<png_uint_32>(canvas.height());
  image.format = PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  if (png_image_write_to_memory(&image, nullptr, &size, 0, canvas.pixels().data(), 0, nullptr) ==
      0) {
    return PrintError{"", std::string("PNG encoding failed: ") + image.message};
  }
  std::vector<uint8_t> png(size);
  if (png_image_write_to_memory(&image, png.data(), &size, 0, canvas.pixels().data(), 0, nullptr) ==
      0) {
    return PrintError{"", std::string("PNG encoding failed: ") + image.message};
  }
  png.resize(size);
  return png;
}

}  // namespace

PrintResult<std::vector<uint8_t>> renderPng(const TicketSlip& slip, PaperWidth width) {
  return renderPng(slip, width, CjkFont::knownPaths());
}

PrintResult<std::vector<uint8_t>> renderPng(const TicketSlip& slip, PaperWidth width,
                                            const std::vector<std::filesystem::path>& font_paths) {
  PrintResult<SlipLayout> layout = layoutSlip(slip, width);
  if (!layout.ok()) return layout.error();
  PrintResult<CjkFont> opened = CjkFont::open(font_paths);
  if (!opened.ok()) return opened.error();
  CjkFont font = std::move(opened).value();

  GrayCanvas canvas(layout->dots_across, layout->height);
  for (const SlipBlock& block : layout->blocks) {
    if (const auto* line = std::get_if<TextLine>(&block.content)) {
      drawText(canvas, font, *line, block.top);
    } else if (const auto* qr = std::get_if<QrImage>(&block.content)) {
      drawQr(canvas, *qr, block.top);
    }
  }
  return encodePng(canvas);
}

}  // namespace devices::printer
