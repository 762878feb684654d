// Checks that span the whole document rather than one process: references
// by id must name an element of the right kind, and attributes that the BPMN
// schema types as URIs or MIME types must be well-formed. Inert parts of a
// model (interfaces, partner entities) are kept but ignored, yet a broken
// reference there is still a broken model.
#include <array>
#include <regex>
#include <string>

#include "bpmn/reader_context.h"

namespace wf::bpmn {
namespace {

struct RefRule {
  std::string_view ref;       // attribute or child element name
  std::string_view expected;  // local name the target must have; "*EventDefinition" for any
};

constexpr std::array<RefRule, 18> kRefRules = {{
    {"participantRef", "participant"},
    {"errorRef", "error"},
    {"messageRef", "message"},
    {"inMessageRef", "message"},
    {"outMessageRef", "message"},
    {"processRef", "process"},
    {"interfaceRef", "interface"},
    {"signalRef", "signal"},
    {"escalationRef", "escalation"},
    {"operationRef", "operation"},
    {"itemSubjectRef", "itemDefinition"},
    {"itemRef", "itemDefinition"},
    {"dataObjectRef", "dataObject"},
    {"dataStoreRef", "dataStore"},
    {"eventDefinitionRef", "*EventDefinition"},
    {"categoryValueRef", "categoryValue"},
    {"partnerEntityRef", "partnerEntity"},
    {"partnerRoleRef", "partnerRole"},
}};

bool isUri(std::string_view text) {
  // RFC 3986 in spirit: a scheme, then no blanks and only well-formed %XX.
  static const std::regex kUri(R"([A-Za-z][A-Za-z0-9+.\-]*:([^\s%]|%[0-9A-Fa-f]{2})*)");
  return std::regex_match(text.begin(), text.end(), kUri);
}

bool isMimeType(std::string_view text) {
  static const std::regex kMime(
      R"([A-Za-z0-9][A-Za-z0-9!#$&^_.+\-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+\-]*(;.*)?)");
  return std::regex_match(text.begin(), text.end(), kMime);
}

class DocumentChecks {
 public:
  DocumentChecks(ReaderContext& ctx, const IdTable& ids) : ctx_(ctx), doc_(ctx.doc()), ids_(ids) {}

  void run(pugi::xml_node root) {
    target_namespace_ = root.attribute("targetNamespace").value();
    walk(root);
  }

 private:
  std::string ownerId(pugi::xml_node node) const {
    for (pugi::xml_node n = node; n; n = n.parent()) {
      if (const char* id = n.attribute("id").value(); *id != 0) return id;
    }
    return {};
  }

  // The id a reference names, or empty when it points outside this document
  // (a QName whose prefix is bound to another namespace).
  std::string localRef(pugi::xml_node scope, std::string_view ref) const {
    const size_t colon = ref.find(':');
    if (colon == std::string_view::npos) return std::string(ref);
    const std::string prefix(ref.substr(0, colon));
    std::string bound;
    for (pugi::xml_node n = scope; n && n.type() == pugi::node_element; n = n.parent()) {
      if (pugi::xml_attribute a = n.attribute(("xmlns:" + prefix).c_str())) {
        bound = a.value();
        break;
      }
    }
    if (bound != target_namespace_) return {};
    return std::string(ref.substr(colon + 1));
  }

  void checkRef(pugi::xml_node scope, model::SourceLocation loc, std::string_view ref_name,
                std::string_view expected, std::string_view value) {
    const std::string id = localRef(scope, value);
    if (id.empty()) return;
    const auto it = ids_.find(id);
    const std::string owner = ownerId(scope);
    if (it == ids_.end()) {
      ctx_.error(loc, owner,
                 std::string(ref_name) + " of '" + owner + "' names unknown element '" + id + "'");
      return;
    }
    const std::string_view actual = XmlDocument::localName(it->second);
    const bool matches =
        expected.starts_with("*") ? actual.ends_with(expected.substr(1)) : actual == expected;
    if (!matches || doc_.namespaceOf(it->second) != kBpmnNs) {
      ctx_.error(loc, owner,
                 std::string(ref_name) + " of '" + owner + "' names '" + id +
                     "', which is a bpmn:" + std::string(actual) + ", not a bpmn:" +
                     std::string(expected.starts_with("*") ? "eventDefinition" : expected));
    }
  }

  void walk(pugi::xml_node node) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element || doc_.namespaceOf(child) != kBpmnNs) continue;
      const std::string_view local = XmlDocument::localName(child);
      for (const RefRule& rule : kRefRules) {
        if (pugi::xml_attribute attr = child.attribute(std::string(rule.ref).c_str())) {
          checkRef(child, doc_.locationOf(child, attr), rule.ref, rule.expected, attr.value());
        }
        if (local == rule.ref) {
          checkRef(child, doc_.locationOf(child), rule.ref, rule.expected, doc_.textOf(child).text);
        }
      }
      for (const char* name : {"expressionLanguage", "typeLanguage", "language"}) {
        if (pugi::xml_attribute attr = child.attribute(name); attr && !isUri(attr.value())) {
          ctx_.error(doc_.locationOf(child, attr), ownerId(child),
                     std::string(name) + " '" + attr.value() + "' of '" + ownerId(child) +
                         "' is not a URI");
        }
      }
      if (pugi::xml_attribute attr = child.attribute("textFormat");
          attr && !isMimeType(attr.value())) {
        ctx_.error(doc_.locationOf(child, attr), ownerId(child),
                   "textFormat '" + std::string(attr.value()) + "' of '" + ownerId(child) +
                       "' is not a MIME type");
      }
      walk(child);
    }
  }

  ReaderContext& ctx_;
  const XmlDocument& doc_;
  const IdTable& ids_;
  std::string target_namespace_;
};

}  // namespace

void checkDocument(ReaderContext& ctx, const IdTable& ids, pugi::xml_node root) {
  DocumentChecks(ctx, ids).run(root);
}

}  // namespace wf::bpmn
