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
    case ElementKind::ReceiveTask:
      return "receiveTask";
    case ElementKind::IntermediateCatchEvent:
      return "intermediateCatchEvent";
    case ElementKind::IntermediateThrowEvent:
      return "intermediateThrowEvent";
    case ElementKind::BoundaryEvent:
      return "boundaryEvent";
    case ElementKind::ExclusiveGateway:
      return "exclusiveGateway";
    case ElementKind::ParallelGateway:
      return "parallelGateway";
    case ElementKind::InclusiveGateway:
      return "inclusiveGateway";
    case ElementKind::EventBasedGateway:
      return "eventBasedGateway";
    case ElementKind::SubProcess:
      return "subProcess";
    case ElementKind::CallActivity:
      return "callActivity";
  }
  return "unknown";
}

const char* triggerName(Trigger trigger) {
  switch (trigger) {
    case Trigger::None:
      return "none";
    case Trigger::Timer:
      return "timer";
    case Trigger::Message:
      return "message";
    case Trigger::Signal:
      return "signal";
    case Trigger::Error:
      return "error";
    case Trigger::Escalation:
      return "escalation";
    case Trigger::Terminate:
      return "terminate";
  }
  return "unknown";
}

}  // namespace wf::model
