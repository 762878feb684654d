// The matter catalogue (事项目录, models/catalogue/*.xml): the matters the
// hall receives — each with its implementation code, category (the queue of
// the hall it is received at), implementing and approving departments, time
// limits, the process that runs it, its materials and the situation
// questions (办理情形) whose answers add materials — and the "一件事"
// themes that bundle several matters under one case code. Answers the
// questions a window or the portal asks: which matter is this, what must the
// applicant bring for these answers.
//
// Plain data, built by readCatalogue (catalogue_reader.h) and never changed
// after: a const Catalogue may be shared between threads. Pointers it hands
// out live as long as the Catalogue.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "wf/diagnostic.h"
#include "wf/status.h"

namespace hall::domain {

struct Material {
  std::string id, name;
  int copies = 1;
  bool original = false;  // the original is shown (原件); otherwise a copy (复印件)
  bool required = true;
  std::string source;  // "applicant" (申请人自备) | "government" (政府部门核发)
  // Non-empty: the type code of the licence in the city e-licence library;
  // the window fetches it, the applicant need not bring it.
  std::string elicense_type;
  // Whose licence it is: "applicant" (the default) or "agent" (委托代理人):
  // intake looks up only the applicant's licences.
  std::string holder = "applicant";
  std::vector<std::string> review_points;  // 审查要点
  bool illustrative = false;               // made up, not from the 事项库
};

struct SituationOption {
  std::string id, label;
  std::vector<std::string> adds_materials;
  // Departments that approve too when this option is chosen (the process
  // routes to them on the same answer).
  std::vector<std::string> adds_approvals;
};

struct SituationQuestion {
  std::string id, text;
  std::vector<SituationOption> options;

  const SituationOption* option(std::string_view id) const;
};

struct Matter {
  std::string code, name, category, department_id, department_name, matter_type;
  std::string case_kind;                      // "immediate" (即办件) | "promised" (承诺件)
  int statutory_days = 0, promised_days = 0;  // working days
  std::string process_key;
  std::vector<std::string> approving_departments;
  std::vector<Material> materials;          // all, including those only a situation adds
  std::vector<std::string> base_materials;  // ids of the materials every case needs
  std::vector<SituationQuestion> questions;
  bool illustrative = false;
  std::string basis;  // 设定依据, for people

  const Material* material(std::string_view id) const;
};

struct Theme {
  std::string id, name;
  std::vector<std::string> matter_codes;
  int promised_days = 0;
  std::string process_key;
  bool illustrative = false;
};

// A department that approves matters (common.xml), as the catalogue names it.
struct ApprovingDepartment {
  std::string id, name;
  bool illustrative = false;
};

struct ChecklistItem {
  Material material;
  std::string matter_code;  // the first matter (of a theme) that asks for it
  bool bring = true;        // false when an e-licence: the window fetches it
};

class Catalogue {
 public:
  Catalogue() = default;
  Catalogue(std::vector<ApprovingDepartment> departments, std::vector<Matter> matters,
            std::vector<Theme> themes, std::vector<wf::Diagnostic> warnings);

  const Matter* matter(std::string_view code) const;
  const Theme* theme(std::string_view id) const;
  const ApprovingDepartment* department(std::string_view id) const;
  const std::vector<Matter>& matters() const { return matters_; }
  const std::vector<Theme>& themes() const { return themes_; }
  const std::vector<ApprovingDepartment>& departments() const { return departments_; }
  // Findings that did not stop the reading (a material no case can need …).
  const std::vector<wf::Diagnostic>& warnings() const { return warnings_; }

  // Case-insensitive substring over name and code, matters and themes, in
  // catalogue order. An empty text finds everything.
  std::vector<const Matter*> searchMatters(std::string_view text) const;
  std::vector<const Theme*> searchThemes(std::string_view text) const;

  // The situation questions of a matter, or of a theme (its matters',
  // a question id asked by several matters once); NotFound for neither.
  wf::Result<std::vector<const SituationQuestion*>> questions(
      std::string_view matter_or_theme) const;

  // The materials for a matter (or theme: every bundled matter,
  // deduplicated by material id) given answers {questionId: optionId}:
  // the base materials, then what each answer adds, in question order.
  // InvalidArgument naming `situation.<questionId>` when a question is
  // unanswered or the option unknown; answers to other questions are
  // ignored. NotFound when the code names neither.
  wf::Result<std::vector<ChecklistItem>> checklist(
      std::string_view matter_or_theme, const std::map<std::string, std::string>& answers) const;

 private:
  std::vector<const Matter*> bundled(std::string_view matter_or_theme) const;

  std::vector<ApprovingDepartment> departments_;
  std::vector<Matter> matters_;
  std::vector<Theme> themes_;
  std::vector<wf::Diagnostic> warnings_;
};

}  // namespace hall::domain
