#include "wf/xml_document.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace wf::xml {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The encoding named by the XML declaration, or empty when there is none.
std::string_view declaredEncoding(std::string_view input) {
  if (input.substr(0, 5) != "<?xml") return {};
  const size_t end = input.find("?>");
  const std::string_view decl = input.substr(0, end);
  const size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  size_t i = at + 8;
  while (i < decl.size() && (isBlank(decl[i]) || decl[i] == '=')) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return {};
  const char quote = decl[i];
  const size_t close = decl.find(quote, i + 1);
  if (close == std::string_view::npos) return {};
  return decl.substr(i + 1, close - i - 1);
}

bool isLatin1(std::string_view encoding) {
  // Windows-1252 differs from latin1 only in 0x80-0x9F, which the models we
  // read use for nothing but typographic quotes in names; pugixml decodes
  // both as latin1, and so do we for the line table.
  for (std::string_view name :
       {"windows-1252", "iso-8859-1", "latin1", "cp1252", "latin-1", "iso_8859-1"}) {
    if (equalsIgnoreCase(encoding, name)) return true;
  }
  return false;
}

std::string latin1ToUtf8(std::string_view input) {
  std::string out;
  out.reserve(input.size() + input.size() / 8);
  for (char ch : input) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

size_t utf8Length(unsigned long code_point) {
  if (code_point < 0x80) return 1;
  if (code_point < 0x800) return 2;
  if (code_point < 0x10000) return 3;
  return 4;
}

std::string_view prefixOf(std::string_view qualified) {
  const size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? std::string_view() : qualified.substr(0, colon);
}

std::string_view localOf(std::string_view qualified) {
  const size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// The URI bound to `prefix` (empty: the default namespace) in scope at `node`.
std::string resolvePrefix(pugi::xml_node node, std::string_view prefix) {
  if (prefix == "xml") return "http://www.w3.org/XML/1998/namespace";
  const std::string name = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(name.c_str())) return a.value();
  }
  return {};
}

}  // namespace

namespace {

// The value of attribute `id` in the text of one start tag ("<task id='a'
// name='b'"), or empty. Only a whole attribute name counts (not "bpmnElement").
std::string idAttributeOf(std::string_view tag) {
  for (size_t at = tag.find("id"); at != std::string_view::npos; at = tag.find("id", at + 2)) {
    const bool starts = at > 0 && std::isspace(static_cast<unsigned char>(tag[at - 1]));
    size_t eq = at + 2;
    while (eq < tag.size() && std::isspace(static_cast<unsigned char>(tag[eq]))) ++eq;
    if (!starts || eq >= tag.size() || tag[eq] != '=') continue;
    size_t quote = eq + 1;
    while (quote < tag.size() && std::isspace(static_cast<unsigned char>(tag[quote]))) ++quote;
    if (quote >= tag.size() || (tag[quote] != '"' && tag[quote] != '\'')) continue;
    const size_t end = tag.find(tag[quote], quote + 1);
    if (end == std::string_view::npos) return {};
    return std::string(tag.substr(quote + 1, end - quote - 1));
  }
  return {};
}

// Where a syntax error is, which elements are open: a light scan of the
// text before `offset` (comments, CDATA, processing instructions and
// declarations skipped; quoted attribute values may hold '>'). Returns the
// id of the innermost open element that has one. pugixml keeps no such
// stack for a document it gave up on.
std::string openElementIdAt(std::string_view text, size_t offset) {
  std::vector<std::string> open;  // the ids of the open elements ("" for none)
  size_t i = 0;
  const auto skipPast = [&](std::string_view end) {
    const size_t found = text.find(end, i);
    i = found == std::string_view::npos ? offset : found + end.size();
  };
  while (i < offset) {
    const size_t lt = text.find('<', i);
    if (lt == std::string_view::npos || lt >= offset) break;
    i = lt;
    const std::string_view rest = text.substr(lt);
    if (rest.starts_with("<!--")) {
      skipPast("-->");
    } else if (rest.starts_with("<![CDATA[")) {
      skipPast("]]>");
    } else if (rest.starts_with("<?")) {
      skipPast("?>");
    } else if (rest.starts_with("<!")) {
      skipPast(">");
    } else if (rest.starts_with("</")) {
      // An end tag the error is in (a mismatch) closes nothing.
      const size_t gt = text.find('>', lt);
      if (gt == std::string_view::npos || gt >= offset) break;
      if (!open.empty()) open.pop_back();
      i = gt + 1;
    } else {
      // A start tag: up to its '>' outside quotes, or to the error inside it.
      size_t end = lt + 1;
      char quote = 0;
      while (end < text.size() && end < offset && (quote != 0 || text[end] != '>')) {
        if (quote == 0 && (text[end] == '"' || text[end] == '\'')) {
          quote = text[end];
        } else if (quote != 0 && text[end] == quote) {
          quote = 0;
        }
        ++end;
      }
      const std::string_view tag = text.substr(lt, end - lt);
      const bool empty_element = end < offset && end > lt + 1 && text[end - 1] == '/';
      if (!empty_element || end >= offset) open.push_back(idAttributeOf(tag));
      i = end + 1;
    }
  }
  for (auto it = open.rbegin(); it != open.rend(); ++it) {
    if (!it->empty()) return *it;
  }
  return {};
}

}  // namespace

std::optional<XmlError> XmlDocument::parse(std::string_view input) {
  if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  const bool latin1 = isLatin1(declaredEncoding(input));
  buffer_ = latin1 ? latin1ToUtf8(input) : std::string(input);

  line_starts_.clear();
  line_starts_.push_back(0);
  for (size_t i = 0; i < buffer_.size(); ++i) {
    if (buffer_[i] == '\n') line_starts_.push_back(i + 1);
  }

  // Offsets reported by pugixml are into its decoded copy of the input,
  // which for latin1 is byte for byte what latin1ToUtf8 produced.
  const pugi::xml_parse_result result =
      latin1
          ? doc_.load_buffer(input.data(), input.size(), pugi::parse_default, pugi::encoding_latin1)
          : doc_.load_buffer(buffer_.data(), buffer_.size(), pugi::parse_default,
                             pugi::encoding_utf8);
  if (result) {
    if (!doc_.document_element()) {
      return XmlError{locationAt(0), "xml: the document has no root element"};
    }
    return std::nullopt;
  }
  const size_t at = result.offset < 0 ? 0 : static_cast<size_t>(result.offset);
  std::string message = "xml: ";
  message += result.description();
  // pugixml's descriptions start with a capital; diagnostics start lowercase.
  if (message.size() > 5) {
    message[5] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[5])));
  }
  const size_t offset = std::min(at, buffer_.size());
  return XmlError{locationAt(offset), message, openElementIdAt(buffer_, offset)};
}

std::string XmlDocument::namespaceOf(pugi::xml_node element) const {
  return resolvePrefix(element, prefixOf(element.name()));
}

std::string_view XmlDocument::localName(pugi::xml_node element) { return localOf(element.name()); }

bool XmlDocument::is(pugi::xml_node element, std::string_view ns, std::string_view local) const {
  return element.type() == pugi::node_element && localName(element) == local &&
         namespaceOf(element) == ns;
}

pugi::xml_attribute XmlDocument::attribute(pugi::xml_node element, std::string_view ns,
                                           std::string_view local) const {
  for (pugi::xml_attribute a : element.attributes()) {
    const std::string_view name = a.name();
    const std::string_view prefix = prefixOf(name);
    if (prefix.empty() || prefix == "xmlns" || localOf(name) != local) continue;
    if (resolvePrefix(element, prefix) == ns) return a;
  }
  return {};
}

SourceLocation XmlDocument::locationAt(size_t offset) const {
  offset = std::min(offset, buffer_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  const size_t start = line_starts_[line_index];
  int column = 1;
  for (size_t i = start; i < offset; ++i) {
    // Count characters, not bytes: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(buffer_[i]) & 0xC0) != 0x80) ++column;
  }
  return {static_cast<int>(line_index) + 1, column};
}

SourceLocation XmlDocument::locationOf(pugi::xml_node element) const {
  const ptrdiff_t offset = element.offset_debug();
  if (offset <= 0) return {};
  // offset_debug points at the name; the element starts at the '<' before it.
  return locationAt(static_cast<size_t>(offset) - 1);
}

SourceLocation XmlDocument::locationOf(pugi::xml_node element, pugi::xml_attribute attr) const {
  const LocatedText text = textOf(element, attr);
  return text.loc;
}

LocatedText XmlDocument::textOf(pugi::xml_node element, pugi::xml_attribute attr) const {
  LocatedText out;
  out.loc = locationOf(element);
  std::string_view value = attr.value();
  size_t lead = 0;
  while (lead < value.size() && isBlank(value[lead])) ++lead;
  size_t end = value.size();
  while (end > lead && isBlank(value[end - 1])) --end;
  out.text = std::string(value.substr(lead, end - lead));

  const ptrdiff_t element_offset = element.offset_debug();
  if (element_offset <= 0) return out;
  // Find `name = "` inside the start tag; attributes cannot contain '>'
  // unescaped in well-formed documents written by modelers, but a quoted '>'
  // is legal, so scan quote-aware.
  const std::string_view name = attr.name();
  size_t i = static_cast<size_t>(element_offset);
  char quote = 0;
  while (i < buffer_.size()) {
    const char c = buffer_[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      ++i;
      continue;
    }
    if (c == '>') break;
    if (c == '"' || c == '\'') {
      quote = c;
      ++i;
      continue;
    }
    if (isBlank(c) && buffer_.compare(i + 1, name.size(), name) == 0) {
      size_t j = i + 1 + name.size();
      while (j < buffer_.size() && isBlank(buffer_[j])) ++j;
      if (j < buffer_.size() && buffer_[j] == '=') {
        ++j;
        while (j < buffer_.size() && isBlank(buffer_[j])) ++j;
        if (j < buffer_.size() && (buffer_[j] == '"' || buffer_[j] == '\'')) {
          size_t raw = j + 1;
          for (size_t k = 0; k < lead && raw < buffer_.size() && isBlank(buffer_[raw]); ++k) {
            ++raw;
          }
          out.raw_offset = raw;
          out.loc = locationAt(raw);
          return out;
        }
      }
    }
    ++i;
  }
  return out;
}

LocatedText XmlDocument::textOf(pugi::xml_node element) const {
  LocatedText out;
  out.loc = locationOf(element);
  std::string text;
  bool located = false;
  for (pugi::xml_node child : element.children()) {
    if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) continue;
    const std::string_view value = child.value();
    if (!located) {
      size_t lead = 0;
      while (lead < value.size() && isBlank(value[lead])) ++lead;
      if (lead < value.size()) {
        located = true;
        const ptrdiff_t offset = child.offset_debug();
        if (offset >= 0) {
          // Leading blanks are never escaped, so they are as many raw bytes
          // as decoded ones except for CR LF pairs, which pugixml folds.
          size_t raw = static_cast<size_t>(offset);
          while (raw < buffer_.size() && isBlank(buffer_[raw])) ++raw;
          out.raw_offset = raw;
          out.loc = locationAt(raw);
          out.cdata = child.type() == pugi::node_cdata;
        }
        text.append(value.substr(lead));
        continue;
      }
      continue;
    }
    text.append(value);
  }
  while (!text.empty() && isBlank(text.back())) text.pop_back();
  out.text = std::move(text);
  return out;
}

SourceLocation XmlDocument::advance(const LocatedText& text, size_t delta) const {
  if (text.raw_offset == 0) return text.loc;
  size_t raw = text.raw_offset;
  size_t decoded = 0;
  while (decoded < delta && raw < buffer_.size()) {
    const char c = buffer_[raw];
    if (c == '&' && !text.cdata) {
      const size_t semi = buffer_.find(';', raw);
      if (semi != std::string::npos && semi - raw <= 10) {
        const std::string_view entity(buffer_.data() + raw + 1, semi - raw - 1);
        size_t length = 1;
        if (!entity.empty() && entity[0] == '#') {
          const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
          const std::string digits(entity.substr(hex ? 2 : 1));
          length = utf8Length(std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10));
        }
        decoded += length;
        raw = semi + 1;
        continue;
      }
    }
    if (c == '\r' && raw + 1 < buffer_.size() && buffer_[raw + 1] == '\n') ++raw;
    ++raw;
    ++decoded;
  }
  return locationAt(raw);
}

Diagnostic syntaxDiagnostic(std::string_view file, const XmlError& error) {
  return Diagnostic{std::string(file), error.loc.line,   error.loc.column,
                    Severity::Error,   error.element_id, error.message};
}

bool XmlDocument::hasRoot(std::string_view xml, std::string_view ns, std::string_view local) {
  XmlDocument doc;
  return !doc.parse(xml) && doc.is(doc.root(), ns, local);
}

}  // namespace wf::xml
