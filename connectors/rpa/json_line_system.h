// JsonLineSystem: a department line system with a JSON API, signed like the
// city platforms (CityClient: signing, in-call retries, breaker). The
// script maps case variables to JSON members for push (one PUT or POST
// keyed by case code — a PUT by case code is idempotent by nature — with
// Idempotency-Key hall-job-<job id> as well) and members back to case
// variables for fetch (a GET); <extract field="department.opinion"> reads
// nested members. A member that is absent is null, unless the step is
// required: then the job fails as worth retrying ("not entered yet"), and
// the engine's backoff polls the department.
//
// Thread-safety: as CityClient, callable from many job workers.
#pragma once

#include "connectors/common/city_client.h"
#include "connectors/rpa/line_system.h"

namespace connectors {

class JsonLineSystem final : public LineSystem {
 public:
  JsonLineSystem(RpaScript script, CityClient& client)
      : script_(std::move(script)), client_(client) {}

  wf::Result<wf::Value> push(const wf::Value& variables, const std::string& job_id) override;
  wf::Result<wf::Value> fetch(const wf::Value& variables, const std::string& job_id) override;

 private:
  wf::Result<wf::Value> call(const std::string& section, const RpaStep& call,
                             const std::string& method, const wf::Value& variables,
                             const std::string& job_id);

  const RpaScript script_;
  CityClient& client_;
};

}  // namespace connectors
