#include "portal/documents/pdf_info.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "devices/ticket_printer/utf8.h"

namespace portal::documents {

namespace {

// Nested dictionaries and arrays deeper than this are refused rather than
// followed (a hostile file cannot exhaust the stack).
constexpr int kMaxDepth = 32;

bool isWhite(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool isDelimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

wf::Status malformed(size_t at, const std::string& why) {
  return wf::Status::invalid("PDF Info dictionary at byte " + std::to_string(at) + ": " + why);
}

void appendUtf8(std::string& out, uint32_t cp) {
  out += devices::printer::encodeUtf8(std::u32string(1, static_cast<char32_t>(cp)));
}

// A cursor over the PDF's bytes that reads the syntax of one dictionary.
class Reader {
 public:
  Reader(std::string_view pdf, size_t at) : pdf_(pdf), at_(at) {}

  size_t at() const { return at_; }

  void skipWhite() {
    while (at_ < pdf_.size()) {
      if (isWhite(pdf_[at_])) {
        ++at_;
      } else if (pdf_[at_] == '%') {
        while (at_ < pdf_.size() && pdf_[at_] != '\n' && pdf_[at_] != '\r') ++at_;
      } else {
        return;
      }
    }
  }

  bool startsWith(std::string_view s) const { return pdf_.substr(at_).starts_with(s); }

  // A dictionary's string entries, its other entries skipped.
  wf::Result<std::map<std::string, std::string>> dictionary() {
    std::map<std::string, std::string> out;
    RETURN_IF_ERROR(dictionaryInto(&out, 0));
    return out;
  }

 private:
  wf::Status dictionaryInto(std::map<std::string, std::string>* out, int depth) {
    if (depth > kMaxDepth) return malformed(at_, "nested too deep");
    skipWhite();
    if (!startsWith("<<")) return malformed(at_, "expected '<<'");
    at_ += 2;
    while (true) {
      skipWhite();
      if (at_ >= pdf_.size()) return malformed(at_, "the dictionary does not end");
      if (startsWith(">>")) {
        at_ += 2;
        return wf::Status::ok();
      }
      if (pdf_[at_] != '/') return malformed(at_, "expected a /Name key");
      ASSIGN_OR_RETURN(std::string key, name());
      skipWhite();
      std::optional<std::string> text;
      RETURN_IF_ERROR(value(&text, depth));
      if (out != nullptr && text) (*out)[key] = std::move(*text);
    }
  }

  // Reads one value; strings into `text`, anything else skipped.
  wf::Status value(std::optional<std::string>* text, int depth) {
    if (at_ >= pdf_.size()) return malformed(at_, "a value is missing");
    const char c = pdf_[at_];
    if (c == '(') {
      ASSIGN_OR_RETURN(*text, literalString());
      return wf::Status::ok();
    }
    if (startsWith("<<")) return dictionaryInto(nullptr, depth + 1);
    if (c == '<') {
      ASSIGN_OR_RETURN(*text, hexString());
      return wf::Status::ok();
    }
    if (c == '[') {
      if (depth + 1 > kMaxDepth) return malformed(at_, "nested too deep");
      ++at_;
      while (true) {
        skipWhite();
        if (at_ >= pdf_.size()) return malformed(at_, "the array does not end");
        if (pdf_[at_] == ']') {
          ++at_;
          return wf::Status::ok();
        }
        std::optional<std::string> ignored;
        RETURN_IF_ERROR(value(&ignored, depth + 1));
      }
    }
    if (c == '/') return name().status();
    if (isDelimiter(c)) return malformed(at_, std::string("unexpected '") + c + "'");
    // A number, true/false/null, or an indirect reference "12 0 R".
    const size_t start = at_;
    while (at_ < pdf_.size() && !isWhite(pdf_[at_]) && !isDelimiter(pdf_[at_])) ++at_;
    if (at_ == start) return malformed(at_, "a value is missing");
    const size_t after_first = at_;
    skipWhite();
    const size_t second = at_;
    while (at_ < pdf_.size() && isDigit(pdf_[at_])) ++at_;
    if (at_ > second) {
      skipWhite();
      if (at_ < pdf_.size() && pdf_[at_] == 'R') {
        ++at_;
        return wf::Status::ok();
      }
    }
    at_ = after_first;
    return wf::Status::ok();
  }

  wf::Result<std::string> name() {
    ++at_;  // '/'
    std::string out;
    while (at_ < pdf_.size() && !isWhite(pdf_[at_]) && !isDelimiter(pdf_[at_])) {
      if (pdf_[at_] == '#' && at_ + 2 < pdf_.size() && hexValue(pdf_[at_ + 1]) >= 0 &&
          hexValue(pdf_[at_ + 2]) >= 0) {
        out.push_back(static_cast<char>(hexValue(pdf_[at_ + 1]) * 16 + hexValue(pdf_[at_ + 2])));
        at_ += 3;
        continue;
      }
      out.push_back(pdf_[at_++]);
    }
    return out;
  }

  wf::Result<std::string> literalString() {
    const size_t start = at_;
    ++at_;  // '('
    std::string out;
    int depth = 1;
    while (at_ < pdf_.size()) {
      const char c = pdf_[at_++];
      if (c == '(') {
        ++depth;
      } else if (c == ')') {
        if (--depth == 0) return out;
      } else if (c == '\r') {
        // An end of line in a string is a line feed, whichever it was.
        if (at_ < pdf_.size() && pdf_[at_] == '\n') ++at_;
        out.push_back('\n');
        continue;
      } else if (c == '\\') {
        if (at_ >= pdf_.size()) break;
        const char e = pdf_[at_++];
        switch (e) {
          case 'n':
            out.push_back('\n');
            break;
          case 'r':
            out.push_back('\r');
            break;
          case 't':
            out.push_back('\t');
            break;
          case 'b':
            out.push_back('\b');
            break;
          case 'f':
            out.push_back('\f');
            break;
          case '\r':  // a line continuation
            if (at_ < pdf_.size() && pdf_[at_] == '\n') ++at_;
            break;
          case '\n':
            break;
          default:
            if (e >= '0' && e <= '7') {
              int v = e - '0';
              for (int i = 0; i < 2 && at_ < pdf_.size() && pdf_[at_] >= '0' && pdf_[at_] <= '7';
                   ++i) {
                v = v * 8 + (pdf_[at_++] - '0');
              }
              out.push_back(static_cast<char>(v & 0xFF));
            } else {
              out.push_back(e);  // \( \) \\ and unknown escapes: the character itself
            }
        }
        continue;
      }
      out.push_back(c);
    }
    return malformed(start, "a string does not end");
  }

  wf::Result<std::string> hexString() {
    const size_t start = at_;
    ++at_;  // '<'
    std::string out;
    int high = -1;
    while (at_ < pdf_.size()) {
      const char c = pdf_[at_++];
      if (c == '>') {
        if (high >= 0) out.push_back(static_cast<char>(high * 16));  // odd: a final 0
        return out;
      }
      if (isWhite(c)) continue;
      const int v = hexValue(c);
      if (v < 0) return malformed(at_ - 1, "a hex string holds '" + std::string(1, c) + "'");
      if (high < 0) {
        high = v;
      } else {
        out.push_back(static_cast<char>(high * 16 + v));
        high = -1;
      }
    }
    return malformed(start, "a hex string does not end");
  }

  std::string_view pdf_;
  size_t at_;
};

// Reads "<int> <int> R" at `at`; the object and generation numbers.
std::optional<std::pair<long, long>> referenceAt(std::string_view pdf, size_t at) {
  auto number = [&](size_t* pos) -> std::optional<long> {
    size_t p = *pos;
    while (p < pdf.size() && isWhite(pdf[p])) ++p;
    const size_t start = p;
    long v = 0;
    while (p < pdf.size() && isDigit(pdf[p]) && p - start < 10) v = v * 10 + (pdf[p++] - '0');
    if (p == start) return std::nullopt;
    *pos = p;
    return v;
  };
  size_t pos = at;
  const std::optional<long> object = number(&pos);
  if (!object) return std::nullopt;
  const std::optional<long> generation = number(&pos);
  if (!generation) return std::nullopt;
  while (pos < pdf.size() && isWhite(pdf[pos])) ++pos;
  if (pos >= pdf.size() || pdf[pos] != 'R') return std::nullopt;
  return std::make_pair(*object, *generation);
}

}  // namespace

wf::Result<std::string> pdfTextToUtf8(std::string_view bytes) {
  std::string out;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
      static_cast<unsigned char>(bytes[1]) == 0xFF) {
    if (bytes.size() % 2 != 0) return wf::Status::invalid("UTF-16 text of an odd length");
    for (size_t i = 2; i < bytes.size(); i += 2) {
      uint32_t unit =
          static_cast<unsigned char>(bytes[i]) << 8 | static_cast<unsigned char>(bytes[i + 1]);
      if (unit >= 0xD800 && unit < 0xDC00) {
        if (i + 3 >= bytes.size()) return wf::Status::invalid("UTF-16 text ends in a surrogate");
        const uint32_t low = static_cast<unsigned char>(bytes[i + 2]) << 8 |
                             static_cast<unsigned char>(bytes[i + 3]);
        if (low < 0xDC00 || low >= 0xE000) {
          return wf::Status::invalid("UTF-16 text has a lone surrogate");
        }
        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      } else if (unit >= 0xDC00 && unit < 0xE000) {
        return wf::Status::invalid("UTF-16 text has a lone surrogate");
      }
      appendUtf8(out, unit);
    }
    return out;
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) return std::string(bytes.substr(3));  // PDF 2.0 UTF-8
  for (char c : bytes) appendUtf8(out, static_cast<unsigned char>(c));  // Latin-1 beyond ASCII
  return out;
}

wf::Result<std::map<std::string, std::string>> readPdfInfo(std::string_view pdf) {
  if (!pdf.starts_with("%PDF-")) return wf::Status::invalid("not a PDF (no %PDF- header)");
  // The last /Info reference is the current one (an incremental update
  // appends a new trailer).
  std::optional<std::pair<long, long>> ref;
  for (size_t at = pdf.rfind("/Info"); at != std::string_view::npos && !ref;
       at = at == 0 ? std::string_view::npos : pdf.rfind("/Info", at - 1)) {
    ref = referenceAt(pdf, at + 5);
  }
  if (!ref) return wf::Status::invalid("the PDF has no Info dictionary (no /Info in its trailer)");

  // The last definition of that object wins, too.
  const std::string header =
      std::to_string(ref->first) + " " + std::to_string(ref->second) + " obj";
  size_t object_at = std::string_view::npos;
  for (size_t at = pdf.rfind(header); at != std::string_view::npos;
       at = at == 0 ? std::string_view::npos : pdf.rfind(header, at - 1)) {
    if (at == 0 || isWhite(pdf[at - 1])) {
      object_at = at;
      break;
    }
  }
  if (object_at == std::string_view::npos) {
    return wf::Status::invalid("the PDF's Info object " + header +
                               " is not in the file as plain text (a compressed object stream?)");
  }
  Reader reader(pdf, object_at + header.size());
  using Entries = std::map<std::string, std::string>;
  ASSIGN_OR_RETURN(Entries raw, reader.dictionary());
  std::map<std::string, std::string> out;
  for (auto& [key, bytes] : raw) {
    wf::Result<std::string> text = pdfTextToUtf8(bytes);
    if (!text.ok()) return wf::Status::invalid("PDF Info /" + key + ": " + text.status().message());
    out[key] = std::move(text).value();
  }
  return out;
}

}  // namespace portal::documents
