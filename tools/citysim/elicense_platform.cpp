#include "tools/citysim/elicense_platform.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "tools/citysim/request_parts.h"
#include "tools/citysim/request_signature.h"

namespace hall::citysim {

PlatformResponse ElicensePlatform::handle(const PlatformRequest& request, PlatformStats& stats) {
  const std::vector<std::string> s =
      segmentsOf(std::string_view(request.path).substr(prefix().size()));
  if (s.empty() || s[0] != "licences" || s.size() > 3) {
    return notFound("no endpoint of 市电子证照库 at " + request.path);
  }
  if (s.size() == 1) {
    if (request.method == "POST") return issue(request, stats);
    if (request.method == "GET") return list(request);
    return methodNotAllowed(request);
  }
  if (s.size() == 2) {
    if (request.method == "GET") return read(s[1]);
    return methodNotAllowed(request);
  }
  if (s[2] == "revoke") {
    if (request.method == "POST") return revoke(request, s[1]);
    return methodNotAllowed(request);
  }
  if (s[2] == "children") {
    if (request.method == "POST") return linkChild(request, s[1]);
    return methodNotAllowed(request);
  }
  return notFound("no endpoint of 市电子证照库 at " + request.path);
}

PlatformResponse ElicensePlatform::issue(const PlatformRequest& request, PlatformStats& stats) {
  std::string idempotency_key;
  if (auto refusal = idempotencyKeyOf(request, &idempotency_key)) return *refusal;
  const std::string* key = &idempotency_key;
  wf::Result<LicenceApplication> application =
      parseLicenceApplication(request.body, beijingDate(request.now_ms));
  if (!application.ok()) {
    return refusalResponse(application.status());
  }
  const std::string fingerprint = application->fingerprint();

  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto seen = issued_by_key_.find(*key); seen != issued_by_key_.end()) {
    if (seen->second.fingerprint != fingerprint) {
      return errorResponse(409, "CONFLICT",
                           "Idempotency-Key " + *key +
                               " was used for another application; 市电子证照库 issued " +
                               licences_.at(seen->second.licence_id).number + " under it");
    }
    ++stats.duplicates;
    wf::Object answer = issueAnswer(licences_.at(seen->second.licence_id)).asObject();
    answer["replayed"] = wf::Value(true);
    return jsonResponse(200, wf::Value(std::move(answer)));
  }

  const int64_t n = ++sequence_;
  char id[32];
  std::snprintf(id, sizeof(id), "lic-%08lld", static_cast<long long>(n));
  char serial[24];
  std::snprintf(serial, sizeof(serial), "%06lld", static_cast<long long>(n));
  Licence licence;
  licence.id = id;
  licence.number =
      application->type_code + "-" + application->issued_on.substr(0, 4) + "-" + serial;
  licence.issued_at_ms = request.now_ms;
  licence.signature = hmacSm3Hex(
      key_, licence.number + "|" + application->holder_id + "|" + application->type_code);
  licence.application = std::move(*application);
  issued_by_key_.emplace(*key, IdempotentIssue{fingerprint, licence.id});
  const auto [stored, inserted] = licences_.emplace(licence.id, std::move(licence));
  ++stats.issued;
  return jsonResponse(201, issueAnswer(stored->second));
}

PlatformResponse ElicensePlatform::list(const PlatformRequest& request) {
  const auto holder = request.query.find("holderId");
  if (holder == request.query.end() || holder->second.empty()) {
    return invalidArgument("holderId", "the query parameter is required");
  }
  wf::Array rows;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [id, l] : licences_) {
    if (l.application.holder_id != holder->second) continue;
    rows.push_back(wf::Value(
        wf::Object{{"licenceId", wf::Value(l.id)},
                   {"licenceNumber", wf::Value(l.number)},
                   {"typeCode", wf::Value(l.application.type_code)},
                   {"licenceName", wf::Value(l.application.licence_name)},
                   {"holder", wf::Value(l.application.holder)},
                   {"status", wf::Value(l.status)},
                   {"issuedAt", wf::Value(l.issued_at_ms)},
                   {"validUntil", l.application.valid_until ? wf::Value(*l.application.valid_until)
                                                            : wf::Value()}}));
  }
  return jsonResponse(200, wf::Value(std::move(rows)));
}

PlatformResponse ElicensePlatform::read(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = licences_.find(id);
  if (found == licences_.end()) return notFound("市电子证照库 has no licence " + id);
  return jsonResponse(200, fullLicence(found->second));
}

PlatformResponse ElicensePlatform::revoke(const PlatformRequest& request, const std::string& id) {
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  const wf::Value* reason = body.find("reason");
  if (reason == nullptr || reason->isNull()) return invalidArgument("reason", "is required");
  if (!reason->isString()) return invalidArgument("reason", "must be a string");
  if (reason->asString().empty()) return invalidArgument("reason", "must not be empty");

  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = licences_.find(id);
  if (found == licences_.end()) return notFound("市电子证照库 has no licence " + id);
  Licence& licence = found->second;
  if (licence.status == "revoked") {
    return errorResponse(409, "CONFLICT", "licence " + licence.number + " is revoked already");
  }
  licence.status = "revoked";
  licence.revoke_reason = reason->asString();
  licence.revoked_at_ms = request.now_ms;
  return jsonResponse(200, fullLicence(licence));
}

PlatformResponse ElicensePlatform::linkChild(const PlatformRequest& request,
                                             const std::string& parent_id) {
  wf::Value body;
  if (auto refusal = objectBody(request, &body)) return *refusal;
  const wf::Value* child = body.find("childId");
  if (child == nullptr || child->isNull()) return invalidArgument("childId", "is required");
  if (!child->isString()) return invalidArgument("childId", "must be a string");
  const std::string& child_id = child->asString();
  if (child_id.empty()) return invalidArgument("childId", "must not be empty");
  if (child_id == parent_id) return invalidArgument("childId", "a licence cannot be its own child");

  std::lock_guard<std::mutex> lock(mutex_);
  const auto parent = licences_.find(parent_id);
  if (parent == licences_.end()) return notFound("市电子证照库 has no licence " + parent_id);
  if (licences_.count(child_id) == 0) return notFound("市电子证照库 has no licence " + child_id);
  std::vector<std::string>& children = parent->second.children;
  if (std::find(children.begin(), children.end(), child_id) == children.end()) {
    children.push_back(child_id);
  }
  return jsonResponse(200, fullLicence(parent->second));
}

wf::Value ElicensePlatform::issueAnswer(const Licence& licence) {
  return wf::Value(wf::Object{{"licenceId", wf::Value(licence.id)},
                              {"licenceNumber", wf::Value(licence.number)},
                              {"issuedAt", wf::Value(licence.issued_at_ms)},
                              {"status", wf::Value(licence.status)},
                              {"signature", wf::Value(licence.signature)}});
}

wf::Value ElicensePlatform::fullLicence(const Licence& l) {
  const LicenceApplication& a = l.application;
  wf::Array children;
  for (const std::string& id : l.children) children.push_back(wf::Value(id));
  wf::Object o{{"licenceId", wf::Value(l.id)},
               {"licenceNumber", wf::Value(l.number)},
               {"typeCode", wf::Value(a.type_code)},
               {"licenceName", wf::Value(a.licence_name)},
               {"holder", wf::Value(a.holder)},
               {"holderIdType", wf::Value(a.holder_id_type)},
               {"holderId", wf::Value(a.holder_id)},
               {"issuer", wf::Value(a.issuer)},
               {"issuedOn", wf::Value(a.issued_on)},
               {"validUntil", a.valid_until ? wf::Value(*a.valid_until) : wf::Value()},
               {"caseCode", wf::Value(a.case_code)},
               {"data", a.data},
               {"issuedAt", wf::Value(l.issued_at_ms)},
               {"status", wf::Value(l.status)},
               {"signature", wf::Value(l.signature)},
               {"children", wf::Value(std::move(children))}};
  if (l.revoke_reason) {
    o.emplace("revokeReason", wf::Value(*l.revoke_reason));
    o.emplace("revokedAt", wf::Value(l.revoked_at_ms));
  }
  return wf::Value(std::move(o));
}

}  // namespace hall::citysim
