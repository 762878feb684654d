// QrMatrix: the modules of a QR code, dark or light, as libqrencode makes
// them — without the quiet zone, which is the renderers' to add. The ESC/POS
// raster and the PNG preview both draw from this one matrix, so the two show
// the same code. Immutable value.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "devices/ticket_printer/print_result.h"

namespace devices::printer {

class QrMatrix {
 public:
  // Light modules the standard asks around the symbol, on each side.
  static constexpr int kQuietZone = 4;

  // Encodes `content` (case-sensitive) at error correction level M, in the
  // smallest version that holds it. Refuses empty content and content longer
  // than a QR code holds, naming `field`.
  static PrintResult<QrMatrix> encode(std::string_view content, std::string_view field);

  // Modules per side (21 for version 1 … 177 for version 40).
  int size() const { return size_; }
  // Precondition: 0 <= x, y < size().
  bool isDark(int x, int y) const { return dark_[static_cast<size_t>(y * size_ + x)]; }

 private:
  QrMatrix(int size, std::vector<bool> dark) : size_(size), dark_(std::move(dark)) {}

  int size_;
  std::vector<bool> dark_;  // row by row
};

}  // namespace devices::printer
