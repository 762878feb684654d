#include "connectors/rpa/html_page.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <functional>

namespace connectors {

struct HtmlPage::Node {
  std::string name;  // lower-case; empty for text
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::shared_ptr<Node>> children;
  std::string text;  // of a text node

  std::string attribute(const char* key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) return v;
    }
    return {};
  }
  bool hasAttribute(const char* key) const {
    return std::any_of(attributes.begin(), attributes.end(),
                       [&](const auto& a) { return a.first == key; });
  }
};

namespace {

using Node = HtmlPage::Node;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::shared_ptr<HtmlPage::Node> convert(xmlNode* x) {
  auto node = std::make_shared<HtmlPage::Node>();
  node->name = lower(reinterpret_cast<const char*>(x->name));
  for (xmlAttr* a = x->properties; a != nullptr; a = a->next) {
    xmlChar* value = xmlNodeListGetString(x->doc, a->children, 1);
    node->attributes.emplace_back(lower(reinterpret_cast<const char*>(a->name)),
                                  value != nullptr ? reinterpret_cast<const char*>(value) : "");
    xmlFree(value);
  }
  for (xmlNode* c = x->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      node->children.push_back(convert(c));
    } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
               c->content != nullptr) {
      auto text = std::make_shared<HtmlPage::Node>();
      text->text = reinterpret_cast<const char*>(c->content);
      node->children.push_back(std::move(text));
    }
  }
  return node;
}

// The text under `node`, white space collapsed to single spaces, trimmed.
std::string textOf(const HtmlPage::Node& node) {
  std::string raw;
  std::function<void(const HtmlPage::Node&)> walk = [&](const HtmlPage::Node& n) {
    if (n.name.empty()) raw += n.text;
    if (n.name == "script" || n.name == "style") return;
    if (n.name == "br" || n.name == "td" || n.name == "th" || n.name == "p" || n.name == "div" ||
        n.name == "tr" || n.name == "li" || n.name == "option") {
      raw += ' ';
    }
    for (const auto& c : n.children) walk(*c);
  };
  walk(node);
  std::string out;
  bool space = false;
  for (const char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void eachNode(const HtmlPage::Node& node, const std::function<bool(const HtmlPage::Node&)>& visit) {
  std::function<bool(const HtmlPage::Node&)> walk = [&](const HtmlPage::Node& n) {
    if (!n.name.empty() && !visit(n)) return false;
    for (const auto& c : n.children) {
      if (!walk(*c)) return false;
    }
    return true;
  };
  walk(node);
}

const HtmlPage::Node* findNode(const HtmlPage::Node& root,
                               const std::function<bool(const HtmlPage::Node&)>& match) {
  const HtmlPage::Node* found = nullptr;
  eachNode(root, [&](const HtmlPage::Node& n) {
    if (match(n)) found = &n;
    return found == nullptr;
  });
  return found;
}

}  // namespace

bool HtmlForm::has(const std::string& name) const {
  return std::any_of(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
}

void HtmlForm::set(const std::string& name, const std::string& value) {
  for (auto& f : fields) {
    if (f.first == name) {
      f.second = value;
      return;
    }
  }
  fields.emplace_back(name, value);
}

const std::vector<std::string>* HtmlForm::optionsOf(const std::string& name) const {
  for (const auto& s : selects) {
    if (s.first == name) return &s.second;
  }
  return nullptr;
}

HtmlPage HtmlPage::parse(const std::string& html) {
  // libxml2 wants its globals set up once before parsers run on threads.
  static const bool initialized = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialized;
  HtmlPage page;
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
  auto root = std::make_shared<Node>();
  root->name = "#document";
  if (doc != nullptr) {
    if (xmlNode* element = xmlDocGetRootElement(doc)) root->children.push_back(convert(element));
    xmlFreeDoc(doc);
  }
  page.text_ = textOf(*root);
  page.root_ = std::move(root);
  return page;
}

bool HtmlPage::shows(const std::string& text) const {
  return text_.find(text) != std::string::npos;
}

std::optional<std::string> HtmlPage::elementText(const std::string& id) const {
  const Node* n = findNode(*root_, [&](const Node& x) { return x.attribute("id") == id; });
  if (n == nullptr) return std::nullopt;
  return textOf(*n);
}

std::optional<std::string> HtmlPage::besideLabel(const std::string& label) const {
  std::optional<std::string> out;
  std::function<bool(const Node&)> walk = [&](const Node& parent) {
    const Node* previous = nullptr;
    for (const auto& child : parent.children) {
      if (child->name.empty()) continue;
      if (previous != nullptr && textOf(*previous) == label) {
        out = textOf(*child);
        return false;
      }
      const bool labelled = child->name == "th" || child->name == "dt" || child->name == "td" ||
                            child->name == "label";
      if (child->name == "label" && textOf(*child) == label && child->hasAttribute("for")) {
        const std::string target = child->attribute("for");
        if (const Node* input =
                findNode(*root_, [&](const Node& x) { return x.attribute("id") == target; })) {
          out = input->name == "input" ? input->attribute("value") : textOf(*input);
          return false;
        }
      }
      previous = labelled ? child.get() : nullptr;
      if (!walk(*child)) return false;
    }
    return true;
  };
  walk(*root_);
  return out;
}

std::optional<HtmlForm> HtmlPage::form(const std::string& name) const {
  const Node* f = findNode(*root_, [&](const Node& x) {
    return x.name == "form" && (x.attribute("id") == name || x.attribute("name") == name);
  });
  if (f == nullptr) return std::nullopt;
  HtmlForm form;
  form.action = f->attribute("action");
  form.method = lower(f->attribute("method"));
  if (form.method.empty()) form.method = "get";
  eachNode(*f, [&](const Node& n) {
    const std::string field = n.attribute("name");
    if (field.empty()) return true;
    if (n.name == "input") {
      const std::string type = lower(n.attribute("type"));
      if (type == "submit" || type == "button" || type == "reset" || type == "image" ||
          type == "file") {
        return true;
      }
      if ((type == "checkbox" || type == "radio") && !n.hasAttribute("checked")) return true;
      form.fields.emplace_back(field, n.attribute("value"));
    } else if (n.name == "textarea") {
      form.fields.emplace_back(field, textOf(n));
    } else if (n.name == "select") {
      std::vector<std::string> options;
      std::string chosen;
      bool any_selected = false;
      eachNode(n, [&](const Node& o) {
        if (o.name != "option") return true;
        const std::string value = o.hasAttribute("value") ? o.attribute("value") : textOf(o);
        options.push_back(value);
        if (o.hasAttribute("selected") && !any_selected) {
          chosen = value;
          any_selected = true;
        }
        return true;
      });
      if (!any_selected && !options.empty()) chosen = options.front();
      form.fields.emplace_back(field, chosen);
      form.selects.emplace_back(field, std::move(options));
    }
    return true;
  });
  return form;
}

std::string HtmlPage::title() const {
  const Node* t = findNode(*root_, [](const Node& x) { return x.name == "title"; });
  return t == nullptr ? std::string() : textOf(*t);
}

std::vector<std::string> HtmlPage::errors() const {
  std::vector<std::string> out;
  eachNode(*root_, [&](const Node& n) {
    const std::string classes = " " + n.attribute("class") + " ";
    if (classes.find(" error ") != std::string::npos ||
        classes.find(" errors ") != std::string::npos) {
      out.push_back(textOf(n));
    }
    return true;
  });
  return out;
}

}  // namespace connectors
