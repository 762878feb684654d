// The preview decoded with libpng: one pixel per dot, QR modules where the
// layout puts them and as libqrencode makes them, ink in the lines and none
// in the feeds, and the font package named when no font is installed.
#include "devices/ticket_printer/png_preview.h"

#include <gtest/gtest.h>
#include <png.h>
#include <qrencode.h>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "devices/ticket_printer/slip_layout.h"
#include "ticket_printer/sample_slip.h"

namespace devices::printer {
namespace {

using samples::sampleSlip;

// A PNG decoded by libpng to 8-bit gray.
struct Picture {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> gray;
  std::string problem;

  explicit Picture(const std::vector<uint8_t>& png) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_memory(&image, png.data(), png.size()) == 0) {
      problem = image.message;
      return;
    }
    image.format = PNG_FORMAT_GRAY;
    gray.resize(PNG_IMAGE_SIZE(image));
    if (png_image_finish_read(&image, nullptr, gray.data(), 0, nullptr) == 0) {
      problem = image.message;
      return;
    }
    width = static_cast<int>(image.width);
    height = static_cast<int>(image.height);
  }

  uint8_t at(int x, int y) const { return gray[static_cast<size_t>(y * width + x)]; }
  int darkPixelsInRows(int top, int bottom) const {
    int n = 0;
    for (int y = top; y < bottom; ++y) {
      for (int x = 0; x < width; ++x) n += at(x, y) < 128 ? 1 : 0;
    }
    return n;
  }
};

Picture render(const TicketSlip& slip, PaperWidth width) {
  const PrintResult<std::vector<uint8_t>> png = renderPng(slip, width);
  EXPECT_TRUE(png.ok()) << png.error().describe();
  return Picture(png.ok() ? *png : std::vector<uint8_t>{});
}

const SlipBlock* blockOf(const SlipLayout& layout, const std::string& field) {
  for (const SlipBlock& block : layout.blocks) {
    const auto* line = std::get_if<TextLine>(&block.content);
    if (line != nullptr && line->field == field) return &block;
  }
  return nullptr;
}

class PngOnPaper : public testing::TestWithParam<PaperWidth> {};

TEST_P(PngOnPaper, IsOnePixelPerDotAndAsLongAsTheSlip) {
  const Picture picture = render(sampleSlip(), GetParam());
  ASSERT_EQ(picture.problem, "");
  EXPECT_EQ(picture.width, GetParam() == PaperWidth::k58mm ? 384 : 576);
  EXPECT_EQ(picture.height, layoutSlip(sampleSlip(), GetParam())->height);
}

TEST_P(PngOnPaper, DrawsTheQrModulesOfLibqrencodeWithAQuietZone) {
  const TicketSlip slip = sampleSlip();
  const Picture picture = render(slip, GetParam());
  ASSERT_EQ(picture.problem, "");
  const PrintResult<SlipLayout> layout = layoutSlip(slip, GetParam());
  const SlipBlock* qr_block = nullptr;
  for (const SlipBlock& block : layout->blocks) {
    if (std::holds_alternative<QrImage>(block.content)) qr_block = &block;
  }
  ASSERT_NE(qr_block, nullptr);
  const QrImage& qr = std::get<QrImage>(qr_block->content);

  const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(slip.status_url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  ASSERT_NE(code, nullptr);
  const int d = qr.module_dots;
  const int left = leftOf(qr, picture.width) + 4 * d;
  const int top = qr_block->top + 4 * d;
  int mismatches = 0;
  // Every pixel of every module, and the quiet zone around the symbol.
  for (int my = -4; my < code->width + 4; ++my) {
    for (int mx = -4; mx < code->width + 4; ++mx) {
      const bool in_symbol = mx >= 0 && my >= 0 && mx < code->width && my < code->width;
      const bool dark = in_symbol && (code->data[my * code->width + mx] & 1) != 0;
      for (int y = top + my * d; y < top + (my + 1) * d; ++y) {
        for (int x = left + mx * d; x < left + (mx + 1) * d; ++x) {
          if (picture.at(x, y) != (dark ? 0 : 255)) ++mismatches;
        }
      }
    }
  }
  EXPECT_EQ(mismatches, 0);
}

TEST_P(PngOnPaper, InksTheNumbersBandAndLeavesFeedsWhite) {
  const Picture picture = render(sampleSlip(), GetParam());
  ASSERT_EQ(picture.problem, "");
  const PrintResult<SlipLayout> layout = layoutSlip(sampleSlip(), GetParam());
  const SlipBlock* number = blockOf(*layout, "number");
  ASSERT_NE(number, nullptr);
  // Four bold characters at scale 4 or more cover thousands of pixels.
  EXPECT_GT(picture.darkPixelsInRows(number->top, number->top + number->height), 2000);
  for (const SlipBlock& block : layout->blocks) {
    if (std::holds_alternative<Feed>(block.content)) {
      EXPECT_EQ(picture.darkPixelsInRows(block.top, block.top + block.height), 0)
          << "feed at " << block.top;
    }
  }
  for (const char* field : {"hall_name", "queue_name", "ahead", "issued_at", "notice"}) {
    const SlipBlock* block = blockOf(*layout, field);
    ASSERT_NE(block, nullptr) << field;
    EXPECT_GT(picture.darkPixelsInRows(block->top, block->top + block->height), 100) << field;
  }
}

INSTANTIATE_TEST_SUITE_P(Widths, PngOnPaper, testing::Values(PaperWidth::k58mm, PaperWidth::k80mm),
                         [](const testing::TestParamInfo<PaperWidth>& info) {
                           return info.param == PaperWidth::k58mm ? "Paper58mm" : "Paper80mm";
                         });

TEST(PngPreview, ADifferentNumberChangesOnlyTheNumbersBand) {
  TicketSlip other = sampleSlip();
  other.number = "B002";
  const Picture a = render(sampleSlip(), PaperWidth::k58mm);
  const Picture b = render(other, PaperWidth::k58mm);
  ASSERT_EQ(a.problem, "");
  ASSERT_EQ(b.problem, "");
  ASSERT_EQ(a.height, b.height);
  const PrintResult<SlipLayout> layout = layoutSlip(sampleSlip(), PaperWidth::k58mm);
  ASSERT_TRUE(layout.ok());
  const SlipBlock* number = blockOf(*layout, "number");
  ASSERT_NE(number, nullptr);
  int inside = 0;
  int outside = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      if (a.at(x, y) == b.at(x, y)) continue;
      (y >= number->top && y < number->top + number->height ? inside : outside) += 1;
    }
  }
  EXPECT_GT(inside, 100);
  EXPECT_EQ(outside, 0);
}

TEST(PngPreview, NamesTheFontPackageWhenNoFontIsInstalled) {
  const PrintResult<std::vector<uint8_t>> png =
      renderPng(sampleSlip(), PaperWidth::k58mm, {"/nonexistent/wqy-zenhei.ttc"});
  ASSERT_FALSE(png.ok());
  EXPECT_NE(png.error().message.find("fonts-wqy-zenhei"), std::string::npos) << png.error().message;
  EXPECT_NE(png.error().message.find("/nonexistent/wqy-zenhei.ttc"), std::string::npos);
}

TEST(PngPreview, RefusesTheSlipsTheEscPosWriterRefuses) {
  TicketSlip slip = sampleSlip();
  slip.number.clear();
  const PrintResult<std::vector<uint8_t>> png = renderPng(slip, PaperWidth::k80mm);
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.error().field, "number");
}

}  // namespace
}  // namespace devices::printer
