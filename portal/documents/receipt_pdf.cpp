#include "portal/documents/receipt_pdf.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <utility>
#include <vector>

#include "devices/ticket_printer/cjk_font_file.h"
#include "devices/ticket_printer/qr_matrix.h"

namespace portal::documents {

namespace {

using hall::domain::Receipt;

constexpr std::string_view kHallName = "长宁区行政服务中心";

// A4 portrait in PDF points (1/72 inch).
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56;
constexpr double kRight = kPageWidth - kMargin;
constexpr double kQrSize = 112;
constexpr double kQrLeft = kRight - kQrSize;
constexpr double kQrTop = 126;
// Below this the text may use the full width (the QR code is above it).
constexpr double kQrBottom = kQrTop + kQrSize + 22;
constexpr double kLabelWidth = 84;
// Room kept at the foot of the last page for the electronic seal.
constexpr double kSealBlockHeight = 118;
constexpr double kContentBottom = kPageHeight - kMargin - kSealBlockHeight;
constexpr double kLineSpacing = 1.55;
constexpr double kPi = std::numbers::pi;

// The font face, loaded once for the process and never freed: cairo may
// keep scaled fonts of it in its caches for as long as the process lives.
struct ProcessFont {
  cairo_font_face_t* face = nullptr;
  std::string error;
};

const ProcessFont& processFont() {
  static const ProcessFont font = [] {
    ProcessFont f;
    const devices::printer::PrintResult<devices::printer::CjkFontFile> file =
        devices::printer::CjkFontFile::find(devices::printer::CjkFontFile::knownPaths());
    if (!file.ok()) {
      f.error = file.error().describe();
      return f;
    }
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0) {
      f.error = "cannot start FreeType";
      return f;
    }
    FT_Face face = nullptr;
    if (FT_New_Face(library, file->path.c_str(), file->face_index, &face) != 0) {
      FT_Done_FreeType(library);
      f.error = "cannot read the font " + file->path.string();
      return f;
    }
    f.face = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_status(f.face) != CAIRO_STATUS_SUCCESS) {
      f.error = std::string("cairo cannot use the font: ") +
                cairo_status_to_string(cairo_font_face_status(f.face));
      f.face = nullptr;
    }
    return f;
  }();
  return font;
}

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not a
// valid one (overlong forms, surrogates and values past U+10FFFF included).
size_t utf8Length(std::string_view text, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  size_t n = 0;
  uint32_t cp = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (b(i + k) & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
      (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return n;
}

wf::Status checkText(std::string_view field, std::string_view text, bool required) {
  const auto refuse = [&](const std::string& why) {
    return wf::Status::invalid("receipt." + std::string(field) + ": " + why,
                               wf::Value(wf::Object{{"field", wf::Value(field)}}));
  };
  if (required && text.empty()) return refuse("must not be empty");
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8Length(text, i);
    if (n == 0) return refuse("is not valid UTF-8");
    if (n == 1 && (static_cast<unsigned char>(text[i]) < 0x20 || text[i] == 0x7F)) {
      return refuse("holds a control character");
    }
    i += n;
  }
  return wf::Status::ok();
}

wf::Status checkReceipt(const Receipt& r) {
  RETURN_IF_ERROR(checkText("caseCode", r.case_code, true));
  RETURN_IF_ERROR(checkText("matterCode", r.matter_code, false));
  RETURN_IF_ERROR(checkText("matterName", r.matter_name, true));
  RETURN_IF_ERROR(checkText("applicantName", r.applicant_name, false));
  RETURN_IF_ERROR(checkText("applicantIdMasked", r.applicant_id_masked, false));
  RETURN_IF_ERROR(checkText("clerk", r.clerk, false));
  RETURN_IF_ERROR(checkText("window", r.window, false));
  RETURN_IF_ERROR(checkText("department", r.department, false));
  for (const std::string& m : r.materials_received) {
    RETURN_IF_ERROR(checkText("materialsReceived", m, true));
  }
  for (const std::string& m : r.materials_pending) {
    RETURN_IF_ERROR(checkText("materialsPending", m, true));
  }
  RETURN_IF_ERROR(checkText("acceptedAt", r.accepted_at, false));
  RETURN_IF_ERROR(checkText("promisedDate", r.promised_date, false));
  RETURN_IF_ERROR(checkText("statusUrl", r.status_url, true));
  if (r.promised_days < 0) {
    return wf::Status::invalid("receipt.promisedDays: must not be negative",
                               wf::Value(wf::Object{{"field", wf::Value("promisedDays")}}));
  }
  return wf::Status::ok();
}

// "2026-11-29 10:05" (Beijing) → "2026-11-29T10:05:00+08:00"; empty when
// the text has another shape.
std::string isoDateTime(std::string_view local) {
  if (local.size() != 16 || local[10] != ' ' || local[13] != ':') return "";
  return std::string(local.substr(0, 10)) + "T" + std::string(local.substr(11)) + ":00+08:00";
}

cairo_status_t appendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

// Draws text top-down on the pages of one receipt: `y` is the next line's
// top; a line that would run into the seal block goes to a new page.
class Pen {
 public:
  Pen(cairo_t* cr, std::string_view case_code) : cr_(cr), case_code_(case_code) {
    cairo_set_font_face(cr_, processFont().face);
  }

  cairo_t* cairo() const { return cr_; }
  double y() const { return y_; }
  void moveTo(double y) { y_ = y; }
  void skip(double dy) { y_ += dy; }

  void setGray(double g) { cairo_set_source_rgb(cr_, g, g, g); }
  void setRed() { cairo_set_source_rgb(cr_, 0.78, 0.08, 0.08); }

  double width(std::string_view text, double size) {
    cairo_set_font_size(cr_, size);
    cairo_text_extents_t e;
    const std::string s(text);
    cairo_text_extents(cr_, s.c_str(), &e);
    return e.x_advance;
  }

  // Draws `text` with its top at `top`, left edge at `x`.
  void draw(std::string_view text, double x, double top, double size) {
    cairo_set_font_size(cr_, size);
    cairo_move_to(cr_, x, top + size * 0.88);
    const std::string s(text);
    cairo_show_text(cr_, s.c_str());
  }

  void centred(std::string_view text, double size) {
    draw(text, (kPageWidth - width(text, size)) / 2, y_, size);
    y_ += size * kLineSpacing;
  }

  // The lines `text` breaks into at `size` so that none is wider than
  // `max_width` (Chinese breaks between any two characters; so, simply, do
  // Latin words here — the texts are short).
  std::vector<std::string> wrap(std::string_view text, double size, double max_width) {
    std::vector<std::string> lines;
    std::string line;
    double line_width = 0;
    for (size_t i = 0; i < text.size();) {
      const size_t n = std::max<size_t>(1, utf8Length(text, i));
      const std::string_view ch = text.substr(i, n);
      const double w = width(ch, size);
      if (!line.empty() && line_width + w > max_width) {
        lines.push_back(std::move(line));
        line.clear();
        line_width = 0;
      }
      line += ch;
      line_width += w;
      i += n;
    }
    if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
    return lines;
  }

  // The right edge text may reach at the current height.
  double rightEdge() const { return first_page_ && y_ < kQrBottom ? kQrLeft - 16 : kRight; }

  // A label and its value, the value wrapped in its column.
  void row(std::string_view label, std::string_view value, double size) {
    const double x = kMargin + kLabelWidth;
    const std::vector<std::string> lines = wrap(value, size, rightEdge() - x);
    ensureRoom(size * kLineSpacing);
    setGray(0.4);
    draw(label, kMargin, y_, size);
    setGray(0);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) ensureRoom(size * kLineSpacing);
      draw(lines[i], x, y_, size);
      y_ += size * kLineSpacing;
    }
  }

  // A numbered list item, wrapped under its own text.
  void item(int number, std::string_view text, double size) {
    const std::string mark = std::to_string(number) + ".";
    const double x = kMargin + 28;
    const std::vector<std::string> lines = wrap(text, size, rightEdge() - x);
    ensureRoom(size * kLineSpacing);
    setGray(0);
    draw(mark, kMargin + 10, y_, size);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) ensureRoom(size * kLineSpacing);
      draw(lines[i], x, y_, size);
      y_ += size * kLineSpacing;
    }
  }

  void rule(double top, double gray) {
    cairo_set_source_rgb(cr_, gray, gray, gray);
    cairo_set_line_width(cr_, 0.8);
    cairo_move_to(cr_, kMargin, top);
    cairo_line_to(cr_, kRight, top);
    cairo_stroke(cr_);
  }

  void ensureRoom(double height) {
    if (y_ + height <= kContentBottom) return;
    cairo_show_page(cr_);
    first_page_ = false;
    y_ = kMargin;
    setGray(0.4);
    draw("受理凭证（续）  统一办件编码 " + std::string(case_code_), kMargin, y_, 10);
    y_ += 10 * kLineSpacing;
    rule(y_, 0.6);
    y_ += 12;
  }

 private:
  cairo_t* cr_;
  std::string_view case_code_;
  double y_ = kMargin;
  bool first_page_ = true;
};

void drawQr(cairo_t* cr, const devices::printer::QrMatrix& qr, double left, double top,
            double size) {
  const int modules = qr.size() + 2 * devices::printer::QrMatrix::kQuietZone;
  const double module = size / modules;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, left, top, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  const double origin = devices::printer::QrMatrix::kQuietZone * module;
  for (int y = 0; y < qr.size(); ++y) {
    for (int x = 0; x < qr.size(); ++x) {
      if (qr.isDark(x, y)) {
        cairo_rectangle(cr, left + origin + x * module, top + origin + y * module, module, module);
      }
    }
  }
  cairo_fill(cr);
}

// A round red seal, as on paper receipts: the hall's name along the top
// of the ring, a star, and "受理专用章". It marks where the electronic
// signature stands; the signature itself is the text beside it.
void drawStamp(Pen& pen, double cx, double cy, double radius) {
  cairo_t* cr = pen.cairo();
  cairo_save(cr);
  pen.setRed();
  cairo_set_line_width(cr, 2);
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, radius, 0, 2 * kPi);
  cairo_stroke(cr);

  constexpr double kStar = 0.26;  // outer radius of the star, of the ring's
  cairo_new_path(cr);
  for (int i = 0; i < 10; ++i) {
    const double r = radius * kStar * (i % 2 == 0 ? 1.0 : 0.38);
    const double a = -kPi / 2 + i * kPi / 5;
    if (i == 0) {
      cairo_move_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
    } else {
      cairo_line_to(cr, cx + r * std::cos(a), cy + r * std::sin(a));
    }
  }
  cairo_close_path(cr);
  cairo_fill(cr);

  // The name: one character at a time along an arc over the top.
  std::vector<std::string_view> chars;
  for (size_t i = 0; i < kHallName.size();) {
    const size_t n = std::max<size_t>(1, utf8Length(kHallName, i));
    chars.push_back(kHallName.substr(i, n));
    i += n;
  }
  const double size = radius * 0.24;
  const double span = kPi * 1.15;
  for (size_t i = 0; i < chars.size(); ++i) {
    const double a =
        -kPi / 2 - span / 2 + span * static_cast<double>(i) / static_cast<double>(chars.size() - 1);
    const double r = radius - size * 1.0;
    cairo_save(cr);
    cairo_translate(cr, cx + r * std::cos(a), cy + r * std::sin(a));
    cairo_rotate(cr, a + kPi / 2);
    const double w = pen.width(chars[i], size);
    pen.draw(chars[i], -w / 2, -size / 2, size);
    cairo_restore(cr);
  }
  const std::string_view motto = "受理专用章";
  const double motto_size = radius * 0.2;
  pen.draw(motto, cx - pen.width(motto, motto_size) / 2, cy + radius * 0.4, motto_size);
  cairo_restore(cr);
}

void drawSeal(Pen& pen, std::string_view signature, std::string_view key_id) {
  constexpr double kStampRadius = 40;
  constexpr double kTextRight = kRight - 2 * kStampRadius - 16;
  double y = kPageHeight - kMargin - kSealBlockHeight + 14;
  pen.rule(y, 0.6);
  drawStamp(pen, kRight - kStampRadius - 4, y + kStampRadius + 10, kStampRadius);
  y += 10;
  pen.setRed();
  pen.draw("电子签章 (SM2)", kMargin, y, 12);
  y += 12 * kLineSpacing;
  pen.setGray(0.15);
  pen.draw("签发：" + std::string(kHallName) + "    密钥标识：" + std::string(key_id), kMargin, y,
           9);
  y += 9 * kLineSpacing;
  pen.draw("签名值（SM2/SM3，DER，Base64）：", kMargin, y, 9);
  y += 9 * kLineSpacing;
  for (const std::string& line : pen.wrap(signature, 8, kTextRight - kMargin)) {
    pen.draw(line, kMargin, y, 8);
    y += 8 * 1.4;
  }
  y += 4;
  pen.setGray(0.4);
  pen.draw("本凭证的内容与签名值一并写入 PDF 文档信息，可凭统一办件编码或本文件核验真伪。", kMargin,
           y, 8);
}

}  // namespace

std::string receiptKeywords(std::string_view key_id, std::string_view signature) {
  return "sm2:" + std::string(key_id) + ":" + std::string(signature);
}

wf::Result<std::string> renderReceiptPdf(const Receipt& r, std::string_view signature,
                                         std::string_view key_id) {
  RETURN_IF_ERROR(checkReceipt(r));
  RETURN_IF_ERROR(checkText("signature", signature, true));
  RETURN_IF_ERROR(checkText("keyId", key_id, true));
  const devices::printer::PrintResult<devices::printer::QrMatrix> qr =
      devices::printer::QrMatrix::encode(r.status_url, "statusUrl");
  if (!qr.ok()) {
    return wf::Status::invalid("receipt." + qr.error().describe(),
                               wf::Value(wf::Object{{"field", wf::Value("statusUrl")}}));
  }
  const ProcessFont& font = processFont();
  if (font.face == nullptr) return wf::Status::unavailable("receipt PDF: " + font.error);

  std::string pdf;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(appendTo, &pdf, kPageWidth, kPageHeight));
  const std::string title = "受理凭证 " + r.case_code;
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                 std::string(kHallName).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Hall");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT,
                                 hall::domain::canonicalPayload(r).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_KEYWORDS,
                                 receiptKeywords(key_id, signature).c_str());
  if (const std::string when = isoDateTime(r.accepted_at); !when.empty()) {
    // Also keeps the file the same from run to run: cairo would write "now".
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, when.c_str());
  }
  std::unique_ptr<cairo_t, ContextDeleter> context(cairo_create(surface.get()));
  cairo_t* cr = context.get();

  Pen pen(cr, r.case_code);
  pen.setGray(0);
  pen.moveTo(kMargin);
  pen.centred("受理凭证", 26);
  pen.setGray(0.25);
  pen.centred(kHallName, 13);
  pen.rule(pen.y() + 2, 0.2);

  drawQr(cr, *qr, kQrLeft, kQrTop, kQrSize);
  pen.setGray(0.4);
  pen.draw("扫码查看办理进度", kQrLeft + (kQrSize - pen.width("扫码查看办理进度", 9)) / 2,
           kQrTop + kQrSize + 4, 9);

  pen.moveTo(kQrTop + 4);
  pen.setGray(0.4);
  pen.draw("统一办件编码", kMargin, pen.y(), 10);
  pen.skip(10 * kLineSpacing);
  pen.setGray(0);
  const double code_size =
      std::min(22.0, 22.0 * (kQrLeft - 16 - kMargin) / std::max(1.0, pen.width(r.case_code, 22)));
  pen.draw(r.case_code, kMargin, pen.y(), code_size);
  pen.skip(code_size * kLineSpacing + 6);

  constexpr double kText = 11;
  pen.row("办理事项", r.matter_name, kText);
  if (!r.matter_code.empty()) pen.row("事项编码", r.matter_code, kText);
  pen.row("申请人", r.applicant_name.empty() ? "—" : r.applicant_name, kText);
  if (!r.applicant_id_masked.empty()) pen.row("证件号码", r.applicant_id_masked, kText);
  if (!r.department.empty()) pen.row("受理部门", r.department, kText);
  pen.row("受理时间", r.accepted_at, kText);
  std::string clerk = r.clerk;
  if (!r.window.empty()) clerk += clerk.empty() ? r.window : "（" + r.window + "）";
  pen.row("受理人员", clerk.empty() ? "—" : clerk, kText);
  std::string promise = std::to_string(r.promised_days) + " 个工作日";
  if (!r.promised_date.empty()) promise += "，" + r.promised_date + " 前办结";
  pen.row("承诺时限", promise, kText);
  pen.moveTo(std::max(pen.y(), kQrBottom) + 8);

  const auto list = [&](const std::string& heading, const std::vector<std::string>& items) {
    pen.ensureRoom(kText * kLineSpacing * 2);
    pen.setGray(0);
    pen.draw(heading + "（" + std::to_string(items.size()) + " 件）", kMargin, pen.y(), 12);
    pen.skip(12 * kLineSpacing);
    if (items.empty()) {
      pen.setGray(0.4);
      pen.draw("无", kMargin + 28, pen.y(), kText);
      pen.skip(kText * kLineSpacing);
    }
    for (size_t i = 0; i < items.size(); ++i) pen.item(static_cast<int>(i + 1), items[i], kText);
    pen.skip(6);
  };
  list("已收材料", r.materials_received);
  list("待补正材料", r.materials_pending);

  drawSeal(pen, signature, key_id);
  cairo_show_page(cr);

  const cairo_status_t drawn = cairo_status(cr);
  context.reset();
  cairo_surface_finish(surface.get());
  const cairo_status_t finished = cairo_surface_status(surface.get());
  if (drawn != CAIRO_STATUS_SUCCESS || finished != CAIRO_STATUS_SUCCESS) {
    return wf::Status::unavailable(
        std::string("receipt PDF: cairo failed: ") +
        cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : finished));
  }
  return pdf;
}

}  // namespace portal::documents
