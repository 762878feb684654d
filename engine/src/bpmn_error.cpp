// Business errors of job handlers: a Conflict whose details carry the BPMN
// error code, so the job workers throw it instead of failing the job. And
// permanent failures: the handler's Status with {"permanent": true} in its
// details, so the job workers fail the job without retries.
#include "wf/engine.h"

namespace wf {

Status bpmnError(std::string code, std::string message) {
  return Status(StatusCode::Conflict, std::move(message),
                Value(Object{{"bpmnError", Value(std::move(code))}}));
}

std::string bpmnErrorCode(const Status& status) {
  const Value* code = status.details().find("bpmnError");
  return code != nullptr && code->isString() ? code->asString() : std::string();
}

Status permanentJobFailure(Status failure) {
  Object details = failure.details().isObject() ? failure.details().asObject() : Object{};
  details["permanent"] = Value(true);
  return Status(failure.code(), failure.message(), Value(std::move(details)));
}

bool isPermanentJobFailure(const Status& status) {
  const Value* permanent = status.details().find("permanent");
  return permanent != nullptr && permanent->isBool() && permanent->asBool();
}

}  // namespace wf
