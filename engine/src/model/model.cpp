#include "model/model.h"

namespace wf::model {

// The BPMN local names: stable, so records and logs can use them as keys.
const char* elementKindName(ElementKind kind) {
  switch (kind) {
    case ElementKind::StartEvent:
      return "startEvent";
    case ElementKind::EndEvent:
      return "endEvent";
    case ElementKind::Task:
      return "task";
    case ElementKind::UserTask:
      return "userTask";
    case ElementKind::ServiceTask:
      return "serviceTask";
    case ElementKind::ScriptTask:
      return "scriptTask";
    case ElementKind::BusinessRuleTask:
      return "businessRuleTask";
    case ElementKind::TimerCatchEvent:
      return "intermediateCatchEvent";
    case ElementKind::BoundaryTimer:
      return "boundaryEvent";
    case ElementKind::ExclusiveGateway:
      return "exclusiveGateway";
    case ElementKind::ParallelGateway:
      return "parallelGateway";
    case ElementKind::InclusiveGateway:
      return "inclusiveGateway";
    case ElementKind::SubProcess:
      return "subProcess";
  }
  return "unknown";
}

}  // namespace wf::model
