// HtmlPage: a web page as the robot reads it, parsed by libxml2's HTML
// parser (forgiving as browsers are: unclosed <input>, <br>, <option>) —
// never with regular expressions. It answers what the script's steps ask:
// whether the page shows a text, an element's text by id, the cell beside
// a label (<th>/<dt>/<label> → the next cell), and a form's fields as it
// would be submitted (hidden inputs such as CSRF tokens included).
//
// Immutable after parse(); safe to read from one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace connectors {

struct HtmlForm {
  std::string action;  // as written ("" : the page's own address)
  std::string method;  // lower-case, "get" by default
  // name → value in document order, as the browser would send them.
  std::vector<std::pair<std::string, std::string>> fields;
  // A select's name → its option values.
  std::vector<std::pair<std::string, std::vector<std::string>>> selects;

  bool has(const std::string& name) const;
  void set(const std::string& name, const std::string& value);
  const std::vector<std::string>* optionsOf(const std::string& name) const;
};

class HtmlPage {
 public:
  static HtmlPage parse(const std::string& html);

  // The text of the page (tags dropped, white space collapsed).
  const std::string& text() const { return text_; }
  bool shows(const std::string& text) const;
  std::optional<std::string> elementText(const std::string& id) const;
  // The text of the cell after the <th>, <dt>, <td> or <label> whose text is
  // `label`; for a <label for=…>, the value of that input.
  std::optional<std::string> besideLabel(const std::string& label) const;
  // The form whose id or name is `name`.
  std::optional<HtmlForm> form(const std::string& name) const;
  std::string title() const;
  // The texts of elements with class "error" (what a form says is wrong).
  std::vector<std::string> errors() const;

  // The parsed tree (defined in html_page.cpp).
  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  std::string text_;
};

}  // namespace connectors
