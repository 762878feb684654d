// RpaScript: how the data exchange robot (智能数据跨平台交换, RPA) works one
// department line system, read from models/connectors/rpa/<system>.xml
// (namespace urn:hall:rpa:1) — data an analyst edits, never code. Two kinds
// (connectors/README.md, "The RPA scripts"):
//
// kind="web": an old web app behind a sign-in. <signIn> (its credentials
// from the environment or a file beside the database, never the script),
// <push> and <fetch> are lists of steps:
//   <open url="/cases/{caseCode}"/>                     GET, below pathPrefix
//   <fill form="f" field="x" var="v"/> | value="…" | credential="user|password"
//   <select form="f" field="x" var="v"/>                the option must exist
//   <submit form="f"/>                                  with the form's hidden inputs
//   <expect text="登记成功"/> | element="regNo"         else the step fails
//   <extract element="regNo" var="v"/> | label="审批意见" [required="true"]
//   <when text="无匹配办件"> steps </when> | element=…   only if the page shows it
//
// kind="json": a JSON API signed like the city platforms (the platform file
// models/connectors/<system>.xml gives address, key, retries):
//   <push path="/records/{caseCode}" method="PUT">
//     <field name="area" var="businessArea" type="number"/> | value="…"
//     <extract field="regNo" var="lineRegNo"/>
//   </push>
//   <fetch path="/records/{caseCode}"> <extract field="department.opinion" var="…"/> </fetch>
//
// {name} in a url or path is the case variable, URL-encoded. Every error
// names file:line:col.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wf/diagnostic.h"
#include "wf/status.h"

namespace connectors {

inline constexpr const char* kRpaNamespace = "urn:hall:rpa:1";

enum class RpaStepKind { Open, Fill, Select, Submit, Expect, Extract, When, Field };

struct RpaStep {
  RpaStepKind kind = RpaStepKind::Open;
  std::string url;             // open; json push/fetch path
  std::string form;            // fill, select, submit
  std::string field;           // fill, select: the input's name; json: the member (a.b for nested)
  std::string var;             // fill, select, field: the source; extract: the target
  std::string value;           // fill, select, field: a constant
  std::string credential;      // fill in signIn: "user" or "password"
  std::string text;            // expect, when
  std::string element;         // expect, when, extract: an element id
  std::string label;           // extract: the cell beside this label
  std::string type;            // field: "text" (default) or "number"
  bool required = false;       // extract: empty is a failure (not entered yet)
  std::vector<RpaStep> steps;  // when
  std::string where;           // "file:line:col"
  std::string tag;             // <fill form="case-form" field="area"> as written, for errors
};

struct RpaScript {
  std::string file;
  std::string system;  // "linesys-web": the element ids' prefix and the platform id
  std::string name;    // what people read
  std::string kind;    // "web" or "json"
  // web: where the app is (baseUrl empty: the hall's --city address)
  std::string path_prefix;
  std::string base_url;
  int timeout_ms = 5000;
  std::string user_env;
  std::string password_env;
  std::string credentials_file;  // beside the database: the user, a newline, the password
  std::vector<RpaStep> sign_in;
  // web: steps; json: one step (url = path) whose children are fields and extracts
  std::vector<RpaStep> push;
  std::vector<RpaStep> fetch;
  std::string push_method = "PUT";  // json
};

bool isRpaScriptDocument(std::string_view xml);

struct RpaScriptReadResult {
  std::optional<RpaScript> script;  // set when there are no errors
  std::vector<wf::Diagnostic> diagnostics;
};

RpaScriptReadResult readRpaScript(const std::string& file, std::string_view xml);

// Every *.xml of `dir` (models/connectors/rpa), by system; InvalidArgument
// listing the diagnostics when any has errors or two name one system. No
// folder: none.
wf::Result<std::map<std::string, RpaScript>> readRpaScripts(const std::filesystem::path& dir);

}  // namespace connectors
