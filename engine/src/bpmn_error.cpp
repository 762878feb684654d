// Business errors of job handlers: a Conflict whose details carry the BPMN
// error code, so the job workers throw it instead of failing the job.
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

}  // namespace wf
