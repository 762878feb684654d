// The expression lexer: numbers, strings with escapes, temporal literals,
// names (any non-ASCII byte counts as a letter, so Chinese names work),
// and operators.
#include "expr/lexer.h"

#include <charconv>

#include "utf8.h"

namespace wf::expr {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool isNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '?' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool isNamePart(char c) { return isNameStart(c) || isDigit(c); }

class Lexer {
 public:
  Lexer(std::string_view text, size_t begin, size_t end, Dialect dialect)
      : text_(text), pos_(begin), end_(end), dialect_(dialect) {}

  std::variant<std::vector<Token>, CompileError> run() {
    std::vector<Token> tokens;
    for (;;) {
      skipSpace();
      Token token;
      token.begin = pos_;
      if (pos_ >= end_) {
        token.end = pos_;
        tokens.push_back(std::move(token));
        return tokens;
      }
      if (std::optional<CompileError> error = next(token)) {
        return *error;
      }
      token.end = pos_;
      tokens.push_back(std::move(token));
    }
  }

 private:
  char at(size_t i) const { return i < end_ ? text_[i] : '\0'; }

  // FEEL allows '?' in names; in JUEL it is the ternary operator.
  bool ternaryMark(char c) const { return c == '?' && dialect_ == Dialect::Juel; }

  void skipSpace() {
    while (pos_ < end_ && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                           text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  std::optional<CompileError> next(Token& token) {
    const char c = text_[pos_];
    if (isDigit(c)) {
      return number(token);
    }
    if (isNameStart(c) && !ternaryMark(c)) {
      const size_t start = pos_;
      while (pos_ < end_ && isNamePart(text_[pos_]) && !ternaryMark(text_[pos_])) {
        ++pos_;
      }
      token.kind = TokenKind::Name;
      token.text = std::string(text_.substr(start, pos_ - start));
      return std::nullopt;
    }
    if (c == '"' || (c == '\'' && dialect_ == Dialect::Juel)) {
      token.kind = TokenKind::String;
      return string(token.text);
    }
    if (c == '@') {
      ++pos_;
      if (at(pos_) != '"') {
        return CompileError{"expected '\"' after '@'", pos_};
      }
      token.kind = TokenKind::Temporal;
      return string(token.text);
    }
    return punctuation(token);
  }

  std::optional<CompileError> number(Token& token) {
    const size_t start = pos_;
    while (isDigit(at(pos_))) {
      ++pos_;
    }
    // `1..5` is a range, so a point counts only when a digit follows.
    if (at(pos_) == '.' && isDigit(at(pos_ + 1))) {
      ++pos_;
      while (isDigit(at(pos_))) {
        ++pos_;
      }
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + pos_;
    const auto r = std::from_chars(first, last, token.number);
    if (r.ec != std::errc() || r.ptr != last) {
      return CompileError{"invalid number", start};
    }
    if (isNameStart(at(pos_))) {
      return CompileError{"invalid number", start};
    }
    token.kind = TokenKind::Number;
    return std::nullopt;
  }

  std::optional<CompileError> hex4(uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = at(pos_);
      uint32_t digit = 0;
      if (isDigit(c)) {
        digit = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return CompileError{"bad \\u escape", pos_};
      }
      out = out * 16 + digit;
      ++pos_;
    }
    return std::nullopt;
  }

  std::optional<CompileError> string(std::string& out) {
    const size_t start = pos_;
    const char quote = text_[pos_++];
    for (;;) {
      if (pos_ >= end_) {
        return CompileError{"unterminated string", start};
      }
      const char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        return std::nullopt;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      const size_t escape_at = pos_;
      ++pos_;
      const char e = at(pos_);
      ++pos_;
      switch (e) {
        case '"':
        case '\'':
        case '\\':
        case '/':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (auto error = hex4(cp)) {
            return error;
          }
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (at(pos_) != '\\' || at(pos_ + 1) != 'u') {
              return CompileError{"unpaired surrogate in \\u escape", escape_at};
            }
            pos_ += 2;
            if (auto error = hex4(low)) {
              return error;
            }
            if (low < 0xDC00 || low > 0xDFFF) {
              return CompileError{"unpaired surrogate in \\u escape", escape_at};
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return CompileError{"unpaired surrogate in \\u escape", escape_at};
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          return CompileError{"bad escape in string", escape_at};
      }
    }
  }

  std::optional<CompileError> punctuation(Token& token) {
    const char c = text_[pos_];
    const char n = at(pos_ + 1);
    auto one = [&](TokenKind kind) {
      token.kind = kind;
      pos_ += 1;
      return std::nullopt;
    };
    auto two = [&](TokenKind kind) {
      token.kind = kind;
      pos_ += 2;
      return std::nullopt;
    };
    switch (c) {
      case '(':
        return one(TokenKind::LParen);
      case ')':
        return one(TokenKind::RParen);
      case '[':
        return one(TokenKind::LBracket);
      case ']':
        return one(TokenKind::RBracket);
      case '{':
        return one(TokenKind::LBrace);
      case '}':
        return one(TokenKind::RBrace);
      case ',':
        return one(TokenKind::Comma);
      case ':':
        return one(TokenKind::Colon);
      case '?':
        return one(TokenKind::Question);
      case '+':
        return one(TokenKind::Plus);
      case '-':
        return one(TokenKind::Minus);
      case '/':
        return one(TokenKind::Slash);
      case '.':
        return n == '.' ? two(TokenKind::DotDot) : one(TokenKind::Dot);
      case '*':
        return n == '*' ? two(TokenKind::StarStar) : one(TokenKind::Star);
      case '=':
        return n == '=' ? two(TokenKind::EqEq) : one(TokenKind::Eq);
      case '!':
        return n == '=' ? two(TokenKind::NotEq) : one(TokenKind::Bang);
      case '<':
        return n == '=' ? two(TokenKind::Le) : one(TokenKind::Lt);
      case '>':
        return n == '=' ? two(TokenKind::Ge) : one(TokenKind::Gt);
      case '&':
        if (n == '&') {
          return two(TokenKind::AndAnd);
        }
        break;
      case '|':
        if (n == '|') {
          return two(TokenKind::OrOr);
        }
        break;
      default:
        break;
    }
    return CompileError{std::string("unexpected character '") + c + "'", pos_};
  }

  std::string_view text_;
  size_t pos_;
  size_t end_;
  Dialect dialect_;
};

}  // namespace

std::variant<std::vector<Token>, CompileError> tokenize(std::string_view text, size_t begin,
                                                        size_t end, Dialect dialect) {
  return Lexer(text, begin, end, dialect).run();
}

std::string describeToken(const Token& token, std::string_view text) {
  if (token.kind == TokenKind::End) {
    return "end of expression";
  }
  return "'" + std::string(text.substr(token.begin, token.end - token.begin)) + "'";
}

}  // namespace wf::expr
