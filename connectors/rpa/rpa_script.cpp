#include "connectors/rpa/rpa_script.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <utility>

#include "connectors/common/connector_files.h"
#include "wf/xml_document.h"

namespace connectors {

namespace {

using wf::Diagnostic;
using wf::Severity;
using wf::xml::XmlDocument;

struct StepRule {
  const char* tag;
  RpaStepKind kind;
  std::vector<const char*> allowed;
};

const std::vector<StepRule>& webSteps() {
  static const std::vector<StepRule> rules = {
      {"open", RpaStepKind::Open, {"url"}},
      {"fill", RpaStepKind::Fill, {"form", "field", "var", "value", "credential"}},
      {"select", RpaStepKind::Select, {"form", "field", "var", "value"}},
      {"submit", RpaStepKind::Submit, {"form"}},
      {"expect", RpaStepKind::Expect, {"text", "element"}},
      {"extract", RpaStepKind::Extract, {"element", "label", "var", "required"}},
      {"when", RpaStepKind::When, {"text", "element"}},
  };
  return rules;
}

const std::vector<StepRule>& jsonSteps() {
  static const std::vector<StepRule> rules = {
      {"field", RpaStepKind::Field, {"name", "var", "value", "type"}},
      {"extract", RpaStepKind::Extract, {"field", "var", "required"}},
  };
  return rules;
}

class Reader {
 public:
  Reader(std::string file, const XmlDocument& doc) : file_(std::move(file)), doc_(doc) {}

  RpaScriptReadResult read() {
    const pugi::xml_node root = doc_.root();
    if (!doc_.is(root, kRpaNamespace, "rpa")) {
      error(root, {}, std::string("expected <rpa xmlns=\"") + kRpaNamespace + "\">");
      return {std::nullopt, std::move(diagnostics_)};
    }
    RpaScript s;
    s.file = file_;
    allow(root, {"system", "name", "kind", "pathPrefix", "baseUrl", "timeoutMs"});
    s.system = text(root, "system", true);
    s.name = text(root, "name", true);
    s.kind = text(root, "kind", true);
    if (s.kind != "web" && s.kind != "json" && root.attribute("kind")) {
      error(root, root.attribute("kind"), "kind: expected web or json, got \"" + s.kind + "\"");
    }
    s.path_prefix = text(root, "pathPrefix", s.kind == "web");
    s.base_url = root.attribute("baseUrl").as_string();
    if (!s.base_url.empty() && s.base_url.rfind("http://", 0) != 0 &&
        s.base_url.rfind("https://", 0) != 0) {
      error(root, root.attribute("baseUrl"), "baseUrl: expected http:// or https://");
    }
    if (const pugi::xml_attribute t = root.attribute("timeoutMs")) {
      int ms = 0;
      const std::string_view v = t.as_string();
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), ms);
      if (ec != std::errc() || end != v.data() + v.size() || ms < 1 || ms > 600000) {
        error(root, t, "timeoutMs: expected a whole number from 1 to 600000");
      }
      s.timeout_ms = ms;
    }
    std::set<std::string> seen;
    for (pugi::xml_node child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string local(XmlDocument::localName(child));
      if (!seen.insert(local).second) {
        error(child, {}, "<" + local + "> given twice");
        continue;
      }
      if (local == "signIn" && s.kind == "web") {
        allow(child, {"userEnv", "passwordEnv", "file"});
        s.user_env = child.attribute("userEnv").as_string();
        s.password_env = child.attribute("passwordEnv").as_string();
        s.credentials_file = child.attribute("file").as_string();
        if ((s.user_env.empty() || s.password_env.empty()) && s.credentials_file.empty()) {
          error(child, {},
                "<signIn> needs userEnv and passwordEnv, or file (credentials are never kept in "
                "the models)");
        }
        s.sign_in = steps(child, webSteps(), true);
        if (s.sign_in.empty() || s.sign_in.front().kind != RpaStepKind::Open) {
          error(child, {},
                "<signIn> must start with <open> (its page is where a stale session "
                "is sent)");
        }
      } else if ((local == "push" || local == "fetch") && s.kind == "web") {
        allow(child, {});
        (local == "push" ? s.push : s.fetch) = steps(child, webSteps(), false);
      } else if ((local == "push" || local == "fetch") && s.kind == "json") {
        allow(child, local == "push" ? std::vector<const char*>{"path", "method"}
                                     : std::vector<const char*>{"path"});
        RpaStep call;
        call.kind = RpaStepKind::Open;
        call.url = text(child, "path", true);
        call.where = where(child, {});
        call.tag = "<" + local + " path=\"" + call.url + "\">";
        placeholders(child, child.attribute("path"));
        call.steps = steps(child, jsonSteps(), false);
        if (local == "push") {
          s.push_method = child.attribute("method") ? child.attribute("method").as_string() : "PUT";
          if (s.push_method != "PUT" && s.push_method != "POST") {
            error(child, child.attribute("method"), "method: expected PUT or POST");
          }
        }
        (local == "push" ? s.push : s.fetch).push_back(std::move(call));
      } else {
        error(child, {}, "unknown element <" + local + "> in a " + s.kind + " script");
      }
    }
    if (s.kind == "web" && !seen.count("signIn")) error(root, {}, "a web script needs <signIn>");
    if (!seen.count("push") && !seen.count("fetch")) {
      error(root, {}, "<rpa> has neither <push> nor <fetch>");
    }
    if (wf::hasErrors(diagnostics_)) return {std::nullopt, std::move(diagnostics_)};
    return {std::move(s), std::move(diagnostics_)};
  }

 private:
  void error(pugi::xml_node node, pugi::xml_attribute attr, std::string message) {
    const wf::SourceLocation loc = attr ? doc_.locationOf(node, attr) : doc_.locationOf(node);
    diagnostics_.push_back(
        Diagnostic{file_, loc.line, loc.column, Severity::Error, {}, std::move(message)});
  }

  std::string where(pugi::xml_node node, pugi::xml_attribute attr) const {
    const wf::SourceLocation loc = attr ? doc_.locationOf(node, attr) : doc_.locationOf(node);
    return file_ + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
  }

  std::string text(pugi::xml_node node, const char* name, bool required) {
    const pugi::xml_attribute attr = node.attribute(name);
    if ((!attr || std::string_view(attr.as_string()).empty()) && required) {
      error(node, attr, "<" + std::string(XmlDocument::localName(node)) + "> has no " + name);
    }
    return attr.as_string();
  }

  void allow(pugi::xml_node node, const std::vector<const char*>& names) {
    for (pugi::xml_attribute a : node.attributes()) {
      const std::string_view n = a.name();
      if (n == "xmlns" || n.rfind("xmlns:", 0) == 0) continue;
      if (std::none_of(names.begin(), names.end(), [&](const char* k) { return n == k; })) {
        error(node, a,
              "unknown attribute " + std::string(n) + " on <" +
                  std::string(XmlDocument::localName(node)) + ">");
      }
    }
  }

  // {name} placeholders: closed, and a name inside.
  void placeholders(pugi::xml_node node, pugi::xml_attribute attr) {
    const std::string_view v = attr.as_string();
    size_t at = 0;
    while ((at = v.find('{', at)) != std::string_view::npos) {
      const size_t end = v.find('}', at);
      if (end == std::string_view::npos || end == at + 1) {
        error(node, attr, std::string(attr.name()) + ": a {placeholder} is not closed or empty");
        return;
      }
      at = end;
    }
  }

  // One source among var, value and credential (credential only when allowed).
  void oneSource(pugi::xml_node node, bool credentials) {
    const int given = (node.attribute("var") ? 1 : 0) + (node.attribute("value") ? 1 : 0) +
                      (node.attribute("credential") ? 1 : 0);
    const std::string tag(XmlDocument::localName(node));
    if (given != 1) error(node, {}, "<" + tag + "> needs exactly one of var, value, credential");
    if (const pugi::xml_attribute c = node.attribute("credential")) {
      const std::string_view v = c.as_string();
      if (!credentials) error(node, c, "credential: only in <signIn>");
      if (v != "user" && v != "password") error(node, c, "credential: expected user or password");
    }
  }

  // One of text and element.
  void oneTarget(pugi::xml_node node, bool label_too) {
    const int given = (node.attribute("text") ? 1 : 0) + (node.attribute("element") ? 1 : 0) +
                      (node.attribute("label") ? 1 : 0);
    const std::string tag(XmlDocument::localName(node));
    if (given != 1) {
      error(
          node, {},
          "<" + tag + "> needs exactly one of " + (label_too ? "element, label" : "text, element"));
    }
  }

  std::vector<RpaStep> steps(pugi::xml_node parent, const std::vector<StepRule>& rules,
                             bool credentials) {
    std::vector<RpaStep> out;
    for (pugi::xml_node node : parent.children()) {
      if (node.type() != pugi::node_element) continue;
      const std::string local(XmlDocument::localName(node));
      const auto rule = std::find_if(rules.begin(), rules.end(),
                                     [&](const StepRule& r) { return local == r.tag; });
      if (rule == rules.end()) {
        error(node, {}, "unknown step <" + local + ">");
        continue;
      }
      allow(node, rule->allowed);
      RpaStep step;
      step.kind = rule->kind;
      step.where = where(node, {});
      step.tag = "<" + local;
      for (pugi::xml_attribute a : node.attributes()) {
        step.tag += " " + std::string(a.name()) + "=\"" + a.as_string() + "\"";
      }
      step.tag += ">";
      step.form = node.attribute("form").as_string();
      step.var = node.attribute("var").as_string();
      step.value = node.attribute("value").as_string();
      step.credential = node.attribute("credential").as_string();
      step.text = node.attribute("text").as_string();
      step.element = node.attribute("element").as_string();
      step.label = node.attribute("label").as_string();
      step.required = std::string_view(node.attribute("required").as_string()) == "true";
      if (node.attribute("required") && !step.required &&
          std::string_view(node.attribute("required").as_string()) != "false") {
        error(node, node.attribute("required"), "required: expected true or false");
      }
      switch (step.kind) {
        case RpaStepKind::Open:
          step.url = text(node, "url", true);
          if (!step.url.empty() && step.url.front() != '/') {
            error(node, node.attribute("url"), "url: must start with / (below pathPrefix)");
          }
          placeholders(node, node.attribute("url"));
          break;
        case RpaStepKind::Fill:
        case RpaStepKind::Select:
          text(node, "form", true);
          step.field = text(node, "field", true);
          oneSource(node, credentials);
          break;
        case RpaStepKind::Submit:
          text(node, "form", true);
          break;
        case RpaStepKind::Expect:
          oneTarget(node, false);
          break;
        case RpaStepKind::When:
          oneTarget(node, false);
          step.steps = steps(node, rules, credentials);
          break;
        case RpaStepKind::Extract:
          text(node, "var", true);
          if (&rules == &jsonSteps()) {
            step.field = text(node, "field", true);
          } else {
            oneTarget(node, true);
            if (node.attribute("text"))
              error(node, node.attribute("text"), "text: extract an element or a label");
          }
          break;
        case RpaStepKind::Field:
          step.field = text(node, "name", true);
          oneSource(node, false);
          step.type = node.attribute("type") ? node.attribute("type").as_string() : "text";
          if (step.type != "text" && step.type != "number") {
            error(node, node.attribute("type"), "type: expected text or number");
          }
          break;
      }
      out.push_back(std::move(step));
    }
    return out;
  }

  std::string file_;
  const XmlDocument& doc_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

bool isRpaScriptDocument(std::string_view xml) {
  return XmlDocument::hasRoot(xml, kRpaNamespace, "rpa");
}

RpaScriptReadResult readRpaScript(const std::string& file, std::string_view xml) {
  XmlDocument doc;
  if (std::optional<wf::xml::XmlError> bad = doc.parse(xml)) {
    return {std::nullopt, {wf::xml::syntaxDiagnostic(file, *bad)}};
  }
  return Reader(file, doc).read();
}

wf::Result<std::map<std::string, RpaScript>> readRpaScripts(const std::filesystem::path& dir) {
  std::map<std::string, RpaScript> out;
  if (!std::filesystem::is_directory(dir)) return out;
  ASSIGN_OR_RETURN(const std::vector<ConnectorFile> files, readConnectorFiles(dir));
  std::string errors;
  for (const ConnectorFile& file : files) {
    RpaScriptReadResult read = readRpaScript(file.path.string(), file.content);
    for (const Diagnostic& d : read.diagnostics) errors += d.toString() + "\n";
    if (!read.script) continue;
    const std::string system = read.script->system;
    if (!out.emplace(system, std::move(*read.script)).second) {
      errors += file.path.string() + ": line system " + system + " has two scripts\n";
    }
  }
  if (!errors.empty()) return wf::Status::invalid("RPA scripts:\n" + errors);
  return out;
}

}  // namespace connectors
