#include "portal/domain/catalogue_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "wf/xml_document.h"

namespace hall::domain {

namespace {

using wf::Diagnostic;
using wf::Severity;
using wf::SourceLocation;
using wf::xml::XmlDocument;

// The hall's service categories: the queues matters are received at
// (models/hall/changning.xml).
constexpr std::array<std::string_view, 6> kCategories = {"commerce", "policy",       "hr",
                                                         "tax",      "construction", "cross"};
// 事项类型 (DOMAIN.md 1.5): the 依申请行政权力 kinds and 公共服务.
constexpr std::array<std::string_view, 8> kMatterTypes = {"行政许可",     "行政确认", "行政裁决",
                                                          "行政给付",     "行政奖励", "行政备案",
                                                          "其他行政权力", "公共服务"};
// Lengths of the parts of an implementation code: 基本编码, 区划, 000,
// 实施主体 USCC, 业务办理项, 情形.
constexpr std::array<size_t, 6> kCodeParts = {14, 12, 3, 18, 1, 2};

bool upperAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

bool wellFormedCode(std::string_view code) {
  size_t part = 0;
  size_t length = 0;
  for (char c : code) {
    if (c == '-') {
      if (part >= kCodeParts.size() || length != kCodeParts[part]) return false;
      ++part;
      length = 0;
    } else if (!upperAlnum(c)) {
      return false;
    } else {
      ++length;
    }
  }
  return part == kCodeParts.size() - 1 && length == kCodeParts[part];
}

// An e-licence type code: the 18-character USCC of the authority that
// defines the type, then 3 digits.
bool wellFormedLicenceType(std::string_view code) {
  if (code.size() != 21) return false;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i < 18 ? !upperAlnum(code[i]) : !std::isdigit(static_cast<unsigned char>(code[i]))) {
      return false;
    }
  }
  return true;
}

template <size_t N>
bool oneOf(const std::array<std::string_view, N>& set, std::string_view value) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

// Where something was defined, for "defined twice (first at …)".
struct Place {
  std::string file;
  SourceLocation loc;
  std::string toString() const {
    return file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
  }
};

struct Document {
  std::string file;
  XmlDocument doc;
  bool ok = false;  // parsed, and its root is a catalogue
};

class Reader {
 public:
  explicit Reader(std::vector<std::unique_ptr<Document>>& docs) : docs_(docs) {}

  std::optional<Catalogue> read() {
    // Definitions first (any file may refer to any other), then what refers
    // to them.
    for (auto& d : docs_) {
      if (d->ok) collectDefinitions(*d);
    }
    for (auto& d : docs_) {
      if (!d->ok) continue;
      for (pugi::xml_node node : children(*d, d->doc.root())) {
        if (XmlDocument::localName(node) == "matter") readMatter(*d, node);
      }
    }
    for (auto& d : docs_) {
      if (!d->ok) continue;
      for (pugi::xml_node node : children(*d, d->doc.root())) {
        if (XmlDocument::localName(node) == "theme") readTheme(*d, node);
      }
    }
    if (errors_ > 0) return std::nullopt;
    std::vector<Diagnostic> warnings;
    for (const Diagnostic& diag : diagnostics_) {
      if (diag.severity == Severity::Warning) warnings.push_back(diag);
    }
    return Catalogue(std::move(departments_), std::move(matters_), std::move(themes_),
                     std::move(warnings));
  }

  void error(const Document& d, SourceLocation loc, std::string id, std::string message) {
    ++errors_;
    diagnostics_.push_back(Diagnostic{d.file, loc.line, loc.column, Severity::Error, std::move(id),
                                      std::move(message)});
  }
  void warning(const Document& d, SourceLocation loc, std::string id, std::string message) {
    diagnostics_.push_back(Diagnostic{d.file, loc.line, loc.column, Severity::Warning,
                                      std::move(id), std::move(message)});
  }

  std::vector<Diagnostic> diagnostics() { return std::move(diagnostics_); }

 private:
  std::vector<pugi::xml_node> children(const Document& d, pugi::xml_node parent) const {
    std::vector<pugi::xml_node> out;
    for (pugi::xml_node c : parent.children()) {
      if (c.type() == pugi::node_element && d.doc.namespaceOf(c) == kCatalogueNs) out.push_back(c);
    }
    return out;
  }

  static std::string idOf(pugi::xml_node node) {
    for (const char* attr : {"id", "code", "ref", "department", "matter", "material"}) {
      if (pugi::xml_attribute a = node.attribute(attr)) return a.value();
    }
    return {};
  }

  static std::string what(pugi::xml_node node) {
    const std::string id = idOf(node);
    return std::string(XmlDocument::localName(node)) + (id.empty() ? "" : " '" + id + "'");
  }

  void unexpected(const Document& d, pugi::xml_node node, std::string_view parent) {
    error(d, d.doc.locationOf(node), idOf(node),
          "<" + std::string(XmlDocument::localName(node)) + "> is not part of " +
              std::string(parent));
  }

  std::string required(const Document& d, pugi::xml_node node, const char* attr) {
    const pugi::xml_attribute a = node.attribute(attr);
    if (!a || std::string_view(a.value()).empty()) {
      error(d, d.doc.locationOf(node), idOf(node), what(node) + " has no " + attr);
      return {};
    }
    return a.value();
  }

  bool flag(const Document& d, pugi::xml_node node, const char* attr, bool fallback) {
    const pugi::xml_attribute a = node.attribute(attr);
    if (!a) return fallback;
    const std::string_view v = a.value();
    if (v == "true") return true;
    if (v == "false") return false;
    error(d, d.doc.locationOf(node, a), idOf(node),
          std::string(attr) + " of " + what(node) + " must be true or false, not '" +
              std::string(v) + "'");
    return fallback;
  }

  int integer(const Document& d, pugi::xml_node node, const char* attr, int min, int max,
              std::optional<int> fallback) {
    const pugi::xml_attribute a = node.attribute(attr);
    if (!a) {
      if (fallback) return *fallback;
      error(d, d.doc.locationOf(node), idOf(node), what(node) + " has no " + attr);
      return min;
    }
    const std::string_view text = a.value();
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
      error(d, d.doc.locationOf(node, a), idOf(node),
            std::string(attr) + " of " + what(node) + " must be a whole number from " +
                std::to_string(min) + " to " + std::to_string(max) + ", not '" + std::string(text) +
                "'");
      return fallback.value_or(min);
    }
    return v;
  }

  // Defines `key` in `seen`; an error at `attr` when it already is.
  bool define(const Document& d, pugi::xml_node node, const char* attr, const std::string& key,
              std::map<std::string, Place>& seen) {
    if (key.empty()) return false;
    auto [it, inserted] = seen.emplace(key, Place{d.file, d.doc.locationOf(node)});
    if (!inserted) {
      const std::string_view a = attr;
      error(d, d.doc.locationOf(node, node.attribute(attr)), key,
            (a == "id" || a == "code"
                 ? what(node) + " is defined twice"
                 : std::string(attr) + " '" + key + "' of " + what(node) + " is used twice") +
                " (first at " + it->second.toString() + ")");
    }
    return inserted;
  }

  // A reference in `attr` to something in `defined`.
  std::string reference(const Document& d, pugi::xml_node node, const char* attr, const char* kind,
                        const std::map<std::string, Place>& defined) {
    const std::string ref = required(d, node, attr);
    if (!ref.empty() && !defined.contains(ref)) {
      error(d, d.doc.locationOf(node, node.attribute(attr)), ref,
            what(node) + " names unknown " + kind + " '" + ref + "'");
      return {};
    }
    return ref;
  }

  void collectDefinitions(Document& d) {
    for (pugi::xml_node node : children(d, d.doc.root())) {
      const std::string_view local = XmlDocument::localName(node);
      if (local == "department") {
        ApprovingDepartment dep;
        dep.id = required(d, node, "id");
        dep.name = required(d, node, "name");
        dep.illustrative = flag(d, node, "illustrative", false);
        if (define(d, node, "id", dep.id, department_ids_)) departments_.push_back(dep);
      } else if (local == "material") {
        Material m = readMaterial(d, node);
        if (define(d, node, "id", m.id, material_ids_)) {
          library_ids_.emplace(m.id, material_ids_.at(m.id));
          library_.emplace(m.id, std::move(m));
        }
      } else if (local == "matter") {
        define(d, node, "code", required(d, node, "code"), matter_codes_);
        define(d, node, "process", node.attribute("process").value(), process_keys_);
        for (pugi::xml_node part : children(d, node)) {
          if (XmlDocument::localName(part) != "materials") continue;
          for (pugi::xml_node m : children(d, part)) {
            if (XmlDocument::localName(m) == "material") {
              define(d, m, "id", m.attribute("id").value(), material_ids_);
            }
          }
        }
      } else if (local == "theme") {
        define(d, node, "id", required(d, node, "id"), theme_ids_);
        define(d, node, "process", node.attribute("process").value(), process_keys_);
      } else {
        unexpected(d, node, "a catalogue");
      }
    }
  }

  Material readMaterial(const Document& d, pugi::xml_node node) {
    Material m;
    m.id = required(d, node, "id");
    m.name = required(d, node, "name");
    m.copies = integer(d, node, "copies", 1, 20, 1);
    m.original = flag(d, node, "original", false);
    m.required = flag(d, node, "required", true);
    m.illustrative = flag(d, node, "illustrative", false);
    m.source = required(d, node, "source");
    if (!m.source.empty() && m.source != "applicant" && m.source != "government") {
      error(d, d.doc.locationOf(node, node.attribute("source")), m.id,
            "source of " + what(node) + " must be applicant or government, not '" + m.source + "'");
    }
    if (pugi::xml_attribute a = node.attribute("elicense")) {
      m.elicense_type = a.value();
      if (!wellFormedLicenceType(m.elicense_type)) {
        error(d, d.doc.locationOf(node, a), m.id,
              "elicense of " + what(node) +
                  " must be an e-licence type code (18-character USCC and 3 digits), not '" +
                  m.elicense_type + "'");
      } else if (m.source != "government") {
        error(d, d.doc.locationOf(node, a), m.id,
              what(node) + " is an e-licence but its source is not government");
      }
    }
    if (pugi::xml_attribute a = node.attribute("holder")) {
      m.holder = a.value();
      if (m.holder != "applicant" && m.holder != "agent") {
        error(d, d.doc.locationOf(node, a), m.id,
              "holder of " + what(node) + " must be applicant or agent, not '" + m.holder + "'");
      }
    }
    for (pugi::xml_node child : children(d, node)) {
      if (XmlDocument::localName(child) != "review") {
        unexpected(d, child, "a material");
        continue;
      }
      const std::string text = d.doc.textOf(child).text;
      if (text.empty()) {
        error(d, d.doc.locationOf(child), m.id, "a review point of " + what(node) + " is empty");
      } else {
        m.review_points.push_back(text);
      }
    }
    return m;
  }

  void readMatter(const Document& d, pugi::xml_node node) {
    Matter m;
    m.code = node.attribute("code").value();
    m.name = required(d, node, "name");
    m.illustrative = flag(d, node, "illustrative", false);
    if (!m.code.empty() && !wellFormedCode(m.code)) {
      error(
          d, d.doc.locationOf(node, node.attribute("code")), m.code,
          "code of " + what(node) +
              " must be 基本编码-区划-000-实施主体统一社会信用代码-业务办理项-情形 (14-12-3-18-1-2 "
              "digits or capitals)");
    }
    m.category = required(d, node, "category");
    if (!m.category.empty() && !oneOf(kCategories, m.category)) {
      error(d, d.doc.locationOf(node, node.attribute("category")), m.code,
            "category of " + what(node) +
                " must be one of the hall's service queues (commerce, policy, hr, tax, "
                "construction, cross), not '" +
                m.category + "'");
    }
    m.department_id = reference(d, node, "department", "department", department_ids_);
    if (const ApprovingDepartment* dep = findDepartment(m.department_id))
      m.department_name = dep->name;
    m.matter_type = required(d, node, "type");
    if (!m.matter_type.empty() && !oneOf(kMatterTypes, m.matter_type)) {
      error(d, d.doc.locationOf(node, node.attribute("type")), m.code,
            "type of " + what(node) +
                " is not a matter type (行政许可, 行政确认, 行政给付, 公共服务 …): '" +
                m.matter_type + "'");
    }
    m.case_kind = required(d, node, "caseKind");
    m.statutory_days = integer(d, node, "statutoryDays", 0, 365, std::nullopt);
    m.promised_days = integer(d, node, "promisedDays", 0, 365, std::nullopt);
    const pugi::xml_attribute promised = node.attribute("promisedDays");
    if (m.case_kind == "immediate") {
      if (m.promised_days != 0) {
        error(d, d.doc.locationOf(node, promised), m.code,
              what(node) + " is an immediate case (即办件) but promises " +
                  std::to_string(m.promised_days) + " days (must be 0)");
      }
    } else if (m.case_kind == "promised") {
      if (promised && m.promised_days == 0) {
        error(d, d.doc.locationOf(node, promised), m.code,
              what(node) + " is a promised case (承诺件) but promises 0 days");
      }
    } else if (!m.case_kind.empty()) {
      error(d, d.doc.locationOf(node, node.attribute("caseKind")), m.code,
            "caseKind of " + what(node) + " must be immediate or promised, not '" + m.case_kind +
                "'");
    }
    if (m.statutory_days > 0 && m.promised_days > m.statutory_days) {
      error(d, d.doc.locationOf(node, promised), m.code,
            what(node) + " promises " + std::to_string(m.promised_days) +
                " days, more than its statutory " + std::to_string(m.statutory_days));
    }
    m.process_key = required(d, node, "process");

    std::set<std::string> situational;
    std::vector<pugi::xml_node> situations;
    bool approvals_listed = false;  // a wrong one is reported where it is
    for (pugi::xml_node part : children(d, node)) {
      const std::string_view local = XmlDocument::localName(part);
      if (local == "basis") {
        m.basis = d.doc.textOf(part).text;
      } else if (local == "approval") {
        approvals_listed = true;
        const std::string dep = reference(d, part, "department", "department", department_ids_);
        if (dep.empty()) continue;
        if (std::find(m.approving_departments.begin(), m.approving_departments.end(), dep) !=
            m.approving_departments.end()) {
          error(d, d.doc.locationOf(part, part.attribute("department")), dep,
                "department '" + dep + "' approves " + what(node) + " twice");
          continue;
        }
        m.approving_departments.push_back(dep);
      } else if (local == "materials") {
        readMatterMaterials(d, part, m, situational);
      } else if (local == "situation") {
        situations.push_back(part);
      } else {
        unexpected(d, part, "a matter");
      }
    }
    if (!approvals_listed) {
      error(d, d.doc.locationOf(node), m.code, what(node) + " has no approving department");
    }
    std::set<std::string> added;
    for (pugi::xml_node q : situations) readSituation(d, q, m, added);
    for (const std::string& id : situational) {
      if (!added.contains(id)) {
        warning(d, d.doc.locationOf(node), m.code,
                "material '" + id + "' of " + what(node) +
                    " is situational but no situation option adds it");
      }
    }
    if (!m.code.empty()) matters_.push_back(std::move(m));
  }

  void readMatterMaterials(const Document& d, pugi::xml_node part, Matter& m,
                           std::set<std::string>& situational) {
    for (pugi::xml_node child : children(d, part)) {
      const std::string_view local = XmlDocument::localName(child);
      Material material;
      if (local == "material") {
        material = readMaterial(d, child);
      } else if (local == "use") {
        const std::string ref = reference(d, child, "ref", "shared material", library_ids_);
        if (ref.empty()) continue;
        material = library_.at(ref);
        material.required = flag(d, child, "required", material.required);
        material.copies = integer(d, child, "copies", 1, 20, material.copies);
        material.original = flag(d, child, "original", material.original);
      } else {
        unexpected(d, child, "the materials of a matter");
        continue;
      }
      if (material.id.empty()) continue;
      if (m.material(material.id) != nullptr) {
        error(d, d.doc.locationOf(child), material.id,
              "material '" + material.id + "' is listed twice in matter '" + m.code + "'");
        continue;
      }
      if (flag(d, child, "situational", false)) {
        situational.insert(material.id);
      } else {
        m.base_materials.push_back(material.id);
      }
      m.materials.push_back(std::move(material));
    }
  }

  void readSituation(const Document& d, pugi::xml_node node, Matter& m,
                     std::set<std::string>& added) {
    SituationQuestion q;
    q.id = required(d, node, "id");
    q.text = required(d, node, "text");
    for (const SituationQuestion& other : m.questions) {
      if (!q.id.empty() && other.id == q.id) {
        error(d, d.doc.locationOf(node, node.attribute("id")), q.id,
              "situation '" + q.id + "' is asked twice in matter '" + m.code + "'");
      }
    }
    for (pugi::xml_node child : children(d, node)) {
      if (XmlDocument::localName(child) != "option") {
        unexpected(d, child, "a situation");
        continue;
      }
      SituationOption o;
      o.id = required(d, child, "id");
      o.label = required(d, child, "label");
      if (q.option(o.id) != nullptr) {
        error(d, d.doc.locationOf(child, child.attribute("id")), o.id,
              "option '" + o.id + "' of situation '" + q.id + "' is defined twice");
      }
      for (pugi::xml_node effect : children(d, child)) {
        const std::string_view local = XmlDocument::localName(effect);
        if (local == "adds") {
          const std::string ref = required(d, effect, "material");
          if (ref.empty()) continue;
          if (m.material(ref) == nullptr) {
            error(d, d.doc.locationOf(effect, effect.attribute("material")), ref,
                  "adds names material '" + ref + "', which matter '" + m.code + "' does not list");
            continue;
          }
          o.adds_materials.push_back(ref);
          added.insert(ref);
        } else if (local == "routes") {
          const std::string dep = reference(d, effect, "department", "department", department_ids_);
          if (dep.empty()) continue;
          if (std::find(m.approving_departments.begin(), m.approving_departments.end(), dep) !=
              m.approving_departments.end()) {
            error(d, d.doc.locationOf(effect, effect.attribute("department")), dep,
                  "routes names department '" + dep + "', which approves matter '" + m.code +
                      "' anyway");
            continue;
          }
          o.adds_approvals.push_back(dep);
        } else {
          unexpected(d, effect, "an option");
        }
      }
      q.options.push_back(std::move(o));
    }
    if (q.options.size() < 2) {
      error(d, d.doc.locationOf(node), q.id,
            "situation '" + q.id + "' has " + std::to_string(q.options.size()) +
                " options (at least 2)");
    }
    m.questions.push_back(std::move(q));
  }

  void readTheme(const Document& d, pugi::xml_node node) {
    Theme t;
    t.id = node.attribute("id").value();
    t.name = required(d, node, "name");
    t.promised_days = integer(d, node, "promisedDays", 1, 365, std::nullopt);
    t.process_key = required(d, node, "process");
    t.illustrative = flag(d, node, "illustrative", false);
    // Questions of the bundled matters by id: one answer serves every
    // matter that asks it, so they must offer the same options.
    std::map<std::string, std::pair<const Matter*, const SituationQuestion*>> asked;
    for (pugi::xml_node child : children(d, node)) {
      if (XmlDocument::localName(child) != "bundles") {
        unexpected(d, child, "a theme");
        continue;
      }
      const std::string code = reference(d, child, "matter", "matter", matter_codes_);
      const Matter* m = findMatter(code);
      if (m == nullptr) continue;
      if (std::find(t.matter_codes.begin(), t.matter_codes.end(), code) != t.matter_codes.end()) {
        error(d, d.doc.locationOf(child, child.attribute("matter")), code,
              "theme '" + t.id + "' bundles matter '" + code + "' twice");
        continue;
      }
      for (const SituationQuestion& q : m->questions) {
        auto [it, inserted] = asked.emplace(q.id, std::make_pair(m, &q));
        if (!inserted && optionIds(*it->second.second) != optionIds(q)) {
          error(d, d.doc.locationOf(child, child.attribute("matter")), code,
                "situation '" + q.id + "' of matter '" + code +
                    "' offers other options than the same question of matter '" +
                    it->second.first->code + "'; a theme answers it once");
        }
      }
      t.matter_codes.push_back(code);
    }
    if (t.matter_codes.size() < 2) {
      error(d, d.doc.locationOf(node), t.id, what(node) + " bundles fewer than 2 matters");
    }
    if (!t.id.empty()) themes_.push_back(std::move(t));
  }

  static std::vector<std::string> optionIds(const SituationQuestion& q) {
    std::vector<std::string> ids;
    for (const SituationOption& o : q.options) ids.push_back(o.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  const ApprovingDepartment* findDepartment(const std::string& id) const {
    for (const ApprovingDepartment& dep : departments_) {
      if (dep.id == id) return &dep;
    }
    return nullptr;
  }

  const Matter* findMatter(const std::string& code) const {
    for (const Matter& m : matters_) {
      if (m.code == code) return &m;
    }
    return nullptr;
  }

  std::vector<std::unique_ptr<Document>>& docs_;
  std::vector<Diagnostic> diagnostics_;
  int errors_ = 0;
  std::vector<ApprovingDepartment> departments_;
  std::vector<Matter> matters_;
  std::vector<Theme> themes_;
  std::map<std::string, Material> library_;
  std::map<std::string, Place> department_ids_, material_ids_, matter_codes_, theme_ids_,
      process_keys_, library_ids_;
};

wf::Result<std::string> readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return wf::Status::unavailable(file.string() + ": cannot read");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return wf::Status::unavailable(file.string() + ": read failed");
  return content.str();
}

// The *.xml files of a folder, sorted.
wf::Result<std::vector<CatalogueSource>> folderSources(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".xml" && it->is_regular_file()) files.push_back(it->path());
  }
  if (ec) return wf::Status::unavailable(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<CatalogueSource> sources;
  for (const std::filesystem::path& file : files) {
    ASSIGN_OR_RETURN(std::string xml, readText(file));
    sources.push_back({file.string(), std::move(xml)});
  }
  return sources;
}

}  // namespace

bool isCatalogueDocument(std::string_view xml) {
  return XmlDocument::hasRoot(xml, kCatalogueNs, "catalogue");
}

ReadCatalogueResult readCatalogueSources(const std::vector<CatalogueSource>& sources) {
  std::vector<std::unique_ptr<Document>> docs;
  std::vector<Diagnostic> early;
  for (const CatalogueSource& source : sources) {
    auto d = std::make_unique<Document>();
    d->file = source.file;
    if (const std::optional<wf::xml::XmlError> syntax = d->doc.parse(source.xml)) {
      early.push_back(wf::xml::syntaxDiagnostic(source.file, *syntax));
    } else if (!d->doc.is(d->doc.root(), kCatalogueNs, "catalogue")) {
      const SourceLocation loc = d->doc.locationOf(d->doc.root());
      early.push_back(
          Diagnostic{source.file, loc.line, loc.column, Severity::Error, "",
                     "the root element is not <catalogue> of " + std::string(kCatalogueNs)});
    } else {
      d->ok = true;
    }
    docs.push_back(std::move(d));
  }
  Reader reader(docs);
  std::optional<Catalogue> catalogue = reader.read();
  std::vector<Diagnostic> diagnostics = std::move(early);
  for (Diagnostic& diag : reader.diagnostics()) diagnostics.push_back(std::move(diag));
  if (wf::hasErrors(diagnostics)) catalogue.reset();
  return {std::move(catalogue), std::move(diagnostics)};
}

wf::Result<Catalogue> readCatalogue(const std::filesystem::path& dir) {
  ASSIGN_OR_RETURN(const std::vector<CatalogueSource> sources, folderSources(dir));
  ReadCatalogueResult read = readCatalogueSources(sources);
  if (read.catalogue) return std::move(*read.catalogue);
  std::string message = "the catalogue in " + dir.string() + " has errors:";
  wf::Array details;
  for (const Diagnostic& diag : read.diagnostics) {
    if (diag.severity != Severity::Error) continue;
    message += "\n" + diag.toString();
    details.push_back(diag.toValue());
  }
  return wf::Status::invalid(std::move(message), wf::Value(std::move(details)));
}

std::vector<wf::Diagnostic> lintCatalogueFile(const std::filesystem::path& file) {
  wf::Result<std::vector<CatalogueSource>> sources =
      folderSources(file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path());
  if (!sources.ok()) {
    return {Diagnostic{file.string(), 0, 0, Severity::Error, "", sources.status().message()}};
  }
  // Only the folder's catalogue documents (and the file itself, whatever
  // it is) make up the catalogue the file belongs to.
  std::vector<CatalogueSource> catalogue;
  std::error_code ec;
  for (CatalogueSource& s : *sources) {
    const bool self = std::filesystem::equivalent(s.file, file, ec);
    if (self) s.file = file.string();
    if (self || isCatalogueDocument(s.xml)) catalogue.push_back(std::move(s));
  }
  std::vector<Diagnostic> out;
  for (Diagnostic& d : readCatalogueSources(catalogue).diagnostics) {
    if (d.file == file.string()) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace hall::domain
