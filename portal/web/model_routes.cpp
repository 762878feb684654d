#include "portal/web/model_routes.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <map>
#include <string>
#include <utility>

#include "portal/web/record_json.h"

namespace portal::web {

namespace {

constexpr int kDefaultInstanceLimit = 100;
constexpr int kMaxInstanceLimit = 1000;
constexpr const char* kDefaultResourceName = "model.bpmn";

// Error details naming the request field at fault.
wf::Value namingField(std::string_view field) {
  return wf::Value(wf::Object{{"field", wf::Value(std::string(field))}});
}

// A whole number from `min` to `max`; 400 naming `field` otherwise.
wf::Result<int> wholeNumber(std::string_view field, const std::string& text, int min, int max) {
  int parsed = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, parsed);
  if (ec != std::errc() || ptr != end || parsed < min || parsed > max) {
    return wf::Status::invalid(std::string(field) + ": expected a whole number from " +
                                   std::to_string(min) + " to " + std::to_string(max) + ", got \"" +
                                   text + "\"",
                               namingField(field));
  }
  return parsed;
}

// The definition id of {key} and {version}. A key never holds ':' (BPMN ids
// are NCNames); refusing one keeps "dmn:fee" from naming a decision here.
wf::Result<std::string> definitionIdOf(const ApiRequest& request) {
  const std::string& key = request.params.at("key");
  if (key.find(':') != std::string::npos) {
    return wf::Status::notFound("no process model '" + key + "'");
  }
  wf::Result<int> version =
      wholeNumber("version", request.params.at("version"), 1, std::numeric_limits<int>::max());
  if (!version.ok()) return version.status();
  return key + ":" + std::to_string(*version);
}

// {xml, resourceName?} of a lint or deploy body.
struct ModelBody {
  std::string xml;
  std::optional<std::string> resource_name;
};

wf::Result<ModelBody> modelBody(const ApiRequest& request) {
  wf::Result<wf::Value> body = request.jsonBody();
  if (!body.ok()) return body.status();
  auto xml = optionalMember(*body, "xml", wf::ValueKind::String);
  if (!xml.ok()) return xml.status();
  if (!xml->has_value() || (*xml)->asString().find_first_not_of(" \t\r\n") == std::string::npos) {
    return wf::Status::invalid("xml: required, the model's XML document", namingField("xml"));
  }
  auto name = optionalMember(*body, "resourceName", wf::ValueKind::String);
  if (!name.ok()) return name.status();
  ModelBody out{(*xml)->asString(), std::nullopt};
  if (name->has_value()) {
    if ((*name)->asString().empty()) {
      return wf::Status::invalid("resourceName: a file name like \"visit.bpmn\", or leave it out",
                                 namingField("resourceName"));
    }
    out.resource_name = (*name)->asString();
  }
  return out;
}

wf::Value diagnosticsJson(const std::vector<wf::Diagnostic>& diagnostics) {
  int errors = 0;
  for (const wf::Diagnostic& d : diagnostics) errors += d.severity == wf::Severity::Error ? 1 : 0;
  return wf::Value(
      wf::Object{{"diagnostics", toJsonArray(diagnostics)},
                 {"errors", wf::Value(errors)},
                 {"warnings", wf::Value(static_cast<int>(diagnostics.size()) - errors)}});
}

bool contains(const std::string& text, const std::string& part) {
  const auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
      return static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    });
    return s;
  };
  return lower(text).find(lower(part)) != std::string::npos;
}

}  // namespace

void ModelRoutes::addTo(Router& router) {
  auto bind = [this](ApiResponse (ModelRoutes::*method)(const ApiRequest&)) {
    return [this, method](const ApiRequest& request) { return (this->*method)(request); };
  };
  router.add("GET", "/api/v1/models", bind(&ModelRoutes::listModels));
  router.add("POST", "/api/v1/models/lint", bind(&ModelRoutes::lint));
  router.add("GET", "/api/v1/models/{key}/versions/{version}/xml", bind(&ModelRoutes::getXml));
  router.add("GET", "/api/v1/models/{key}/versions/{version}/statistics",
             bind(&ModelRoutes::statistics));
  router.add("POST", "/api/v1/models/{key}/deploy", bind(&ModelRoutes::deploy));
  router.add("GET", "/api/v1/instances", bind(&ModelRoutes::listInstances));
}

// [{key, name, latestVersion, versions: [{id, version, name, resource,
// deploymentId, deployedAt}, … oldest first]}] by key; ?q= keeps the models
// whose key or any version's name holds it (ignoring ASCII case).
ApiResponse ModelRoutes::listModels(const ApiRequest& request) {
  wf::Result<std::vector<wf::ProcessDefinitionInfo>> definitions = engine_.definitions();
  if (!definitions.ok()) return ApiResponse::error(definitions.status());
  std::map<std::string, std::vector<const wf::ProcessDefinitionInfo*>> by_key;
  for (const wf::ProcessDefinitionInfo& d : *definitions) by_key[d.key].push_back(&d);
  const std::string query = request.queryParam("q").value_or("");

  wf::Array models;
  for (auto& [key, versions] : by_key) {
    std::sort(versions.begin(), versions.end(),
              [](const auto* a, const auto* b) { return a->version < b->version; });
    bool matches = query.empty() || contains(key, query);
    wf::Array list;
    for (const wf::ProcessDefinitionInfo* d : versions) {
      matches = matches || contains(d->name, query);
      list.push_back(toJson(*d));
    }
    if (!matches) continue;
    const wf::ProcessDefinitionInfo& latest = *versions.back();
    models.emplace_back(wf::Object{{"key", wf::Value(key)},
                                   {"name", wf::Value(latest.name.empty() ? key : latest.name)},
                                   {"latestVersion", wf::Value(latest.version)},
                                   {"resource", wf::Value(latest.resource_name)},
                                   {"versions", wf::Value(std::move(list))}});
  }
  return ApiResponse::ok(wf::Value(std::move(models)));
}

// {definitionId, key, version, xml}: JSON, so pages read it like any other
// answer; the XML is the deployed document, byte for byte.
ApiResponse ModelRoutes::getXml(const ApiRequest& request) {
  wf::Result<std::string> id = definitionIdOf(request);
  if (!id.ok()) return ApiResponse::error(id.status());
  wf::Result<std::string> xml = engine_.definitionXml(*id);
  if (!xml.ok()) {
    if (xml.status().code() == wf::StatusCode::NotFound) {
      return ApiResponse::error(wf::Status::notFound("no version " + request.params.at("version") +
                                                     " of process model '" +
                                                     request.params.at("key") + "'"));
    }
    return ApiResponse::error(xml.status());
  }
  return ApiResponse::ok(
      wf::Value(wf::Object{{"definitionId", wf::Value(*id)},
                           {"key", wf::Value(request.params.at("key"))},
                           {"version", wf::Value(std::stoi(id->substr(id->rfind(':') + 1)))},
                           {"xml", wf::Value(std::move(xml).value())}}));
}

// Always 200: findings are the answer, not a failure of the request.
ApiResponse ModelRoutes::lint(const ApiRequest& request) {
  wf::Result<ModelBody> body = modelBody(request);
  if (!body.ok()) return ApiResponse::error(body.status());
  const std::string name = body->resource_name.value_or(kDefaultResourceName);
  return ApiResponse::ok(diagnosticsJson(wf::Engine::lint(name, body->xml)));
}

// 201 {model: {id, key, version, isNew} of process {key} (null when the
// document does not define it), definitions, warnings}; unchanged content
// is no new version (isNew false). A refused model is 422 INVALID_MODEL
// with every diagnostic, as for POST /api/v1/deployments.
ApiResponse ModelRoutes::deploy(const ApiRequest& request) {
  const std::string& key = request.params.at("key");
  wf::Result<ModelBody> body = modelBody(request);
  if (!body.ok()) return ApiResponse::error(body.status());
  std::string name = body->resource_name.value_or("");
  if (name.empty()) {
    // The file the model came from, so that its versions keep one name.
    name = key + ".bpmn";
    wf::Result<std::vector<wf::ProcessDefinitionInfo>> known = engine_.definitions();
    if (!known.ok()) return ApiResponse::error(known.status());
    for (const wf::ProcessDefinitionInfo& d : *known) {
      if (d.key == key && !d.resource_name.empty()) name = d.resource_name;
    }
  }
  wf::Result<wf::DeploymentResult> deployed = engine_.deploy(name, body->xml);
  if (!deployed.ok()) {
    if (deployed.status().code() != wf::StatusCode::InvalidArgument) {
      return ApiResponse::error(deployed.status());
    }
    wf::Value details = diagnosticsJson(wf::Engine::lint(name, body->xml));
    return ApiResponse::problem(422, "INVALID_MODEL", deployed.status().message(),
                                std::move(details));
  }
  wf::Value out = toJson(*deployed);
  wf::Value model;
  for (const wf::DeployedDefinition& d : deployed->definitions) {
    if (d.kind == "bpmn" && d.key == key) {
      model = wf::Value(wf::Object{{"id", wf::Value(d.id)},
                                   {"key", wf::Value(d.key)},
                                   {"version", wf::Value(d.version)},
                                   {"isNew", wf::Value(d.is_new)}});
    }
  }
  wf::Object object = out.asObject();
  object["model"] = std::move(model);
  return ApiResponse::created(wf::Value(std::move(object)));
}

// {definitionId, elements: [{elementId, waiting, incidents}]}: one entry per
// element where running instances of that version wait.
ApiResponse ModelRoutes::statistics(const ApiRequest& request) {
  wf::Result<std::string> id = definitionIdOf(request);
  if (!id.ok()) return ApiResponse::error(id.status());
  wf::Result<std::vector<wf::ElementStatistics>> stats = engine_.elementStatistics(*id);
  if (!stats.ok()) {
    if (stats.status().code() == wf::StatusCode::NotFound) {
      return ApiResponse::error(wf::Status::notFound("no version " + request.params.at("version") +
                                                     " of process model '" +
                                                     request.params.at("key") + "'"));
    }
    return ApiResponse::error(stats.status());
  }
  wf::Array elements;
  int waiting = 0;
  int incidents = 0;
  for (const wf::ElementStatistics& s : *stats) {
    waiting += s.waiting;
    incidents += s.incidents;
    elements.emplace_back(wf::Object{{"elementId", wf::Value(s.element_id)},
                                     {"waiting", wf::Value(s.waiting)},
                                     {"incidents", wf::Value(s.incidents)}});
  }
  return ApiResponse::ok(wf::Value(wf::Object{{"definitionId", wf::Value(*id)},
                                              {"waiting", wf::Value(waiting)},
                                              {"incidents", wf::Value(incidents)},
                                              {"elements", wf::Value(std::move(elements))}}));
}

ApiResponse ModelRoutes::listInstances(const ApiRequest& request) {
  wf::InstanceQuery query;
  query.limit = kDefaultInstanceLimit;
  query.definition_key = request.queryParam("definitionKey").value_or("");
  if (std::optional<std::string> version = request.queryParam("version")) {
    wf::Result<int> parsed = wholeNumber("version", *version, 1, std::numeric_limits<int>::max());
    if (!parsed.ok()) return ApiResponse::error(parsed.status());
    if (query.definition_key.empty()) {
      return ApiResponse::error(wf::Status::invalid("definitionKey: required with version",
                                                    namingField("definitionKey")));
    }
    query.version = *parsed;
  }
  if (std::optional<std::string> limit = request.queryParam("limit")) {
    wf::Result<int> parsed = wholeNumber("limit", *limit, 1, kMaxInstanceLimit);
    if (!parsed.ok()) return ApiResponse::error(parsed.status());
    query.limit = *parsed;
  }
  wf::Result<std::vector<wf::InstanceInfo>> instances = engine_.instances(query);
  if (!instances.ok()) return ApiResponse::error(instances.status());
  return ApiResponse::ok(toJsonArray(*instances));
}

}  // namespace portal::web
