// Splits expression text into tokens, each with its byte span in the
// original text (so errors point into what the modeller wrote, including a
// `=` or `${` prefix). One lexer serves FEEL and the JUEL subset; the
// dialect decides only whether single-quoted strings are allowed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expression.h"

namespace wf::expr {

enum class Dialect { Feel, Juel };

enum class TokenKind {
  End,
  Number,
  String,
  Temporal,  // @"..."; text_ holds the string inside
  Name,      // identifiers and keywords alike
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Dot,
  DotDot,
  Colon,
  Question,
  Plus,
  Minus,
  Star,
  StarStar,
  Slash,
  Eq,     // =
  EqEq,   // == (JUEL)
  NotEq,  // !=
  Lt,
  Le,
  Gt,
  Ge,
  AndAnd,  // && (JUEL)
  OrOr,    // || (JUEL)
  Bang,    // !  (JUEL)
};

struct Token {
  TokenKind kind = TokenKind::End;
  size_t begin = 0;
  size_t end = 0;
  std::string text;   // decoded string, name, or temporal text
  double number = 0;  // for Number
};

// Tokens of text[begin, end), ending with an End token at `end`.
std::variant<std::vector<Token>, CompileError> tokenize(std::string_view text, size_t begin,
                                                        size_t end, Dialect dialect);

// How a token reads in an error message: `')'`, `'foo'`, `end of expression`.
std::string describeToken(const Token& token, std::string_view text);

}  // namespace wf::expr
