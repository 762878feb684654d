#include "elements/element_behavior.h"

namespace wf::elements {

// A call activity starts an instance of another process and waits until it
// ends. The start is a job the engine runs itself once this command has
// committed (so a crash never loses it, and the called process is looked up
// by its binding then); the called instance's end comes back as another
// job, through the outputs.
Status activateCallActivity(runtime::Execution& exec, runtime::ElementInstance& ei,
                            const model::Element& call) {
  Object inputs;
  if (call.pass_all_in) inputs = exec.visibleVariables(ei);
  for (const model::VariableMapping& m : call.inputs) {
    Result<Value> v = exec.evaluate(m.source, ei);
    if (!v.ok()) return exec.raiseIncident(ei, "input '" + m.target + "': " + v.status().message());
    inputs[m.target] = std::move(v).value();
  }
  ei.job_id = exec.addEngineJob(runtime::kCallJobType, call.id, ei.id,
                                Value(Object{{"processKey", call.called_element},
                                             {"binding", call.binding},
                                             {"version", call.called_version},
                                             {"variables", Value(std::move(inputs))}}));
  exec.emit("call-requested", call.id,
            Value(Object{{"processKey", call.called_element}, {"jobId", ei.job_id}}));
  return exec.wait(ei);
}

}  // namespace wf::elements
