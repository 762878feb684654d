#include "devices/ticket_printer/slip_layout.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "devices/ticket_printer/utf8.h"

namespace devices::printer {
namespace {

constexpr int kLineGap = 8;        // dots between text lines
constexpr int kTopMargin = 16;     // blank paper above the hall name
constexpr int kSectionGap = 12;    // between the header, the number, the facts, the QR code
constexpr int kTailFeed = 96;      // carries the last line past the cutter (about 12 mm)
constexpr int kMinModuleDots = 3;  // smaller modules do not scan reliably off thermal paper

// Preferred magnifications and the largest QR module, per paper width.
struct Proportions {
  int queue_scale;
  int number_scale;
  int max_module_dots;
};

Proportions proportionsFor(PaperWidth width) {
  if (width == PaperWidth::k58mm) return {2, 4, 6};
  return {2, 5, 8};
}

int widthAt(std::u32string_view text, int scale) {
  int dots = 0;
  for (const char32_t cp : text) dots += cellWidthOf(cp) * scale;
  return dots;
}

std::u32string digits(int n) {
  const std::string ascii = std::to_string(n);
  return {ascii.begin(), ascii.end()};
}

bool isControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::string codePointName(char32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string name = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) name.push_back(kHex[(cp >> shift) & 0xF]);
  return name;
}

// Decodes a slip text, refusing control characters: they would be taken for
// printer commands. `\n` is allowed where `allow_newline` (the notice).
PrintResult<std::u32string> slipText(std::string_view utf8, std::string_view field,
                                     bool allow_newline = false) {
  PrintResult<std::u32string> text = decodeUtf8(utf8, field);
  if (!text.ok()) return text;
  for (const char32_t cp : *text) {
    if (isControl(cp) && !(allow_newline && cp == U'\n')) {
      return PrintError{std::string(field),
                        "must not contain the control character " + codePointName(cp)};
    }
  }
  return text;
}

class LayoutBuilder {
 public:
  explicit LayoutBuilder(int dots_across) { layout_.dots_across = dots_across; }

  void feed(int dots) { add(dots, Feed{}); }

  // Sets `text` at the largest scale up to `scale` at which it fits one line;
  // if it fits at none, wraps it at scale 1. Each `\n` starts a new line.
  void text(std::u32string_view text, int scale, bool bold, const std::string& field) {
    size_t start = 0;
    while (true) {
      const size_t end = text.find(U'\n', start);
      paragraph(text.substr(start, end == std::u32string_view::npos ? end : end - start), scale,
                bold, field);
      if (end == std::u32string_view::npos) break;
      start = end + 1;
    }
  }

  void qr(QrMatrix matrix, int module_dots) {
    QrImage image{std::move(matrix), module_dots};
    const int height = image.dotsWide();
    add(height, std::move(image));
  }

  SlipLayout finish() && { return std::move(layout_); }

 private:
  void paragraph(std::u32string_view text, int scale, bool bold, const std::string& field) {
    if (text.empty()) {
      line(U"", 1, bold, field);
      return;
    }
    for (int s = scale; s >= 1; --s) {
      if (widthAt(text, s) <= layout_.dots_across) {
        line(text, s, bold, field);
        return;
      }
    }
    std::u32string current;
    for (const char32_t cp : text) {
      if (widthAt(current, 1) + cellWidthOf(cp) > layout_.dots_across) {
        const size_t cut = breakPoint(current);
        std::u32string_view first = std::u32string_view(current).substr(0, cut);
        while (first.size() > 1 && first.back() == U' ') first.remove_suffix(1);
        line(first, 1, bold, field);
        current.erase(0, cut);
      }
      current.push_back(cp);
    }
    line(current, 1, bold, field);
  }

  // Where to end a full line: after its last punctuation or space when that
  // keeps at least half the line, else anywhere (Chinese breaks between any
  // two characters).
  static size_t breakPoint(std::u32string_view full) {
    static constexpr std::u32string_view kBreakAfter = U"，。；：、！？,.;:!? ";
    for (size_t i = full.size(); i > full.size() / 2; --i) {
      if (kBreakAfter.find(full[i - 1]) != std::u32string_view::npos) return i;
    }
    return full.size();
  }

  void line(std::u32string_view text, int scale, bool bold, const std::string& field) {
    add(linePitch(scale), TextLine{std::u32string(text), scale, bold, field});
  }

  void add(int height, std::variant<TextLine, QrImage, Feed> content) {
    layout_.blocks.push_back({layout_.height, height, std::move(content)});
    layout_.height += height;
  }

  SlipLayout layout_;
};

}  // namespace

int cellWidthOf(char32_t cp) { return cp < 0x80 ? kNarrowCellWidth : kWideCellWidth; }

int TextLine::dotsWide() const { return widthAt(text, scale); }

int QrImage::dotsWide() const { return (matrix.size() + 2 * QrMatrix::kQuietZone) * module_dots; }

int leftOf(const TextLine& line, int dots_across) { return (dots_across - line.dotsWide()) / 2; }

int leftOf(const QrImage& qr, int dots_across) {
  return (dots_across - (qr.dotsWide() + 7) / 8 * 8) / 2;
}

int linePitch(int scale) { return kCellHeight * scale + kLineGap; }

PrintResult<SlipLayout> layoutSlip(const TicketSlip& slip, PaperWidth width) {
  const int dots = dotsAcross(width);
  const Proportions proportions = proportionsFor(width);

  PrintResult<std::u32string> hall = slipText(slip.hall_name, "hall_name");
  if (!hall.ok()) return hall.error();
  PrintResult<std::u32string> queue = slipText(slip.queue_name, "queue_name");
  if (!queue.ok()) return queue.error();
  PrintResult<std::u32string> number = slipText(slip.number, "number");
  if (!number.ok()) return number.error();
  if (number->empty()) return PrintError{"number", "must not be empty"};
  if (slip.ahead < 0) return PrintError{"ahead", "must not be negative"};
  if (slip.estimated_wait_minutes < 0) {
    return PrintError{"estimated_wait_minutes", "must not be negative"};
  }
  PrintResult<std::u32string> issued = slipText(slip.issued_at, "issued_at");
  if (!issued.ok()) return issued.error();
  PrintResult<std::u32string> notice = slipText(slip.notice, "notice", /*allow_newline=*/true);
  if (!notice.ok()) return notice.error();
  PrintResult<std::u32string> url = slipText(slip.status_url, "status_url");
  if (!url.ok()) return url.error();
  PrintResult<QrMatrix> matrix = QrMatrix::encode(slip.status_url, "status_url");
  if (!matrix.ok()) return matrix.error();

  const int modules = matrix->size() + 2 * QrMatrix::kQuietZone;
  const int module_dots = std::min(proportions.max_module_dots, dots * 2 / 3 / modules);
  if (module_dots < kMinModuleDots) {
    return PrintError{"status_url", "too long for a QR code that scans on this paper (" +
                                        std::to_string(modules) + " modules across, at most " +
                                        std::to_string(dots * 2 / 3 / kMinModuleDots) + ")"};
  }

  LayoutBuilder b(dots);
  b.feed(kTopMargin);
  if (!hall->empty()) b.text(*hall, 1, /*bold=*/true, "hall_name");
  if (!queue->empty()) {
    b.feed(kSectionGap);
    b.text(*queue, proportions.queue_scale, /*bold=*/true, "queue_name");
  }
  b.feed(kSectionGap);
  b.text(*number, proportions.number_scale, /*bold=*/true, "number");
  b.feed(kSectionGap);
  b.text(U"前面还有 " + digits(slip.ahead) + U" 人", 1, false, "ahead");
  b.text(U"预计等候约 " + digits(slip.estimated_wait_minutes) + U" 分钟", 1, false,
         "estimated_wait_minutes");
  if (!issued->empty()) b.text(U"取号时间 " + *issued, 1, false, "issued_at");
  b.feed(kSectionGap);
  b.qr(std::move(matrix).value(), module_dots);
  b.text(U"扫码查看排队进度", 1, false, "");
  if (!notice->empty()) {
    b.feed(kSectionGap);
    b.text(*notice, 1, false, "notice");
  }
  b.feed(kTailFeed);
  return std::move(b).finish();
}

}  // namespace devices::printer
