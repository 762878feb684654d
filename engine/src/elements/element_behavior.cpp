#include "elements/element_behavior.h"

namespace wf::elements {

Activate behaviorFor(model::ElementKind kind) {
  using K = model::ElementKind;
  switch (kind) {
    case K::StartEvent:
      return activateStartEvent;
    case K::EndEvent:
      return activateEndEvent;
    case K::Task:
      return activateTask;
    case K::UserTask:
      return activateUserTask;
    case K::ServiceTask:
      return activateServiceTask;
    case K::ScriptTask:
      return activateScriptTask;
    case K::BusinessRuleTask:
      return activateBusinessRuleTask;
    case K::ReceiveTask:
      return activateReceiveTask;
    case K::IntermediateCatchEvent:
      return activateCatchEvent;
    case K::IntermediateThrowEvent:
      return activateThrowEvent;
    case K::BoundaryEvent:
      return activateBoundaryEvent;
    case K::EventBasedGateway:
      return activateEventBasedGateway;
    case K::CallActivity:
      return activateCallActivity;
    case K::ExclusiveGateway:
      return activateExclusiveGateway;
    case K::ParallelGateway:
      return activateParallelGateway;
    case K::InclusiveGateway:
      return activateInclusiveGateway;
    case K::SubProcess:
      return activateSubProcess;
  }
  return nullptr;
}

}  // namespace wf::elements
