#include "portal/domain/catalogue.h"

#include <algorithm>
#include <set>

namespace hall::domain {

namespace {

std::string lowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool containsFolded(std::string_view haystack, const std::string& folded_needle) {
  return lowerAscii(haystack).find(folded_needle) != std::string::npos;
}

}  // namespace

const SituationOption* SituationQuestion::option(std::string_view option_id) const {
  for (const SituationOption& o : options) {
    if (o.id == option_id) return &o;
  }
  return nullptr;
}

const Material* Matter::material(std::string_view material_id) const {
  for (const Material& m : materials) {
    if (m.id == material_id) return &m;
  }
  return nullptr;
}

Catalogue::Catalogue(std::vector<ApprovingDepartment> departments, std::vector<Matter> matters,
                     std::vector<Theme> themes, std::vector<wf::Diagnostic> warnings)
    : departments_(std::move(departments)),
      matters_(std::move(matters)),
      themes_(std::move(themes)),
      warnings_(std::move(warnings)) {}

const Matter* Catalogue::matter(std::string_view code) const {
  for (const Matter& m : matters_) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

const Theme* Catalogue::theme(std::string_view id) const {
  for (const Theme& t : themes_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const ApprovingDepartment* Catalogue::department(std::string_view id) const {
  for (const ApprovingDepartment& d : departments_) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::vector<const Matter*> Catalogue::searchMatters(std::string_view text) const {
  const std::string needle = lowerAscii(text);
  std::vector<const Matter*> out;
  for (const Matter& m : matters_) {
    if (containsFolded(m.name, needle) || containsFolded(m.code, needle)) out.push_back(&m);
  }
  return out;
}

std::vector<const Theme*> Catalogue::searchThemes(std::string_view text) const {
  const std::string needle = lowerAscii(text);
  std::vector<const Theme*> out;
  for (const Theme& t : themes_) {
    if (containsFolded(t.name, needle) || containsFolded(t.id, needle)) out.push_back(&t);
  }
  return out;
}

std::vector<const Matter*> Catalogue::bundled(std::string_view matter_or_theme) const {
  if (const Matter* m = matter(matter_or_theme)) return {m};
  std::vector<const Matter*> out;
  if (const Theme* t = theme(matter_or_theme)) {
    for (const std::string& code : t->matter_codes) {
      if (const Matter* m = matter(code)) out.push_back(m);
    }
  }
  return out;
}

wf::Result<std::vector<const SituationQuestion*>> Catalogue::questions(
    std::string_view matter_or_theme) const {
  const std::vector<const Matter*> matters = bundled(matter_or_theme);
  if (matters.empty()) {
    return wf::Status::notFound("no matter or theme '" + std::string(matter_or_theme) + "'");
  }
  std::vector<const SituationQuestion*> out;
  std::set<std::string_view> seen;
  for (const Matter* m : matters) {
    for (const SituationQuestion& q : m->questions) {
      if (seen.insert(q.id).second) out.push_back(&q);
    }
  }
  return out;
}

wf::Result<std::vector<ChecklistItem>> Catalogue::checklist(
    std::string_view matter_or_theme, const std::map<std::string, std::string>& answers) const {
  const std::vector<const Matter*> matters = bundled(matter_or_theme);
  if (matters.empty()) {
    return wf::Status::notFound("no matter or theme '" + std::string(matter_or_theme) + "'");
  }
  std::vector<ChecklistItem> out;
  std::set<std::string> listed;
  const auto add = [&](const Matter& m, const std::string& material_id) {
    const Material* material = m.material(material_id);
    if (material == nullptr || !listed.insert(material_id).second) return;
    out.push_back(ChecklistItem{*material, m.code, material->elicense_type.empty()});
  };
  for (const Matter* m : matters) {
    for (const SituationQuestion& q : m->questions) {
      const auto answer = answers.find(q.id);
      const wf::Value field(wf::Object{{"field", wf::Value("situation." + q.id)}});
      if (answer == answers.end()) {
        return wf::Status::invalid("situation." + q.id + ": unanswered (" + q.text + ")", field);
      }
      if (q.option(answer->second) == nullptr) {
        std::string known;
        for (const SituationOption& o : q.options) known += (known.empty() ? "" : ", ") + o.id;
        return wf::Status::invalid("situation." + q.id + ": unknown option '" + answer->second +
                                       "' (one of " + known + ")",
                                   field);
      }
    }
  }
  for (const Matter* m : matters) {
    for (const std::string& id : m->base_materials) add(*m, id);
    for (const SituationQuestion& q : m->questions) {
      for (const std::string& id : q.option(answers.at(q.id))->adds_materials) add(*m, id);
    }
  }
  return out;
}

}  // namespace hall::domain
