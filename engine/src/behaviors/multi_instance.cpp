// Multi-instance activities: a body element instance holds the collection
// and counters; each iteration is an inner instance of the same element,
// a scope with the element variable and loopCounter. Parallel bodies start
// every iteration at once; sequential ones start the next as one completes.
#include "runtime/execution.h"

namespace wf::runtime {

Status Execution::activateBody(ElementInstance& body) {
  const model::Element& el = element(body);
  const model::MultiInstance& mi = *el.multi_instance;
  MultiInstanceBody state;
  if (mi.input_collection) {
    Result<Value> items = evaluate(*mi.input_collection, body);
    if (!items.ok()) return raiseIncident(body, items.status().message());
    if (!items->isArray()) {
      return raiseIncident(body, "multi-instance collection of '" + el.id + "' (" +
                                     mi.input_collection->text() + ") is a " +
                                     valueKindName(items->kind()) + ", not a list");
    }
    state.items = items->asArray();
  } else if (mi.loop_cardinality) {
    Result<Value> n = evaluate(*mi.loop_cardinality, body);
    if (!n.ok()) return raiseIncident(body, n.status().message());
    if (!n->isNumber() || n->asNumber() < 0) {
      return raiseIncident(body, "loop cardinality of '" + el.id + "' is not a number >= 0");
    }
    for (int i = 1; i <= static_cast<int>(n->asNumber()); ++i) state.items.push_back(i);
  }
  state.outputs.assign(state.items.size(), Value());
  body.scope = true;
  body.mi = std::move(state);
  const int total = static_cast<int>(body.mi->items.size());
  body.vars["nrOfInstances"] = total;
  body.vars["nrOfCompletedInstances"] = 0;
  body.vars["nrOfActiveInstances"] = 0;
  RETURN_IF_ERROR(wait(body));
  if (total == 0) return complete(body);
  const int first_batch = mi.sequential ? 1 : total;
  for (int i = 0; i < first_batch; ++i) RETURN_IF_ERROR(startInner(body, i));
  return Status::ok();
}

Status Execution::startInner(ElementInstance& body, int index) {
  const model::MultiInstance& mi = *element(body).multi_instance;
  ElementInstance& inner = state_.create(body.element, body.id);
  inner.mi_inner = true;
  inner.scope = true;
  inner.loop_counter = index + 1;
  inner.vars["loopCounter"] = index + 1;
  if (!mi.input_element.empty()) {
    inner.vars[mi.input_element] = body.mi->items[static_cast<size_t>(index)];
  }
  body.mi->started += 1;
  body.vars["nrOfActiveInstances"] = body.mi->started - body.mi->completed;
  agenda_.push_back({Step::Activate, inner.id});
  return Status::ok();
}

Status Execution::innerCompleted(ElementInstance& body, ElementInstance& inner) {
  const model::Element& el = element(body);
  const model::MultiInstance& mi = *el.multi_instance;
  const size_t index = static_cast<size_t>(inner.loop_counter - 1);
  if (mi.output_element) {
    Result<Value> out = evaluate(*mi.output_element, inner);
    if (!out.ok()) return raiseIncident(inner, out.status().message());
    if (index < body.mi->outputs.size()) body.mi->outputs[index] = std::move(out).value();
  }
  RETURN_IF_ERROR(moveTo(inner, ElementState::Completed));
  emit("element-completed", el.id, Value(Object{{"loopCounter", inner.loop_counter}}));
  state_.elements.erase(inner.id);

  body.mi->completed += 1;
  const int total = static_cast<int>(body.mi->items.size());
  body.vars["nrOfCompletedInstances"] = body.mi->completed;
  body.vars["nrOfActiveInstances"] = body.mi->started - body.mi->completed;

  bool done = body.mi->completed >= total;
  if (!done && mi.completion_condition) {
    Result<Value> cond = evaluate(*mi.completion_condition, body);
    if (!cond.ok()) return raiseIncident(body, cond.status().message());
    done = cond->isBool() && cond->asBool();
    if (done) RETURN_IF_ERROR(terminateScope(body, -1));
  }
  if (done) return complete(body);
  if (mi.sequential && body.mi->started < total) return startInner(body, body.mi->started);
  return Status::ok();
}

}  // namespace wf::runtime
