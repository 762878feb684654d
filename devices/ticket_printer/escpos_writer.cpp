#include "devices/ticket_printer/escpos_writer.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <variant>

#include "devices/ticket_printer/gb18030.h"
#include "devices/ticket_printer/utf8.h"

namespace devices::printer {
namespace {

constexpr uint8_t kEsc = 0x1B;
constexpr uint8_t kFs = 0x1C;
constexpr uint8_t kGs = 0x1D;
constexpr uint8_t kLf = 0x0A;

class Job {
 public:
  void bytes(std::initializer_list<uint8_t> b) { out_.insert(out_.end(), b); }
  void text(const std::string& gb18030) { out_.insert(out_.end(), gb18030.begin(), gb18030.end()); }

  void initialize() { bytes({kEsc, '@'}); }
  void chineseMode() { bytes({kFs, '&'}); }
  void centre() { bytes({kEsc, 'a', 1}); }
  void lineSpacing(int dots) { bytes({kEsc, '3', static_cast<uint8_t>(dots)}); }
  void bold(bool on) { bytes({kEsc, 'E', static_cast<uint8_t>(on ? 1 : 0)}); }
  // Width and height magnification alike, 1…8.
  void size(int scale) {
    const auto n = static_cast<uint8_t>(scale - 1);
    bytes({kGs, '!', static_cast<uint8_t>((n << 4) | n)});
  }
  void feedDots(int dots) {
    while (dots > 0) {
      const int step = std::min(dots, 255);
      bytes({kEsc, 'J', static_cast<uint8_t>(step)});
      dots -= step;
    }
  }
  void partialCut() { bytes({kGs, 'V', 1}); }

  // GS v 0 in normal density: rows of width_bytes bytes, the leftmost dot in
  // the high bit, 1 = dark.
  void raster(int width_bytes, int rows, const std::vector<uint8_t>& bits) {
    bytes({kGs, 'v', '0', 0, static_cast<uint8_t>(width_bytes & 0xFF),
           static_cast<uint8_t>(width_bytes >> 8), static_cast<uint8_t>(rows & 0xFF),
           static_cast<uint8_t>(rows >> 8)});
    out_.insert(out_.end(), bits.begin(), bits.end());
  }

  std::vector<uint8_t> take() && { return std::move(out_); }

 private:
  std::vector<uint8_t> out_;
};

// The QR code with its quiet zone, module_dots per module, padded on the
// right with light dots to whole bytes.
void writeQr(Job& job, const QrImage& qr) {
  const int dots = qr.dotsWide();
  const int width_bytes = (dots + 7) / 8;
  std::vector<uint8_t> bits(static_cast<size_t>(width_bytes) * static_cast<size_t>(dots), 0);
  const int quiet = QrMatrix::kQuietZone;
  for (int y = 0; y < dots; ++y) {
    const int my = y / qr.module_dots - quiet;
    for (int x = 0; x < dots; ++x) {
      const int mx = x / qr.module_dots - quiet;
      const bool inside = mx >= 0 && my >= 0 && mx < qr.matrix.size() && my < qr.matrix.size();
      if (inside && qr.matrix.isDark(mx, my)) {
        bits[static_cast<size_t>(y * width_bytes + x / 8)] |= static_cast<uint8_t>(0x80 >> (x % 8));
      }
    }
  }
  job.raster(width_bytes, dots, bits);
}

}  // namespace

PrintResult<std::vector<uint8_t>> writeEscPos(const SlipLayout& layout) {
  Job job;
  job.initialize();
  job.chineseMode();
  job.centre();
  for (const SlipBlock& block : layout.blocks) {
    if (const auto* line = std::get_if<TextLine>(&block.content)) {
      PrintResult<std::string> encoded = toGb18030(encodeUtf8(line->text), line->field);
      if (!encoded.ok()) return encoded.error();
      job.lineSpacing(block.height);
      job.size(line->scale);
      job.bold(line->bold);
      job.text(*encoded);
      job.bytes({kLf});
    } else if (const auto* qr = std::get_if<QrImage>(&block.content)) {
      writeQr(job, *qr);
    } else {
      job.feedDots(block.height);
    }
  }
  job.partialCut();
  return std::move(job).take();
}

PrintResult<std::vector<uint8_t>> renderEscPos(const TicketSlip& slip, PaperWidth width) {
  PrintResult<SlipLayout> layout = layoutSlip(slip, width);
  if (!layout.ok()) return layout.error();
  return writeEscPos(*layout);
}

}  // namespace devices::printer
