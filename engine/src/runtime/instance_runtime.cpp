#include "runtime/instance_runtime.h"

namespace wf::runtime {

ElementInstance& InstanceRuntime::create(int element, int parent) {
  const int id = next_id++;
  ElementInstance& ei = elements[id];
  ei.id = id;
  ei.element = element;
  ei.parent = parent;
  return ei;
}

namespace {

// Short keys keep the row small: it is rewritten by every command.
Value elementToValue(const ElementInstance& ei) {
  Object o;
  o["i"] = ei.id;
  o["e"] = ei.element;
  o["p"] = ei.parent;
  o["s"] = static_cast<int>(ei.state);
  if (ei.scope) o["sc"] = true;
  if (ei.mi_inner) o["mi"] = true;
  if (ei.loop_counter != 0) o["lc"] = ei.loop_counter;
  if (!ei.vars.empty()) o["v"] = ei.vars;
  if (ei.mi) {
    Object b;
    b["items"] = ei.mi->items;
    b["started"] = ei.mi->started;
    b["completed"] = ei.mi->completed;
    b["outputs"] = ei.mi->outputs;
    o["body"] = Value(std::move(b));
  }
  if (!ei.task_id.empty()) o["t"] = ei.task_id;
  if (!ei.incident.empty()) o["inc"] = ei.incident;
  if (!ei.boundary_jobs.empty()) {
    Array jobs;
    for (const std::string& j : ei.boundary_jobs) jobs.push_back(j);
    o["bj"] = Value(std::move(jobs));
  }
  if (!ei.event_jobs.empty()) {
    Array jobs;
    for (const std::string& j : ei.event_jobs) jobs.push_back(j);
    o["ej"] = Value(std::move(jobs));
  }
  if (ei.subscribed) o["sub"] = true;
  if (!ei.called_instance.empty()) o["ci"] = ei.called_instance;
  if (ei.incident_on_leave) o["incl"] = true;
  if (!ei.job_id.empty()) o["j"] = ei.job_id;
  if (!ei.joins.empty()) {
    Array joins;
    for (const auto& [gateway, arrivals] : ei.joins) {
      for (const auto& [flow, count] : arrivals) {
        joins.push_back(Value(Array{gateway, flow, count}));
      }
    }
    o["jn"] = Value(std::move(joins));
  }
  return Value(std::move(o));
}

int intOf(const Value* v, int fallback = 0) {
  return v != nullptr && v->isNumber() ? static_cast<int>(v->asNumber()) : fallback;
}

Result<ElementInstance> elementFromValue(const Value& v) {
  if (!v.isObject()) return Status::internal("runtime state: element is not an object");
  ElementInstance ei;
  ei.id = intOf(v.find("i"));
  ei.element = intOf(v.find("e"), -1);
  ei.parent = intOf(v.find("p"), -1);
  ei.state = static_cast<ElementState>(intOf(v.find("s")));
  ei.scope = v.find("sc") != nullptr;
  ei.mi_inner = v.find("mi") != nullptr;
  ei.loop_counter = intOf(v.find("lc"));
  if (const Value* vars = v.find("v"); vars != nullptr && vars->isObject())
    ei.vars = vars->asObject();
  if (const Value* b = v.find("body"); b != nullptr && b->isObject()) {
    MultiInstanceBody body;
    if (const Value* items = b->find("items"); items && items->isArray())
      body.items = items->asArray();
    body.started = intOf(b->find("started"));
    body.completed = intOf(b->find("completed"));
    if (const Value* out = b->find("outputs"); out && out->isArray()) body.outputs = out->asArray();
    ei.mi = std::move(body);
  }
  if (const Value* t = v.find("t"); t && t->isString()) ei.task_id = t->asString();
  if (const Value* inc = v.find("inc"); inc && inc->isString()) ei.incident = inc->asString();
  ei.incident_on_leave = v.find("incl") != nullptr;
  if (const Value* bj = v.find("bj"); bj && bj->isArray()) {
    for (const Value& j : bj->asArray()) {
      if (j.isString()) ei.boundary_jobs.push_back(j.asString());
    }
  }
  if (const Value* ej = v.find("ej"); ej && ej->isArray()) {
    for (const Value& j : ej->asArray()) {
      if (j.isString()) ei.event_jobs.push_back(j.asString());
    }
  }
  ei.subscribed = v.find("sub") != nullptr;
  if (const Value* ci = v.find("ci"); ci && ci->isString()) ei.called_instance = ci->asString();
  if (const Value* j = v.find("j"); j && j->isString()) ei.job_id = j->asString();
  if (const Value* jn = v.find("jn"); jn && jn->isArray()) {
    for (const Value& entry : jn->asArray()) {
      if (!entry.isArray() || entry.asArray().size() != 3) {
        return Status::internal("runtime state: bad join entry");
      }
      const Array& a = entry.asArray();
      ei.joins[intOf(&a[0])][intOf(&a[1])] = intOf(&a[2]);
    }
  }
  return ei;
}

}  // namespace

std::string InstanceRuntime::toJson() const {
  Array list;
  list.reserve(elements.size());
  for (const auto& [id, ei] : elements) list.push_back(elementToValue(ei));
  Object o;
  o["n"] = next_id;
  o["els"] = Value(std::move(list));
  if (caller) {
    o["caller"] = Value(Array{caller->instance_id, caller->element_instance, caller->element_id});
  }
  return Value(std::move(o)).toJson();
}

Result<InstanceRuntime> InstanceRuntime::fromJson(const std::string& json) {
  std::string error;
  auto v = Value::parseJson(json, &error);
  if (!v || !v->isObject()) return Status::internal("runtime state is not valid JSON: " + error);
  InstanceRuntime s;
  s.next_id = intOf(v->find("n"), 1);
  if (const Value* els = v->find("els"); els && els->isArray()) {
    for (const Value& e : els->asArray()) {
      ASSIGN_OR_RETURN(ElementInstance ei, elementFromValue(e));
      const int id = ei.id;
      s.elements.emplace(id, std::move(ei));
    }
  }
  if (const Value* c = v->find("caller"); c && c->isArray() && c->asArray().size() == 3) {
    const Array& a = c->asArray();
    if (!a[0].isString() || !a[2].isString()) return Status::internal("runtime state: bad caller");
    s.caller = Caller{a[0].asString(), intOf(&a[1], -1), a[2].asString()};
  }
  if (s.find(0) == nullptr) return Status::internal("runtime state has no process scope");
  return s;
}

}  // namespace wf::runtime
