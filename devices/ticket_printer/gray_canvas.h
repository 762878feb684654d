// GrayCanvas: an 8-bit grayscale picture in memory, 255 white and 0 black,
// on which the PNG preview draws a ticket. Drawing outside it is clipped.
// A plain value; not for concurrent writers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace devices::printer {

class GrayCanvas {
 public:
  static constexpr uint8_t kWhite = 255;

  GrayCanvas(int width, int height)
      : width_(width),
        height_(height),
        pixels_(static_cast<size_t>(width) * static_cast<size_t>(height), kWhite) {}

  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<uint8_t>& pixels() const { return pixels_; }  // row by row

  // Lays ink of `coverage` (0 none … 255 full) over the pixel: where ink
  // overlaps, the darker wins.
  void ink(int x, int y, uint8_t coverage) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    uint8_t& p =
        pixels_[static_cast<size_t>(y) * static_cast<size_t>(width_) + static_cast<size_t>(x)];
    p = std::min(p, static_cast<uint8_t>(kWhite - coverage));
  }

  void fillBlack(int x, int y, int w, int h) {
    for (int row = y; row < y + h; ++row) {
      for (int col = x; col < x + w; ++col) ink(col, row, 255);
    }
  }

 private:
  int width_;
  int height_;
  std::vector<uint8_t> pixels_;
};

}  // namespace devices::printer
