#include "connectors/rating/rating_connector.h"

#include <string>

namespace connectors {

namespace {

const wf::Value* member(const wf::Value& variables, const char* name) {
  const wf::Value* v = variables.isObject() ? variables.find(name) : nullptr;
  return v != nullptr && !v->isNull() ? v : nullptr;
}

}  // namespace

wf::Result<wf::Value> RatingConnector::submit(const wf::JobContext& job) {
  const wf::Value& vars = job.variables;
  const wf::Value* rating_id = member(vars, "ratingId");
  const wf::Value* service = member(vars, "serviceType");
  if (rating_id == nullptr || !rating_id->isString() || service == nullptr ||
      !service->isString()) {
    return wf::Status::invalid(std::string(kSubmitJob) +
                               ": the instance has no ratingId or serviceType");
  }
  wf::Object request;
  // What the platform's contract names, as the hall took it (tools/citysim/README.md).
  for (const char* name : {"serviceType", "ticket", "caseCode", "matterCode", "level", "channel",
                           "window", "clerk", "comment", "ratedAt"}) {
    if (const wf::Value* v = member(vars, name)) request.emplace(name, *v);
  }
  const CityReply reply = client_.send("POST", "/ratings", wf::Value(std::move(request)).toJson(),
                                       "hall-rating-" + rating_id->asString());
  const PlatformConfig& config = client_.config();
  if (!reply.ok()) return reply.failure(kSubmitJob, config.name);
  std::string parse_error;
  const std::optional<wf::Value> answer = wf::Value::parseJson(reply.body, &parse_error);
  const wf::Value* id = answer && answer->isObject() ? answer->find("ratingId") : nullptr;
  if (id == nullptr || !id->isString()) {
    return wf::Status::unavailable(std::string(kSubmitJob) + ": " + config.name +
                                   " answered without ratingId: " + reply.body.substr(0, 300));
  }
  return wf::Value(wf::Object{{"cityRatingId", *id}, {"ratingSource", wf::Value("city")}});
}

void RatingConnector::registerWith(wf::Engine& engine) {
  engine.registerJobHandler(kSubmitJob, [this](const wf::JobContext& job) { return submit(job); });
}

}  // namespace connectors
