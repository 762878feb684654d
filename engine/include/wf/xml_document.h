// XmlDocument: a parsed XML buffer with what pugixml does not give us —
// namespace resolution (pugixml keeps prefixes as written) and 1-based
// line:column positions for nodes, attributes and text. Every reader of a
// declarative model uses it — the engine's (BPMN, DMN, calendars) and the
// hall's (its layout, later the catalogue) — so every diagnostic names
// file:line:col the same way.
//
// Owns the pugixml document and a copy of the buffer it was parsed from (after
// decoding to UTF-8), so positions can be computed after parsing. Not
// thread-safe; one reader uses it for one readBpmn call.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "wf/diagnostic.h"

namespace wf::xml {

// A syntax error found while parsing, already placed in the input.
struct XmlError {
  SourceLocation loc;
  std::string message;
  // The id attribute of the innermost element open where the error is (the
  // process left unclosed, the task whose tag is broken); empty when no
  // enclosing element has one.
  std::string element_id = {};
};

// Expression-bearing text with where it starts in the buffer, so a compile
// error offset inside the text can be turned into a line:column.
struct LocatedText {
  std::string text;    // trimmed of surrounding white space
  SourceLocation loc;  // of the first character of `text`
  // Offset of the first character in the decoded buffer; 0 when unknown.
  size_t raw_offset = 0;
  bool cdata = false;  // CDATA content has no entities to decode
};

// A syntax error as the diagnostic of the file it was found in.
Diagnostic syntaxDiagnostic(std::string_view file, const XmlError& error);

class XmlDocument {
 public:
  // Decodes (UTF-8 with optional BOM, or latin1 when the declaration says
  // WINDOWS-1252 / ISO-8859-1) and parses. Returns the syntax error, if any.
  std::optional<XmlError> parse(std::string_view input);

  pugi::xml_node root() const { return doc_.document_element(); }

  // Whether `xml` parses and its root element is `local` in namespace `ns`:
  // a cheap look that tells the kinds of model files apart.
  static bool hasRoot(std::string_view xml, std::string_view ns, std::string_view local);

  // The namespace URI of an element, resolved through the xmlns declarations
  // on it and its ancestors. Empty when unqualified and no default namespace.
  std::string namespaceOf(pugi::xml_node element) const;
  // The local part of the element name (after any prefix).
  static std::string_view localName(pugi::xml_node element);
  // Whether `element` is `local` in namespace `ns`.
  bool is(pugi::xml_node element, std::string_view ns, std::string_view local) const;
  // An attribute in namespace `ns` (prefixed, any prefix bound to `ns`).
  pugi::xml_attribute attribute(pugi::xml_node element, std::string_view ns,
                                std::string_view local) const;

  // Position of the '<' opening the element.
  SourceLocation locationOf(pugi::xml_node element) const;
  // Position of the first character of the attribute's value; falls back to
  // the element's position when it cannot be found in the buffer.
  SourceLocation locationOf(pugi::xml_node element, pugi::xml_attribute attr) const;

  // The concatenated text content of an element (pcdata and cdata children),
  // trimmed, with the position of its first non-blank character.
  LocatedText textOf(pugi::xml_node element) const;
  // An attribute value with the position of its first character.
  LocatedText textOf(pugi::xml_node element, pugi::xml_attribute attr) const;

  // The position `delta` decoded bytes after the start of `text`, walking the
  // raw buffer so that entities (&lt;) and line breaks are accounted for.
  SourceLocation advance(const LocatedText& text, size_t delta) const;

  // The line:column of a byte offset into the decoded buffer.
  SourceLocation locationAt(size_t offset) const;

 private:
  std::string buffer_;               // decoded UTF-8 input, what pugixml parsed
  std::vector<size_t> line_starts_;  // offsets of the first byte of each line
  pugi::xml_document doc_;
};

}  // namespace wf::xml
