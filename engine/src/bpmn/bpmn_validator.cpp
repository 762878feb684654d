// Graph checks on one process draft: flows resolved to elements, start and
// end rules, gateways and their conditions, reachability. Runs after the
// elements are read, so every check sees the whole process.
#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "bpmn/reader_context.h"

namespace wf::bpmn {
namespace {

using model::ElementKind;

std::string quoted(const std::string& id) { return "'" + id + "'"; }

class Validator {
 public:
  Validator(ReaderContext& ctx, const IdTable& ids, ProcessDraft& draft)
      : ctx_(ctx), ids_(ids), draft_(draft), process_(draft.process) {}

  void run() {
    resolveFlows();
    checkDeclaredFlows();
    checkBoundaryEvents();
    for (size_t i = 0; i < process_.elements.size(); ++i) checkElement(process_.elements[i], i);
    checkStartEvents(-1);
    for (const model::Element& e : process_.elements) {
      if (e.kind == ElementKind::SubProcess) checkStartEvents(e.index);
      if (e.kind == ElementKind::EventBasedGateway) checkEventBasedGateway(e);
    }
    // Reachability on a graph that already has errors would only repeat them.
    if (ctx_.errorCount() > draft_.errors_before) return;
    checkReachability();
    computeInclusiveReachability(process_);
  }

 private:
  // A boundary event hangs on an activity of its own scope; it is entered
  // from that activity, never by a sequence flow, and leaves by one.
  void checkBoundaryEvents() {
    for (model::Element& e : process_.elements) {
      if (e.kind != ElementKind::BoundaryEvent) continue;
      auto host = process_.element_index.find(e.attached_to_id);
      if (e.attached_to_id.empty() || host == process_.element_index.end()) {
        ctx_.error(e.loc, e.id,
                   describe(e) + " is attached to " +
                       (e.attached_to_id.empty() ? std::string("nothing (attachedToRef)")
                                                 : "unknown element " + quoted(e.attached_to_id)));
        continue;
      }
      model::Element& activity = process_.elements[static_cast<size_t>(host->second)];
      const bool is_activity =
          activity.kind == ElementKind::Task || activity.kind == ElementKind::UserTask ||
          activity.kind == ElementKind::ServiceTask || activity.kind == ElementKind::ScriptTask ||
          activity.kind == ElementKind::BusinessRuleTask ||
          activity.kind == ElementKind::ReceiveTask || activity.kind == ElementKind::CallActivity ||
          (activity.kind == ElementKind::SubProcess && !activity.triggered_by_event);
      if (!is_activity || activity.parent != e.parent) {
        ctx_.error(e.loc, e.id,
                   describe(e) + " must be attached to an activity of its own scope, not " +
                       describe(activity));
        continue;
      }
      if (!e.incoming.empty()) {
        ctx_.error(e.loc, e.id,
                   describe(e) + " has incoming sequence flow " + quoted(flow(e.incoming[0]).id));
      }
      if (e.outgoing.empty())
        ctx_.error(e.loc, e.id, describe(e) + " has no outgoing sequence flow");
      e.attached_to = activity.index;
      activity.boundary_events.push_back(e.index);
    }
  }

  std::string describe(const model::Element& e) const {
    return kindPhrase(e.kind) + " " + quoted(e.id);
  }

  std::string scopeName(int scope) const {
    if (scope < 0) return "process " + quoted(process_.key);
    return "sub-process " + quoted(process_.elements[static_cast<size_t>(scope)].id);
  }

  // The element index named by a flow end, or -1 after reporting why not.
  int resolveEnd(const FlowSource& flow, const std::string& ref, bool source) {
    const std::string attr = source ? "sourceRef" : "targetRef";
    if (ref.empty()) {
      ctx_.error(flow.loc, flow.id, "sequence flow " + quoted(flow.id) + " has no " + attr);
      return -1;
    }
    if (auto it = process_.element_index.find(ref); it != process_.element_index.end()) {
      return it->second;
    }
    if (draft_.refused_nodes.contains(ref)) return -1;  // already reported
    const std::string verb = source ? "comes from" : "targets";
    if (ids_.contains(ref)) {
      ctx_.error(flow.loc, flow.id,
                 "sequence flow " + quoted(flow.id) + " " + verb + " " + quoted(ref) +
                     ", which is not a flow node of process " + quoted(process_.key));
    } else {
      ctx_.error(
          flow.loc, flow.id,
          "sequence flow " + quoted(flow.id) + " " + verb + " unknown element " + quoted(ref));
    }
    return -1;
  }

  void resolveFlows() {
    for (FlowSource& source : draft_.flow_sources) {
      const int from = resolveEnd(source, source.source_ref, true);
      const int to = resolveEnd(source, source.target_ref, false);
      if (from < 0 || to < 0) {
        dropped_flows_.insert(source.id);
        continue;
      }
      const model::Element& a = process_.elements[static_cast<size_t>(from)];
      const model::Element& b = process_.elements[static_cast<size_t>(to)];
      if (a.parent != source.scope || b.parent != source.scope) {
        ctx_.error(source.loc, source.id,
                   "sequence flow " + quoted(source.id) + " crosses a sub-process boundary: " +
                       quoted(a.id) + " is in " + scopeName(a.parent) + ", " + quoted(b.id) +
                       " in " + scopeName(b.parent) + ", the flow in " + scopeName(source.scope));
        dropped_flows_.insert(source.id);
        continue;
      }
      model::Flow flow;
      flow.index = static_cast<int>(process_.flows.size());
      flow.id = source.id;
      flow.name = source.name;
      flow.source = from;
      flow.target = to;
      flow.condition = std::move(source.condition);
      flow.loc = source.loc;
      has_condition_.push_back(source.has_condition);
      process_.elements[static_cast<size_t>(from)].outgoing.push_back(flow.index);
      process_.elements[static_cast<size_t>(to)].incoming.push_back(flow.index);
      process_.flows.push_back(std::move(flow));
    }
  }

  const model::Flow& flow(int index) const { return process_.flows[static_cast<size_t>(index)]; }

  void checkDeclaredList(const model::Element& e,
                         const std::vector<std::pair<std::string, model::SourceLocation>>& declared,
                         const std::vector<int>& actual, bool incoming) {
    const std::string tag = incoming ? "incoming" : "outgoing";
    std::unordered_set<std::string> listed;
    for (const auto& [ref, loc] : declared) {
      listed.insert(ref);
      if (dropped_flows_.contains(ref)) continue;
      const bool found =
          std::any_of(actual.begin(), actual.end(), [&](int f) { return flow(f).id == ref; });
      if (!found) {
        ctx_.error(loc, e.id,
                   describe(e) + " lists " + tag + " flow " + quoted(ref) + ", but no sequence " +
                       "flow " + quoted(ref) + (incoming ? " targets it" : " leaves it"));
      }
    }
    // Hand-written models may omit the lists entirely; once a process uses
    // them, as modelers do, they must be complete.
    if (!uses_lists_) return;
    for (int f : actual) {
      if (!listed.contains(flow(f).id)) {
        ctx_.error(
            e.loc, e.id,
            describe(e) + " does not list its " + tag + " sequence flow " + quoted(flow(f).id));
      }
    }
  }

  void checkDeclaredFlows() {
    for (const ElementSource& source : draft_.sources) {
      if (!source.declared_incoming.empty() || !source.declared_outgoing.empty()) {
        uses_lists_ = true;
      }
    }
    for (size_t i = 0; i < process_.elements.size(); ++i) {
      const model::Element& e = process_.elements[i];
      checkDeclaredList(e, draft_.sources[i].declared_incoming, e.incoming, true);
      checkDeclaredList(e, draft_.sources[i].declared_outgoing, e.outgoing, false);
    }
  }

  void checkElement(model::Element& e, size_t i) {
    const ElementSource& source = draft_.sources[i];
    const bool gateway =
        e.kind == ElementKind::ExclusiveGateway || e.kind == ElementKind::ParallelGateway ||
        e.kind == ElementKind::InclusiveGateway || e.kind == ElementKind::EventBasedGateway;
    if (e.triggered_by_event && (!e.incoming.empty() || !e.outgoing.empty())) {
      ctx_.error(e.loc, e.id,
                 "event sub-process " + quoted(e.id) +
                     " has sequence flows; it starts by its event, not by a flow");
    }

    if (e.kind == ElementKind::StartEvent && !e.incoming.empty()) {
      ctx_.error(e.loc, e.id,
                 describe(e) + " has incoming sequence flow " + quoted(flow(e.incoming[0]).id));
    }
    if (e.kind == ElementKind::EndEvent && !e.outgoing.empty()) {
      ctx_.error(e.loc, e.id,
                 describe(e) + " has outgoing sequence flow " + quoted(flow(e.outgoing[0]).id));
    }
    if ((e.kind == ElementKind::StartEvent || gateway) && e.outgoing.empty()) {
      ctx_.error(e.loc, e.id, describe(e) + " has no outgoing sequence flow");
    }
    if (gateway) checkGatewayDirection(e, source);
    if (gateway && e.incoming.size() <= 1 && e.outgoing.size() == 1) {
      ctx_.error(e.loc, e.id,
                 describe(e) +
                     " neither splits nor merges (a gateway needs several incoming "
                     "or several outgoing sequence flows)");
    }
    if (!gateway && e.outgoing.size() == 1 && has_condition_[static_cast<size_t>(e.outgoing[0])]) {
      const model::Flow& only = flow(e.outgoing[0]);
      ctx_.error(only.loc, only.id,
                 "sequence flow " + quoted(only.id) + " is the only flow leaving " + describe(e) +
                     " and so cannot have a condition");
    }
    if (e.kind == ElementKind::StartEvent || e.kind == ElementKind::ParallelGateway ||
        e.kind == ElementKind::EventBasedGateway) {
      for (int f : e.outgoing) {
        if (has_condition_[static_cast<size_t>(f)]) {
          ctx_.error(flow(f).loc, flow(f).id,
                     "sequence flow " + quoted(flow(f).id) + " leaving " + describe(e) +
                         " has a condition, which is not allowed there");
        }
      }
    }

    if (!source.default_ref.empty()) {
      const bool may_have_default =
          e.kind == ElementKind::ExclusiveGateway || e.kind == ElementKind::InclusiveGateway ||
          (!gateway && e.kind != ElementKind::StartEvent && e.kind != ElementKind::EndEvent);
      const auto it = std::find_if(e.outgoing.begin(), e.outgoing.end(),
                                   [&](int f) { return flow(f).id == source.default_ref; });
      if (!may_have_default) {
        ctx_.error(source.default_loc, e.id, describe(e) + " cannot have a default flow");
      } else if (it == e.outgoing.end()) {
        if (!dropped_flows_.contains(source.default_ref)) {
          ctx_.error(source.default_loc, e.id,
                     "default flow " + quoted(source.default_ref) + " of " + describe(e) +
                         " is not one of its outgoing sequence flows");
        }
      } else if (has_condition_[static_cast<size_t>(*it)]) {
        ctx_.error(flow(*it).loc, flow(*it).id,
                   "default flow " + quoted(flow(*it).id) + " of " + describe(e) +
                       " has a condition; a default flow is taken when no condition holds");
      } else {
        e.default_flow = *it;
      }
    }

    if (e.kind == ElementKind::ExclusiveGateway && e.outgoing.size() > 1) {
      for (int f : e.outgoing) {
        if (has_condition_[static_cast<size_t>(f)] || f == e.default_flow) continue;
        if (!source.default_ref.empty() && e.default_flow < 0) continue;  // reported above
        ctx_.error(e.loc, e.id,
                   describe(e) + " has outgoing flow " + quoted(flow(f).id) +
                       " without a condition and " +
                       (e.default_flow < 0 ? "no default flow" : "it is not the default flow"));
      }
    }
  }

  // gatewayDirection is optional; when given it must agree with the flows.
  void checkGatewayDirection(const model::Element& e, const ElementSource& source) {
    const std::string_view direction = source.node.attribute("gatewayDirection").value();
    if (direction == "Converging" && e.outgoing.size() > 1) {
      ctx_.error(e.loc, e.id,
                 describe(e) + " is converging (gatewayDirection) but has " +
                     std::to_string(e.outgoing.size()) + " outgoing sequence flows");
    } else if (direction == "Diverging" && e.incoming.size() > 1) {
      ctx_.error(e.loc, e.id,
                 describe(e) + " is diverging (gatewayDirection) but has " +
                     std::to_string(e.incoming.size()) + " incoming sequence flows");
    } else if (direction == "Mixed" && (e.incoming.size() < 2 || e.outgoing.size() < 2)) {
      ctx_.error(e.loc, e.id,
                 describe(e) + " is mixed (gatewayDirection) but does not have several " +
                     "incoming and several outgoing sequence flows");
    }
  }

  // A process has at most one none start event, and any number of start
  // events with a trigger (message, signal, timer) that start new instances.
  // An embedded sub-process has one none start event; an event sub-process
  // one start event with a trigger, and it joins its scope's list.
  void checkStartEvents(int scope) {
    const model::Element* sub =
        scope < 0 ? nullptr : &process_.elements[static_cast<size_t>(scope)];
    const bool event_sub = sub != nullptr && sub->triggered_by_event;
    std::vector<int> none_starts;
    std::vector<int> event_starts;
    for (const model::Element& e : process_.elements) {
      if (e.parent != scope || e.kind != ElementKind::StartEvent) continue;
      (e.trigger == model::Trigger::None ? none_starts : event_starts).push_back(e.index);
    }
    const auto element = [&](int i) -> model::Element& {
      return process_.elements[static_cast<size_t>(i)];
    };
    if (event_sub) {
      if (!none_starts.empty() || event_starts.size() != 1) {
        ctx_.error(sub->loc, sub->id,
                   "event sub-process " + quoted(sub->id) +
                       " must have exactly one start event, with a trigger (message, timer, "
                       "signal, error or escalation)");
        return;
      }
      element(scope).start_event = event_starts[0];
      if (sub->parent < 0) {
        process_.event_subprocesses.push_back(scope);
      } else {
        element(sub->parent).event_subprocesses.push_back(scope);
      }
    } else if (scope >= 0 && !event_starts.empty()) {
      const model::Element& first = element(event_starts[0]);
      ctx_.error(first.loc, first.id,
                 "start event " + quoted(first.id) + " of " + scopeName(scope) +
                     " has a trigger; an embedded sub-process starts by its none start event");
      return;
    } else if (none_starts.size() > 1) {
      const model::Element& second = element(none_starts[1]);
      ctx_.error(second.loc, second.id,
                 scopeName(scope) + " has more than one none start event (" +
                     quoted(element(none_starts[0]).id) + " and " + quoted(second.id) + ")");
    }
    if (none_starts.empty() && event_starts.empty()) {
      // A refused start event (timer, message …) was reported already.
      for (const std::string& refused : draft_.refused_nodes) {
        const auto it = ids_.find(refused);
        if (it != ids_.end() && ctx_.doc().localName(it->second) == "startEvent") {
          const pugi::xml_node parent = it->second.parent();
          const std::string parent_id = parent.attribute("id").value();
          const bool same_scope = scope < 0 ? parent_id == process_.key : parent_id == sub->id;
          if (same_scope) return;
        }
      }
      ctx_.error(scope < 0 ? draft_.loc : sub->loc, scope < 0 ? process_.key : sub->id,
                 scopeName(scope) + " has no start event");
      return;
    }
    const bool has_end = std::any_of(process_.elements.begin(), process_.elements.end(),
                                     [&](const model::Element& e) {
                                       return e.parent == scope && e.kind == ElementKind::EndEvent;
                                     });
    if (!has_end) {
      ctx_.error(scope < 0 ? draft_.loc : sub->loc, scope < 0 ? process_.key : sub->id,
                 scopeName(scope) + " has a start event but no end event");
    }
    if (scope < 0) {
      if (!none_starts.empty()) process_.start_event = none_starts[0];
      process_.event_starts = event_starts;
    } else if (!event_sub) {
      element(scope).start_event = none_starts[0];
    }
  }

  // An event-based gateway waits for the first of the events its flows
  // lead to: each target catches a message, a signal or a timer (or is a
  // receive task) and is entered from this gateway only.
  void checkEventBasedGateway(const model::Element& gw) {
    if (gw.outgoing.size() < 2) {
      ctx_.error(gw.loc, gw.id, describe(gw) + " must have at least two outgoing sequence flows");
    }
    for (int f : gw.outgoing) {
      const model::Element& target = process_.elements[static_cast<size_t>(flow(f).target)];
      const bool catches = target.kind == ElementKind::ReceiveTask ||
                           (target.kind == ElementKind::IntermediateCatchEvent &&
                            target.trigger != model::Trigger::None);
      if (!catches) {
        ctx_.error(flow(f).loc, flow(f).id,
                   "sequence flow " + quoted(flow(f).id) + " leaves " + describe(gw) + " to " +
                       describe(target) +
                       "; it must lead to an intermediate catch event or a receive task");
      } else if (target.incoming.size() != 1) {
        ctx_.error(target.loc, target.id,
                   describe(target) + " follows " + describe(gw) +
                       " and so must have no other incoming sequence flow");
      } else if (target.multi_instance) {
        ctx_.error(target.loc, target.id,
                   describe(target) + " follows " + describe(gw) + " and cannot be multi-instance");
      }
    }
  }

  void checkReachability() {
    std::vector<bool> reached(process_.elements.size(), false);
    std::vector<int> stack;
    for (const model::Element& e : process_.elements) {
      if (e.kind == ElementKind::StartEvent || e.triggered_by_event) stack.push_back(e.index);
    }
    while (!stack.empty()) {
      const int index = stack.back();
      stack.pop_back();
      const auto at = static_cast<size_t>(index);
      if (reached[at]) continue;
      reached[at] = true;
      for (int f : process_.elements[at].outgoing) stack.push_back(flow(f).target);
      for (int b : process_.elements[at].boundary_events) stack.push_back(b);
    }
    for (const model::Element& e : process_.elements) {
      // Inside a sub-process that is itself unreachable, report only the
      // sub-process.
      if (reached[static_cast<size_t>(e.index)]) continue;
      if (e.parent >= 0 && !reached[static_cast<size_t>(e.parent)]) continue;
      ctx_.error(e.loc, e.id,
                 describe(e) + " is not reachable from the start event of " + scopeName(e.parent));
    }
  }

  ReaderContext& ctx_;
  const IdTable& ids_;
  ProcessDraft& draft_;
  model::Process& process_;
  std::vector<bool> has_condition_;  // by flow index; true also for conditions that failed
  std::unordered_set<std::string> dropped_flows_;
  bool uses_lists_ = false;
};

}  // namespace

void resolveAndValidate(ReaderContext& ctx, const IdTable& ids, ProcessDraft& draft) {
  Validator(ctx, ids, draft).run();
}

}  // namespace wf::bpmn
