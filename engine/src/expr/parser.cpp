// The expression parser. Precedence, lowest first: if/some/every (and the
// JUEL ternary), or, and, comparison/between/in, + -, * /, **, unary minus
// (and JUEL ! / not / empty), postfix (.member, [filter]), primary.
// Built-in functions are resolved here, so an unknown function is a compile
// error and evaluation never looks a name up by text twice.
#include "expr/parser.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>

namespace wf::expr {

namespace {

// Deep enough for any hand-written expression, shallow enough that the
// recursive parser and evaluator cannot exhaust the stack.
constexpr int kMaxNesting = 200;
// The longest built-in name has three words ("date and time").
constexpr size_t kMaxNameWords = 3;
// Bound on the height of the finished tree; see Parser::bounded.
constexpr int kMaxHeight = 500;

constexpr std::array<std::string_view, 13> kFeelKeywords = {
    "true", "false", "null", "and",  "or",    "not",      "in",
    "if",   "then",  "else", "some", "every", "satisfies"};
constexpr std::array<std::string_view, 10> kJuelKeywords = {
    "eq", "ne", "lt", "gt", "le", "ge", "empty", "div", "mod", "instanceof"};

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens, Dialect dialect,
         std::span<const std::string> names_with_spaces)
      : text_(text),
        tokens_(std::move(tokens)),
        dialect_(dialect),
        names_with_spaces_(names_with_spaces) {}

  std::variant<NodePtr, CompileError> parseWhole() {
    if (peek().kind == TokenKind::End) {
      return CompileError{"empty expression", peek().begin};
    }
    NodePtr root = expression();
    if (root && peek().kind != TokenKind::End) {
      root = unexpected();
    }
    if (!root) {
      return *error_;
    }
    return root;
  }

  std::variant<NodePtr, CompileError> parseWholeUnaryTests() {
    NodePtr root = unaryTests();
    if (root && peek().kind != TokenKind::End) {
      root = unexpected();
    }
    if (!root) {
      return *error_;
    }
    return root;
  }

 private:
  // ---- token helpers ----

  const Token& peek(size_t ahead = 0) const {
    const size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& advance() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) {
      ++pos_;
    }
    return t;
  }
  bool at(TokenKind kind, size_t ahead = 0) const { return peek(ahead).kind == kind; }
  bool atWord(std::string_view word, size_t ahead = 0) const {
    return peek(ahead).kind == TokenKind::Name && peek(ahead).text == word;
  }
  bool juel() const { return dialect_ == Dialect::Juel; }

  bool isKeyword(std::string_view word) const {
    for (std::string_view k : kFeelKeywords) {
      if (k == word) return true;
    }
    if (juel()) {
      for (std::string_view k : kJuelKeywords) {
        if (k == word) return true;
      }
    }
    return false;
  }

  NodePtr fail(std::string message, size_t offset) {
    if (!error_) {
      error_ = CompileError{std::move(message), offset};
    }
    return nullptr;
  }

  NodePtr unexpected() {
    const Token& t = peek();
    if (t.kind == TokenKind::End) {
      return fail("unexpected end of expression", t.begin);
    }
    return fail("unexpected token " + describeToken(t, text_), t.begin);
  }

  bool expect(TokenKind kind, std::string_view what) {
    if (at(kind)) {
      advance();
      return true;
    }
    fail("expected '" + std::string(what) + "'", peek().begin);
    return false;
  }

  bool expectWord(std::string_view word) {
    if (atWord(word)) {
      advance();
      return true;
    }
    fail("expected '" + std::string(word) + "'", peek().begin);
    return false;
  }

  static NodePtr make(NodeKind kind, size_t begin, size_t end) {
    return std::make_unique<Node>(kind, begin, end);
  }

  static void attach(Node& parent, NodePtr child) {
    parent.height_ = std::max(parent.height_, child->height_ + 1);
    parent.children_.push_back(std::move(child));
  }

  // Long operator chains (1 + 1 + ... + 1) build deep trees without deep
  // parser recursion; bound the tree height so that evaluating (and
  // destroying) the tree cannot exhaust the stack.
  NodePtr bounded(NodePtr n) {
    if (n->height_ > kMaxHeight) {
      return fail("expression nested too deeply", n->begin_);
    }
    return n;
  }

  NodePtr binary(NodeKind kind, Op op, NodePtr left, NodePtr right) {
    NodePtr n = make(kind, left->begin_, right->end_);
    n->op_ = op;
    attach(*n, std::move(left));
    attach(*n, std::move(right));
    return bounded(std::move(n));
  }

  size_t lastEnd() const { return pos_ > 0 ? tokens_[pos_ - 1].end : 0; }

  // Guards recursion; every recursive production enters through here.
  struct DepthGuard {
    explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
    ~DepthGuard() { --depth_; }
    int& depth_;
  };
  bool tooDeep() {
    if (depth_ > kMaxNesting) {
      fail("expression nested too deeply", peek().begin);
      return true;
    }
    return false;
  }

  // ---- expressions ----

  NodePtr expression() {
    DepthGuard guard(depth_);
    if (tooDeep()) return nullptr;
    NodePtr cond = disjunction();
    if (!cond) return nullptr;
    if (juel() && at(TokenKind::Question)) {
      advance();
      NodePtr then_branch = expression();
      if (!then_branch || !expect(TokenKind::Colon, ":")) return nullptr;
      NodePtr else_branch = expression();
      if (!else_branch) return nullptr;
      NodePtr n = make(NodeKind::If, cond->begin_, else_branch->end_);
      attach(*n, std::move(cond));
      attach(*n, std::move(then_branch));
      attach(*n, std::move(else_branch));
      return n;
    }
    return cond;
  }

  NodePtr disjunction() {
    NodePtr left = conjunction();
    while (left && (atWord("or") || (juel() && at(TokenKind::OrOr)))) {
      advance();
      NodePtr right = conjunction();
      if (!right) return nullptr;
      left = binary(NodeKind::Or, Op::Eq, std::move(left), std::move(right));
    }
    return left;
  }

  NodePtr conjunction() {
    NodePtr left = comparison();
    while (left && (atWord("and") || (juel() && at(TokenKind::AndAnd)))) {
      advance();
      NodePtr right = comparison();
      if (!right) return nullptr;
      left = binary(NodeKind::And, Op::Eq, std::move(left), std::move(right));
    }
    return left;
  }

  std::optional<Op> comparisonOp() const {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::Eq:
        return Op::Eq;
      case TokenKind::EqEq:
        return juel() ? std::optional<Op>(Op::Eq) : std::nullopt;
      case TokenKind::NotEq:
        return Op::Ne;
      case TokenKind::Lt:
        return Op::Lt;
      case TokenKind::Le:
        return Op::Le;
      case TokenKind::Gt:
        return Op::Gt;
      case TokenKind::Ge:
        return Op::Ge;
      case TokenKind::Name:
        if (!juel()) return std::nullopt;
        if (t.text == "eq") return Op::Eq;
        if (t.text == "ne") return Op::Ne;
        if (t.text == "lt") return Op::Lt;
        if (t.text == "le") return Op::Le;
        if (t.text == "gt") return Op::Gt;
        if (t.text == "ge") return Op::Ge;
        return std::nullopt;
      default:
        return std::nullopt;
    }
  }

  NodePtr comparison() {
    NodePtr left = additive();
    if (!left) return nullptr;
    if (std::optional<Op> op = comparisonOp()) {
      advance();
      NodePtr right = additive();
      if (!right) return nullptr;
      return binary(NodeKind::Compare, *op, std::move(left), std::move(right));
    }
    if (atWord("between")) {
      advance();
      NodePtr low = additive();
      if (!low || !expectWord("and")) return nullptr;
      NodePtr high = additive();
      if (!high) return nullptr;
      NodePtr n = make(NodeKind::Between, left->begin_, high->end_);
      attach(*n, std::move(left));
      attach(*n, std::move(low));
      attach(*n, std::move(high));
      return n;
    }
    if (atWord("in")) {
      advance();
      NodePtr test = positiveUnaryTest(false);
      if (!test) return nullptr;
      NodePtr n = make(NodeKind::In, left->begin_, test->end_);
      attach(*n, std::move(left));
      attach(*n, std::move(test));
      return n;
    }
    return left;
  }

  NodePtr additive() {
    NodePtr left = multiplicative();
    while (left && (at(TokenKind::Plus) || at(TokenKind::Minus))) {
      const Op op = advance().kind == TokenKind::Plus ? Op::Add : Op::Subtract;
      NodePtr right = multiplicative();
      if (!right) return nullptr;
      left = binary(NodeKind::Arithmetic, op, std::move(left), std::move(right));
    }
    return left;
  }

  NodePtr multiplicative() {
    NodePtr left = power();
    while (left && (at(TokenKind::Star) || at(TokenKind::Slash))) {
      const Op op = advance().kind == TokenKind::Star ? Op::Multiply : Op::Divide;
      NodePtr right = power();
      if (!right) return nullptr;
      left = binary(NodeKind::Arithmetic, op, std::move(left), std::move(right));
    }
    return left;
  }

  NodePtr power() {
    NodePtr left = unary();
    while (left && at(TokenKind::StarStar)) {
      advance();
      NodePtr right = unary();
      if (!right) return nullptr;
      left = binary(NodeKind::Arithmetic, Op::Power, std::move(left), std::move(right));
    }
    return left;
  }

  NodePtr prefixed(NodeKind kind) {
    const size_t begin = advance().begin;
    NodePtr operand = unary();
    if (!operand) return nullptr;
    NodePtr n = make(kind, begin, operand->end_);
    attach(*n, std::move(operand));
    return n;
  }

  NodePtr unary() {
    DepthGuard guard(depth_);
    if (tooDeep()) return nullptr;
    if (at(TokenKind::Minus)) {
      NodePtr n = prefixed(NodeKind::Negate);
      // Fold `-3` into a literal so that `xs[-1]` is recognised as an index.
      if (n && n->children_[0]->kind_ == NodeKind::Literal &&
          n->children_[0]->literal_.isNumber()) {
        NodePtr lit = make(NodeKind::Literal, n->begin_, n->end_);
        lit->literal_ = Value(-n->children_[0]->literal_.asNumber());
        return lit;
      }
      return n;
    }
    if (juel()) {
      if (at(TokenKind::Bang) || (atWord("not") && !at(TokenKind::LParen, 1))) {
        return prefixed(NodeKind::Not);
      }
      if (atWord("empty")) {
        return prefixed(NodeKind::Empty);
      }
    }
    return postfix(primary());
  }

  NodePtr postfix(NodePtr base) {
    while (base) {
      if (at(TokenKind::Dot)) {
        advance();
        if (!at(TokenKind::Name)) {
          return fail("expected a name after '.'", peek().begin);
        }
        const Token& member = advance();
        NodePtr n = make(NodeKind::Path, base->begin_, member.end);
        n->name_ = member.text;
        attach(*n, std::move(base));
        base = bounded(std::move(n));
      } else if (at(TokenKind::LBracket) && depth_ != range_end_depth_) {
        advance();
        NodePtr filter = expression();
        if (!filter || !expect(TokenKind::RBracket, "]")) return nullptr;
        NodePtr n = make(NodeKind::Filter, base->begin_, lastEnd());
        attach(*n, std::move(base));
        attach(*n, std::move(filter));
        base = bounded(std::move(n));
      } else {
        break;
      }
    }
    return base;
  }

  NodePtr literal(Value v, const Token& t) {
    NodePtr n = make(NodeKind::Literal, t.begin, t.end);
    n->literal_ = std::move(v);
    return n;
  }

  NodePtr primary() {
    const Token& t = peek();
    switch (t.kind) {
      case TokenKind::Number:
        advance();
        return literal(Value(t.number), t);
      case TokenKind::String:
        advance();
        return literal(Value(t.text), t);
      case TokenKind::Temporal:
        return temporal();
      case TokenKind::Name:
        return namedPrimary();
      case TokenKind::LParen: {
        advance();
        NodePtr inner = expression();
        if (!inner || !expect(TokenKind::RParen, ")")) return nullptr;
        return inner;
      }
      case TokenKind::LBracket:
        return listLiteral();
      case TokenKind::LBrace:
        return contextLiteral();
      default:
        return unexpected();
    }
  }

  NodePtr temporal() {
    const Token& t = advance();
    const std::string& s = t.text;
    if (auto d = parseDate(s)) return literal(Value(*d), t);
    if (auto dt = parseDateTime(s)) return literal(Value(*dt), t);
    if (auto du = parseDuration(s)) return literal(Value(*du), t);
    return fail("invalid temporal literal \"" + s + "\"", t.begin);
  }

  NodePtr namedPrimary() {
    const Token& t = peek();
    const std::string& w = t.text;
    if (w == "true") {
      advance();
      return literal(Value(true), t);
    }
    if (w == "false") {
      advance();
      return literal(Value(false), t);
    }
    if (w == "null") {
      advance();
      return literal(Value(), t);
    }
    if (w == "if") return ifExpression();
    if (w == "some" || w == "every") return quantified();
    // A built-in, possibly of several words, directly followed by '('.
    size_t words = 0;
    while (words < kMaxNameWords && at(TokenKind::Name, words)) {
      ++words;
    }
    for (size_t n = words; n >= 1; --n) {
      if (!at(TokenKind::LParen, n)) continue;
      std::string name = peek().text;
      for (size_t i = 1; i < n; ++i) {
        name += ' ';
        name += peek(i).text;
      }
      if (const Builtin* builtin = findBuiltin(name)) {
        return call(*builtin, n);
      }
      if (n == 1) {
        return fail("unknown function '" + name + "'", t.begin);
      }
    }
    if (isKeyword(w)) {
      return unexpected();
    }
    if (NodePtr known = nameWithSpaces()) {
      return known;
    }
    advance();
    NodePtr n = make(NodeKind::Name, t.begin, t.end);
    n->name_ = w;
    return n;
  }

  // The longest name with spaces given to the compiler (`Monthly Salary`)
  // whose words are the next name tokens, or null. FEEL cannot tell such a
  // name from two names without knowing what is in scope.
  NodePtr nameWithSpaces() {
    size_t best_words = 0;
    const std::string* best = nullptr;
    for (const std::string& name : names_with_spaces_) {
      size_t words = 0;
      size_t i = 0;
      bool matches = true;
      while (matches && i < name.size()) {
        if (name[i] == ' ') {
          ++i;
          continue;
        }
        const size_t word_end = std::min(name.find(' ', i), name.size());
        const std::string_view word = std::string_view(name).substr(i, word_end - i);
        matches = at(TokenKind::Name, words) && peek(words).text == word;
        ++words;
        i = word_end;
      }
      if (matches && words > 1 && words > best_words) {
        best_words = words;
        best = &name;
      }
    }
    if (best == nullptr) {
      return nullptr;
    }
    const size_t begin = peek().begin;
    for (size_t i = 0; i + 1 < best_words; ++i) {
      advance();
    }
    const Token& last = advance();
    NodePtr n = make(NodeKind::Name, begin, last.end);
    n->name_ = *best;
    return n;
  }

  NodePtr call(const Builtin& builtin, size_t name_words) {
    const size_t begin = peek().begin;
    for (size_t i = 0; i < name_words; ++i) {
      advance();
    }
    advance();  // '('
    NodePtr n = make(NodeKind::Call, begin, begin);
    n->builtin_ = &builtin;
    if (!at(TokenKind::RParen)) {
      for (;;) {
        NodePtr arg = expression();
        if (!arg) return nullptr;
        attach(*n, std::move(arg));
        if (at(TokenKind::Comma)) {
          advance();
          continue;
        }
        break;
      }
    }
    if (!expect(TokenKind::RParen, ")")) return nullptr;
    n->end_ = lastEnd();
    const int count = static_cast<int>(n->children_.size());
    if (count < builtin.min_args || (builtin.max_args >= 0 && count > builtin.max_args)) {
      std::string expected = std::to_string(builtin.min_args);
      if (builtin.max_args < 0) {
        expected += " or more";
      } else if (builtin.max_args != builtin.min_args) {
        expected += " to " + std::to_string(builtin.max_args);
      }
      return fail("function '" + std::string(builtin.name) + "' expects " + expected + " argument" +
                      (expected == "1" ? "" : "s") + ", got " + std::to_string(count),
                  begin);
    }
    return n;
  }

  NodePtr ifExpression() {
    const size_t begin = advance().begin;
    NodePtr cond = expression();
    if (!cond || !expectWord("then")) return nullptr;
    NodePtr then_branch = expression();
    if (!then_branch || !expectWord("else")) return nullptr;
    NodePtr else_branch = expression();
    if (!else_branch) return nullptr;
    NodePtr n = make(NodeKind::If, begin, else_branch->end_);
    attach(*n, std::move(cond));
    attach(*n, std::move(then_branch));
    attach(*n, std::move(else_branch));
    return n;
  }

  NodePtr quantified() {
    const Token& kw = advance();
    const NodeKind kind = kw.text == "some" ? NodeKind::Some : NodeKind::Every;
    if (!at(TokenKind::Name) || isKeyword(peek().text)) {
      return fail("expected a variable name", peek().begin);
    }
    const std::string var = advance().text;
    if (!expectWord("in")) return nullptr;
    NodePtr list = expression();
    if (!list || !expectWord("satisfies")) return nullptr;
    NodePtr cond = expression();
    if (!cond) return nullptr;
    NodePtr n = make(kind, kw.begin, cond->end_);
    n->name_ = var;
    attach(*n, std::move(list));
    attach(*n, std::move(cond));
    return n;
  }

  NodePtr listLiteral() {
    const size_t begin = advance().begin;  // '['
    NodePtr n = make(NodeKind::List, begin, begin);
    if (!at(TokenKind::RBracket)) {
      for (;;) {
        NodePtr item = expression();
        if (!item) return nullptr;
        attach(*n, std::move(item));
        if (at(TokenKind::Comma)) {
          advance();
          continue;
        }
        break;
      }
    }
    if (!expect(TokenKind::RBracket, "]")) return nullptr;
    n->end_ = lastEnd();
    return n;
  }

  NodePtr contextLiteral() {
    const size_t begin = advance().begin;  // '{'
    NodePtr n = make(NodeKind::Context, begin, begin);
    if (!at(TokenKind::RBrace)) {
      for (;;) {
        const size_t key_at = peek().begin;
        std::string key;
        if (at(TokenKind::String)) {
          key = advance().text;
        } else if (at(TokenKind::Name)) {
          // FEEL context keys may be several words: {first name: "Li"}.
          key = advance().text;
          while (at(TokenKind::Name)) {
            key += ' ';
            key += advance().text;
          }
        } else {
          return fail("expected a context key", key_at);
        }
        for (const std::string& k : n->keys_) {
          if (k == key) return fail("duplicate context key '" + key + "'", key_at);
        }
        if (!expect(TokenKind::Colon, ":")) return nullptr;
        NodePtr value = expression();
        if (!value) return nullptr;
        n->keys_.push_back(std::move(key));
        attach(*n, std::move(value));
        if (at(TokenKind::Comma)) {
          advance();
          continue;
        }
        break;
      }
    }
    if (!expect(TokenKind::RBrace, "}")) return nullptr;
    n->end_ = lastEnd();
    return n;
  }

  // ---- unary tests ----

  // What may follow `in`, and each item of DMN unary tests: `< 5`,
  // `[1..5]`, `(1..5]`, `]1..5[`, `(1, 2, < 0)`, or a value (a list value
  // tests membership).
  NodePtr positiveUnaryTest(bool whole_expression) {
    DepthGuard guard(depth_);
    if (tooDeep()) return nullptr;
    const Token& t = peek();
    if (t.kind == TokenKind::Lt || t.kind == TokenKind::Le || t.kind == TokenKind::Gt ||
        t.kind == TokenKind::Ge) {
      const Op op = t.kind == TokenKind::Lt   ? Op::Lt
                    : t.kind == TokenKind::Le ? Op::Le
                    : t.kind == TokenKind::Gt ? Op::Gt
                                              : Op::Ge;
      advance();
      NodePtr endpoint = additive();
      if (!endpoint) return nullptr;
      NodePtr n = make(NodeKind::TestCompare, t.begin, endpoint->end_);
      n->op_ = op;
      attach(*n, std::move(endpoint));
      return n;
    }
    if (t.kind == TokenKind::RBracket) {
      advance();
      NodePtr low = expression();
      if (!low) return nullptr;
      return rangeRest(t.begin, false, std::move(low));
    }
    if (t.kind == TokenKind::LParen) {
      return parenthesizedTests(whole_expression);
    }
    if (t.kind == TokenKind::LBracket && !at(TokenKind::RBracket, 1)) {
      // `[a..b]` is a range, `[a, b]` a list: read one expression and look.
      const size_t saved_pos = pos_;
      const std::optional<CompileError> saved_error = error_;
      advance();
      NodePtr low = expression();
      if (low && at(TokenKind::DotDot)) {
        return rangeRest(t.begin, true, std::move(low));
      }
      pos_ = saved_pos;
      error_ = saved_error;
    }
    // After `in` the test ends before `and`/`or` (x in [1, 2] and y); a
    // DMN cell may hold a whole condition (? > 5 and ? < 10).
    NodePtr value = whole_expression ? expression() : additive();
    if (!value) return nullptr;
    NodePtr n = make(NodeKind::TestValue, value->begin_, value->end_);
    n->uses_input_ = mentionsInput(*value);
    attach(*n, std::move(value));
    return n;
  }

  // Whether `?` (the input of a unary test) occurs in the tree. The height
  // bound keeps this recursion shallow.
  static bool mentionsInput(const Node& n) {
    if (n.kind_ == NodeKind::Name && n.name_ == "?") return true;
    for (const auto& child : n.children_) {
      if (mentionsInput(*child)) return true;
    }
    return false;
  }

  // After the low endpoint of a range: `.. high` and the closing bracket.
  NodePtr rangeRest(size_t begin, bool low_closed, NodePtr low) {
    if (!expect(TokenKind::DotDot, "..")) return nullptr;
    // In `[1..5[` the last '[' closes the range rather than opening a filter
    // on 5. Operands of the endpoint expression sit two levels down (its
    // expression() and unary()); filters nested in parentheses still work.
    const int saved_range_end_depth = range_end_depth_;
    range_end_depth_ = depth_ + 2;
    NodePtr high = expression();
    range_end_depth_ = saved_range_end_depth;
    if (!high) return nullptr;
    bool high_closed = true;
    if (at(TokenKind::RBracket)) {
      high_closed = true;
    } else if (at(TokenKind::LBracket) || at(TokenKind::RParen)) {
      high_closed = false;
    } else {
      return fail("expected ']', '[' or ')' to close the range", peek().begin);
    }
    advance();
    NodePtr n = make(NodeKind::TestRange, begin, lastEnd());
    n->low_closed_ = low_closed;
    n->high_closed_ = high_closed;
    attach(*n, std::move(low));
    attach(*n, std::move(high));
    return n;
  }

  // `(1..5]`, `(a..b)`, or `(test, test, ...)`.
  NodePtr parenthesizedTests(bool whole_expression) {
    const size_t begin = advance().begin;  // '('
    NodePtr first = positiveUnaryTest(whole_expression);
    if (!first) return nullptr;
    if (at(TokenKind::DotDot) && first->kind_ == NodeKind::TestValue) {
      return rangeRest(begin, false, std::move(first->children_[0]));
    }
    NodePtr any = make(NodeKind::TestAny, begin, begin);
    attach(*any, std::move(first));
    while (at(TokenKind::Comma)) {
      advance();
      NodePtr next = positiveUnaryTest(whole_expression);
      if (!next) return nullptr;
      attach(*any, std::move(next));
    }
    if (!expect(TokenKind::RParen, ")")) return nullptr;
    any->end_ = lastEnd();
    return any;
  }

  NodePtr unaryTests() {
    const Token& t = peek();
    if (t.kind == TokenKind::End) {
      return fail("empty unary tests", t.begin);
    }
    if (t.kind == TokenKind::Minus && at(TokenKind::End, 1)) {
      advance();
      return make(NodeKind::TestDash, t.begin, t.end);
    }
    if (atWord("not") && at(TokenKind::LParen, 1)) {
      advance();
      advance();
      NodePtr inner = testList(peek().begin);
      if (!inner || !expect(TokenKind::RParen, ")")) return nullptr;
      NodePtr n = make(NodeKind::TestNot, t.begin, lastEnd());
      attach(*n, std::move(inner));
      return n;
    }
    return testList(t.begin);
  }

  NodePtr testList(size_t begin) {
    NodePtr any = make(NodeKind::TestAny, begin, begin);
    for (;;) {
      NodePtr test = positiveUnaryTest(true);
      if (!test) return nullptr;
      attach(*any, std::move(test));
      if (!at(TokenKind::Comma)) break;
      advance();
    }
    any->end_ = lastEnd();
    return any;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  Dialect dialect_;
  size_t pos_ = 0;
  int depth_ = 0;
  int range_end_depth_ = -1;  // see rangeRest
  std::optional<CompileError> error_;
  std::span<const std::string> names_with_spaces_;
};

}  // namespace

std::variant<NodePtr, CompileError> parseExpression(
    std::string_view text, size_t begin, size_t end, Dialect dialect,
    std::span<const std::string> names_with_spaces) {
  auto tokens = tokenize(text, begin, end, dialect);
  if (auto* error = std::get_if<CompileError>(&tokens)) {
    return *error;
  }
  Parser parser(text, std::move(std::get<std::vector<Token>>(tokens)), dialect, names_with_spaces);
  return parser.parseWhole();
}

std::variant<NodePtr, CompileError> parseUnaryTests(
    std::string_view text, size_t begin, size_t end,
    std::span<const std::string> names_with_spaces) {
  auto tokens = tokenize(text, begin, end, Dialect::Feel);
  if (auto* error = std::get_if<CompileError>(&tokens)) {
    return *error;
  }
  Parser parser(text, std::move(std::get<std::vector<Token>>(tokens)), Dialect::Feel,
                names_with_spaces);
  return parser.parseWholeUnaryTests();
}

}  // namespace wf::expr
