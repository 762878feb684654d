// The print job read back command by command as a printer would: reset
// first, partial cut last, only known commands, text in GB18030 (decoded with
// iconv), and the raster compared dot for dot with libqrencode's matrix.
#include "devices/ticket_printer/escpos_writer.h"

#include <gtest/gtest.h>
#include <iconv.h>
#include <qrencode.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ticket_printer/sample_slip.h"

namespace devices::printer {
namespace {

using samples::sampleSlip;

std::vector<uint8_t> render(const TicketSlip& slip, PaperWidth width) {
  PrintResult<std::vector<uint8_t>> job = renderEscPos(slip, width);
  EXPECT_TRUE(job.ok()) << job.error().describe();
  return job.ok() ? *job : std::vector<uint8_t>{};
}

// GB18030 back to UTF-8, with iconv used the other way round from the code
// under test.
std::string fromGb18030(const std::string& bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  std::string in = bytes;
  std::string out(bytes.size() * 4, '\0');
  char* ip = in.data();
  size_t il = in.size();
  char* op = out.data();
  size_t ol = out.size();
  const size_t rc = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1)) return "<not GB18030>";
  out.resize(out.size() - ol);
  return out;
}

struct Raster {
  int width_bytes = 0;
  int rows = 0;
  std::vector<uint8_t> bits;
  bool dark(int x, int y) const {
    return (bits[static_cast<size_t>(y * width_bytes + x / 8)] & (0x80 >> (x % 8))) != 0;
  }
};

struct PrintedLine {
  std::string utf8;
  int width_scale = 1;
  int height_scale = 1;
  bool bold = false;
};

// Reads a print job the way a printer would, knowing only the commands the
// writer is meant to use; anything else is a failure. Text between commands
// is collected per line (up to LF).
struct JobReader {
  std::vector<std::string> commands;  // "ESC @", "FS &", "GS v 0", … in order
  std::vector<PrintedLine> lines;
  std::vector<Raster> rasters;
  bool chinese_mode_before_text = true;
  std::string problem;

  explicit JobReader(const std::vector<uint8_t>& job) {
    bool chinese = false;
    int width_scale = 1;
    int height_scale = 1;
    bool bold = false;
    std::string text;
    size_t i = 0;
    const auto need = [&](size_t n) {
      if (i + n > job.size()) problem = "command cut short at byte " + std::to_string(i);
      return problem.empty();
    };
    while (i < job.size() && problem.empty()) {
      const uint8_t b = job[i];
      if (b == 0x1B) {
        if (!need(2)) break;
        const uint8_t c = job[i + 1];
        if (c == '@') {
          commands.push_back("ESC @");
          i += 2;
        } else if (c == 'a' || c == '3' || c == 'J' || c == 'E' || c == 'd') {
          if (!need(3)) break;
          commands.push_back(std::string("ESC ") + static_cast<char>(c));
          if (c == 'E') bold = job[i + 2] != 0;
          i += 3;
        } else {
          problem = "unknown ESC " + std::to_string(c) + " at byte " + std::to_string(i);
        }
      } else if (b == 0x1C) {
        if (!need(2)) break;
        if (job[i + 1] != '&') problem = "unknown FS command at byte " + std::to_string(i);
        commands.push_back("FS &");
        chinese = true;
        i += 2;
      } else if (b == 0x1D) {
        if (!need(2)) break;
        const uint8_t c = job[i + 1];
        if (c == '!') {
          if (!need(3)) break;
          commands.push_back("GS !");
          width_scale = (job[i + 2] >> 4) + 1;
          height_scale = (job[i + 2] & 0x0F) + 1;
          i += 3;
        } else if (c == 'V') {
          if (!need(3)) break;
          commands.push_back("GS V " + std::to_string(job[i + 2]));
          i += 3;
        } else if (c == 'v') {
          if (!need(8)) break;
          if (job[i + 2] != '0' || job[i + 3] != 0) problem = "unexpected GS v mode";
          Raster r;
          r.width_bytes = job[i + 4] | (job[i + 5] << 8);
          r.rows = job[i + 6] | (job[i + 7] << 8);
          const size_t size = static_cast<size_t>(r.width_bytes) * static_cast<size_t>(r.rows);
          i += 8;
          if (!need(size)) break;
          r.bits.assign(job.begin() + static_cast<ptrdiff_t>(i),
                        job.begin() + static_cast<ptrdiff_t>(i + size));
          rasters.push_back(std::move(r));
          commands.push_back("GS v 0");
          i += size;
        } else {
          problem = "unknown GS " + std::to_string(c) + " at byte " + std::to_string(i);
        }
      } else if (b == 0x0A) {
        commands.push_back("LF");
        lines.push_back({fromGb18030(text), width_scale, height_scale, bold});
        text.clear();
        ++i;
      } else if (b < 0x20 || b == 0x7F) {
        problem = "stray control byte " + std::to_string(b) + " at byte " + std::to_string(i);
      } else {
        if (!chinese) chinese_mode_before_text = false;
        if (text.empty()) commands.push_back("text");
        text.push_back(static_cast<char>(b));
        ++i;
      }
    }
    if (!text.empty() && problem.empty()) problem = "text left without a line feed";
  }

  const PrintedLine* line(const std::string& utf8) const {
    for (const PrintedLine& l : lines) {
      if (l.utf8 == utf8) return &l;
    }
    return nullptr;
  }
};

bool contains(const std::vector<uint8_t>& haystack, const std::string& needle) {
  const std::vector<uint8_t> bytes(needle.begin(), needle.end());
  return std::search(haystack.begin(), haystack.end(), bytes.begin(), bytes.end()) !=
         haystack.end();
}

class EscPosOnPaper : public testing::TestWithParam<PaperWidth> {};

TEST_P(EscPosOnPaper, StartsWithResetAndEndsWithAFeedAndAPartialCut) {
  const std::vector<uint8_t> job = render(sampleSlip(), GetParam());
  ASSERT_GE(job.size(), 6u);
  EXPECT_EQ(job[0], 0x1B);
  EXPECT_EQ(job[1], '@');
  EXPECT_EQ(std::vector<uint8_t>(job.end() - 3, job.end()), (std::vector<uint8_t>{0x1D, 'V', 1}));
  const JobReader reader(job);
  ASSERT_EQ(reader.problem, "");
  ASSERT_GE(reader.commands.size(), 2u);
  EXPECT_EQ(reader.commands[reader.commands.size() - 2], "ESC J") << "a feed before the cut";
}

TEST_P(EscPosOnPaper, HoldsOnlyKnownCommandsAndTextInChineseMode) {
  const JobReader reader(render(sampleSlip(), GetParam()));
  EXPECT_EQ(reader.problem, "");
  EXPECT_TRUE(reader.chinese_mode_before_text);
  EXPECT_EQ(std::count(reader.commands.begin(), reader.commands.end(), "ESC @"), 1);
  EXPECT_EQ(std::count(reader.commands.begin(), reader.commands.end(), "GS v 0"), 1);
}

TEST_P(EscPosOnPaper, PrintsTheSlipsLinesInOrder) {
  const JobReader reader(render(sampleSlip(), GetParam()));
  ASSERT_EQ(reader.problem, "");
  std::vector<std::string> printed;
  for (const PrintedLine& line : reader.lines) printed.push_back(line.utf8);
  std::vector<std::string> expected = {
      "长宁区行政服务中心",        "商事登记",        "A001", "前面还有 3 人", "预计等候约 12 分钟",
      "取号时间 2026-11-29 09:03", "扫码查看排队进度"};
  if (GetParam() == PaperWidth::k58mm) {
    // 20 wide characters are 480 dots: the notice wraps after its comma.
    expected.push_back("请留意叫号屏幕及手机通知，");
    expected.push_back("过号请重新取号");
  } else {
    expected.push_back("请留意叫号屏幕及手机通知，过号请重新取号");
  }
  EXPECT_EQ(printed, expected);
}

TEST_P(EscPosOnPaper, PrintsTheNumberLargeAndBold) {
  const JobReader reader(render(sampleSlip(), GetParam()));
  const PrintedLine* number = reader.line("A001");
  const PrintedLine* ahead = reader.line("前面还有 3 人");
  ASSERT_NE(number, nullptr);
  ASSERT_NE(ahead, nullptr);
  EXPECT_GE(number->width_scale, 3);
  EXPECT_EQ(number->height_scale, number->width_scale);
  EXPECT_TRUE(number->bold);
  EXPECT_EQ(ahead->width_scale, 1);
  EXPECT_FALSE(ahead->bold);
}

TEST_P(EscPosOnPaper, RasterIsTheQrMatrixWithQuietZoneScaledToFitThePaper) {
  const TicketSlip slip = sampleSlip();
  const JobReader reader(render(slip, GetParam()));
  ASSERT_EQ(reader.problem, "");
  ASSERT_EQ(reader.rasters.size(), 1u);
  const Raster& raster = reader.rasters[0];

  const std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(slip.status_url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  ASSERT_NE(qr, nullptr);
  const int modules = qr->width + 2 * 4;  // 4 light modules of quiet zone each side
  ASSERT_EQ(raster.rows % modules, 0) << "rows are whole modules";
  const int scale = raster.rows / modules;
  EXPECT_GE(scale, 3);
  EXPECT_EQ(raster.width_bytes, (modules * scale + 7) / 8);
  EXPECT_LE(raster.width_bytes * 8, GetParam() == PaperWidth::k58mm ? 384 : 576);

  int mismatches = 0;
  for (int y = 0; y < raster.rows; ++y) {
    for (int x = 0; x < raster.width_bytes * 8; ++x) {
      const int mx = x / scale - 4;
      const int my = y / scale - 4;
      const bool in_symbol =
          x < modules * scale && mx >= 0 && my >= 0 && mx < qr->width && my < qr->width;
      const bool want = in_symbol && (qr->data[my * qr->width + mx] & 1) != 0;
      if (raster.dark(x, y) != want) ++mismatches;
    }
  }
  EXPECT_EQ(mismatches, 0);
}

INSTANTIATE_TEST_SUITE_P(Widths, EscPosOnPaper,
                         testing::Values(PaperWidth::k58mm, PaperWidth::k80mm),
                         [](const testing::TestParamInfo<PaperWidth>& info) {
                           return info.param == PaperWidth::k58mm ? "Paper58mm" : "Paper80mm";
                         });

TEST(EscPos, WritesChineseTextInGb18030) {
  const std::vector<uint8_t> job = render(sampleSlip(), PaperWidth::k58mm);
  EXPECT_TRUE(contains(job, "\xC9\xCC\xCA\xC2\xB5\xC7\xBC\xC7"));  // 商事登记
  EXPECT_FALSE(contains(job, "商事登记")) << "no UTF-8 left in the job";
}

TEST(EscPos, GivesEightyMillimetrePaperALargerRasterAndNumber) {
  const JobReader narrow(render(sampleSlip(), PaperWidth::k58mm));
  const JobReader wide(render(sampleSlip(), PaperWidth::k80mm));
  ASSERT_EQ(narrow.rasters.size(), 1u);
  ASSERT_EQ(wide.rasters.size(), 1u);
  EXPECT_GT(wide.rasters[0].width_bytes, narrow.rasters[0].width_bytes);
  EXPECT_GT(wide.line("A001")->width_scale, narrow.line("A001")->width_scale);
}

TEST(EscPos, RefusesAnEmptyNumber) {
  TicketSlip slip = sampleSlip();
  slip.number = "";
  const PrintResult<std::vector<uint8_t>> job = renderEscPos(slip, PaperWidth::k58mm);
  ASSERT_FALSE(job.ok());
  EXPECT_EQ(job.error().describe(), "number: must not be empty");
}

TEST(EscPos, RefusesTextGb18030CannotHoldNamingTheField) {
  TicketSlip slip = sampleSlip();
  slip.notice = "过号请重新取号\xED\xA0\x80";  // a lone surrogate
  const PrintResult<std::vector<uint8_t>> job = renderEscPos(slip, PaperWidth::k80mm);
  ASSERT_FALSE(job.ok());
  EXPECT_EQ(job.error().field, "notice");
}

}  // namespace
}  // namespace devices::printer
