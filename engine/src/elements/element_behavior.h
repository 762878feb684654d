// One behaviour per BPMN element kind, each in its own file here. A
// behaviour decides what happens when a token activates its element:
// complete at once, wait for a command, or choose outgoing flows.
#pragma once

#include "model/model.h"
#include "runtime/execution.h"

namespace wf::elements {

using Activate = Status (*)(runtime::Execution& exec, runtime::ElementInstance& ei,
                            const model::Element& element);

// The behaviour of a kind; every ElementKind has one.
Activate behaviorFor(model::ElementKind kind);

Status activateStartEvent(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateEndEvent(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateTask(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateUserTask(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateServiceTask(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateScriptTask(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateExclusiveGateway(runtime::Execution&, runtime::ElementInstance&,
                                const model::Element&);
Status activateParallelGateway(runtime::Execution&, runtime::ElementInstance&,
                               const model::Element&);
Status activateInclusiveGateway(runtime::Execution&, runtime::ElementInstance&,
                                const model::Element&);
Status activateBusinessRuleTask(runtime::Execution&, runtime::ElementInstance&,
                                const model::Element&);
Status activateCatchEvent(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateReceiveTask(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateThrowEvent(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateBoundaryEvent(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateEventBasedGateway(runtime::Execution&, runtime::ElementInstance&,
                                 const model::Element&);
Status activateSubProcess(runtime::Execution&, runtime::ElementInstance&, const model::Element&);
Status activateCallActivity(runtime::Execution&, runtime::ElementInstance&, const model::Element&);

// Throws a signal, escalation or message of an event, then (when the token
// still stands and has nothing to wait for) completes it.
Status throwAndGoOn(runtime::Execution&, runtime::ElementInstance&, const model::Element&);

}  // namespace wf::elements
