// Each supported element and extension, read from a fixture with one
// behaviour, lands in the executable model as the runtime expects it.
#include "bpmn/bpmn_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace wf::bpmn {
namespace {

using model::ElementKind;

std::string fixturePath(const std::string& name) {
  return std::string(HALL_SOURCE_DIR) + "/tests/fixtures/bpmn/" + name;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string describe(const ReadResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += d.toString() + "\n";
  return out;
}

// Reads a fixture that must be accepted and returns its only process.
const model::Process& readProcess(const std::string& name, ReadResult& holder) {
  holder = readBpmn(name, slurp(fixturePath(name)));
  EXPECT_NE(holder.definitions, nullptr) << describe(holder);
  if (holder.definitions == nullptr || holder.definitions->processes.empty()) {
    static const model::Process kEmpty;
    ADD_FAILURE() << name << " yielded no process";
    return kEmpty;
  }
  return holder.definitions->processes.front();
}

const model::Element& element(const model::Process& process, const std::string& id) {
  const model::Element* e = process.find(id);
  if (e == nullptr) {
    static const model::Element kMissing;
    ADD_FAILURE() << "no element " << id;
    return kMissing;
  }
  return *e;
}

const model::Flow& flowById(const model::Process& process, const std::string& id) {
  for (const model::Flow& f : process.flows) {
    if (f.id == id) return f;
  }
  static const model::Flow kMissing;
  ADD_FAILURE() << "no flow " << id;
  return kMissing;
}

TEST(BpmnReader, TaskAndManualTaskPassThroughInOrder) {
  ReadResult r;
  const model::Process& p = readProcess("task/pass_through.bpmn", r);
  EXPECT_EQ(p.key, "pass_through");
  EXPECT_EQ(p.name, "Pass through");
  ASSERT_EQ(p.elements.size(), 4u);
  EXPECT_EQ(element(p, "Task_1").kind, ElementKind::Task);
  EXPECT_EQ(element(p, "Manual_1").kind, ElementKind::Task);
  EXPECT_EQ(element(p, "Task_1").name, "Look");
  ASSERT_GE(p.start_event, 0);
  EXPECT_EQ(p.elements[static_cast<size_t>(p.start_event)].id, "Start");
  const model::Flow& f = flowById(p, "Flow_2");
  EXPECT_EQ(p.elements[static_cast<size_t>(f.source)].id, "Task_1");
  EXPECT_EQ(p.elements[static_cast<size_t>(f.target)].id, "Manual_1");
  EXPECT_EQ(element(p, "Task_1").loc.line, 6);
  EXPECT_EQ(element(p, "Task_1").loc.column, 5);
  EXPECT_TRUE(r.diagnostics.empty()) << describe(r);
}

TEST(BpmnReader, ExclusiveGatewayKeepsConditionsAndDefaultFlow) {
  ReadResult r;
  const model::Process& p = readProcess("exclusive_gateway/amount_routing.bpmn", r);
  const model::Element& gw = element(p, "Gateway_1");
  EXPECT_EQ(gw.kind, ElementKind::ExclusiveGateway);
  ASSERT_EQ(gw.outgoing.size(), 2u);
  ASSERT_GE(gw.default_flow, 0);
  EXPECT_EQ(p.flows[static_cast<size_t>(gw.default_flow)].id, "Flow_low");
  const model::Flow& high = flowById(p, "Flow_high");
  ASSERT_TRUE(high.condition.has_value());
  EXPECT_EQ(high.condition->text(), "=amount > 100");
  EXPECT_FALSE(flowById(p, "Flow_low").condition.has_value());
  EXPECT_EQ(element(p, "Merge").incoming.size(), 2u);
}

TEST(BpmnReader, ParallelGatewayForksAndJoins) {
  ReadResult r;
  const model::Process& p = readProcess("parallel_gateway/fork_join.bpmn", r);
  EXPECT_EQ(element(p, "Fork").kind, ElementKind::ParallelGateway);
  EXPECT_EQ(element(p, "Fork").outgoing.size(), 2u);
  EXPECT_EQ(element(p, "Join").incoming.size(), 2u);
  EXPECT_EQ(element(p, "Join").default_flow, -1);
  // reachable_from is only for inclusive joins.
  EXPECT_TRUE(element(p, "Join").reachable_from.empty());
}

TEST(BpmnReader, InclusiveJoinKnowsWhichElementsCanStillReachIt) {
  ReadResult r;
  const model::Process& p = readProcess("inclusive_gateway/fork_join.bpmn", r);
  const model::Element& fork = element(p, "Fork");
  EXPECT_EQ(p.flows[static_cast<size_t>(fork.default_flow)].id, "Flow_none");
  EXPECT_TRUE(fork.reachable_from.empty());  // one incoming flow: not a join
  const model::Element& join = element(p, "Join");
  ASSERT_EQ(join.reachable_from.size(), p.elements.size());
  auto reaches = [&](const std::string& id) {
    return static_cast<bool>(join.reachable_from[static_cast<size_t>(element(p, id).index)]);
  };
  EXPECT_TRUE(reaches("Start"));
  EXPECT_TRUE(reaches("Fork"));
  EXPECT_TRUE(reaches("Task_a"));
  EXPECT_TRUE(reaches("Task_b"));
  EXPECT_FALSE(reaches("Join"));
  EXPECT_FALSE(reaches("After"));
  EXPECT_FALSE(reaches("End"));
}

TEST(BpmnReader, EmbeddedSubProcessHasItsOwnScope) {
  ReadResult r;
  const model::Process& p = readProcess("sub_process/embedded.bpmn", r);
  const model::Element& sub = element(p, "Sub_1");
  EXPECT_EQ(sub.kind, ElementKind::SubProcess);
  EXPECT_EQ(sub.parent, -1);
  ASSERT_EQ(sub.children.size(), 3u);
  ASSERT_GE(sub.start_event, 0);
  EXPECT_EQ(p.elements[static_cast<size_t>(sub.start_event)].id, "Sub_start");
  EXPECT_EQ(element(p, "Sub_task").parent, sub.index);
  EXPECT_EQ(element(p, "Sub_end").parent, sub.index);
  EXPECT_EQ(p.elements[static_cast<size_t>(p.start_event)].id, "Start");
  EXPECT_EQ(element(p, "Sub_task").incoming.size(), 1u);
}

TEST(BpmnReader, TerminateEndEventIsMarked) {
  ReadResult r;
  const model::Process& p = readProcess("end_event/terminate.bpmn", r);
  EXPECT_EQ(element(p, "Terminate").trigger, model::Trigger::Terminate);
  EXPECT_EQ(element(p, "End").trigger, model::Trigger::None);
  EXPECT_EQ(element(p, "Wait").kind, ElementKind::UserTask);
}

TEST(BpmnReader, ZeebeLoopCharacteristicsFillMultiInstance) {
  ReadResult r;
  const model::Process& p = readProcess("multi_instance/zeebe_collection.bpmn", r);
  const model::Element& each = element(p, "Each");
  ASSERT_TRUE(each.multi_instance.has_value());
  const model::MultiInstance& mi = *each.multi_instance;
  EXPECT_FALSE(mi.sequential);
  ASSERT_TRUE(mi.input_collection.has_value());
  EXPECT_EQ(mi.input_collection->text(), "=items");
  EXPECT_EQ(mi.input_element, "item");
  EXPECT_EQ(mi.output_collection, "results");
  ASSERT_TRUE(mi.output_element.has_value());
  EXPECT_EQ(mi.output_element->text(), "=r");
  EXPECT_FALSE(mi.loop_cardinality.has_value());
  ASSERT_TRUE(each.script.has_value());
  EXPECT_EQ(each.script->text(), "=item * 2");
  EXPECT_EQ(each.result_variable, "r");
}

TEST(BpmnReader, CamundaCollectionIsAVariableName) {
  ReadResult r;
  const model::Process& p = readProcess("multi_instance/camunda_collection.bpmn", r);
  const model::Element& approve = element(p, "Approve");
  ASSERT_TRUE(approve.multi_instance.has_value());
  EXPECT_TRUE(approve.multi_instance->sequential);
  ASSERT_TRUE(approve.multi_instance->input_collection.has_value());
  EXPECT_EQ(approve.multi_instance->input_collection->text(), "departments");
  EXPECT_EQ(approve.multi_instance->input_element, "department");
  ASSERT_TRUE(approve.multi_instance->completion_condition.has_value());
  EXPECT_EQ(approve.multi_instance->completion_condition->text(), "=rejected");
  EXPECT_EQ(approve.candidate_groups, std::vector<std::string>{"approvers"});
}

TEST(BpmnReader, LoopCardinalityOnSubProcessAndHallCollectionOnTask) {
  ReadResult r;
  const model::Process& p = readProcess("multi_instance/cardinality_sub_process.bpmn", r);
  const model::Element& rounds = element(p, "Rounds");
  ASSERT_TRUE(rounds.multi_instance.has_value());
  EXPECT_TRUE(rounds.multi_instance->sequential);
  ASSERT_TRUE(rounds.multi_instance->loop_cardinality.has_value());
  EXPECT_EQ(rounds.multi_instance->loop_cardinality->text(), "3");
  EXPECT_EQ(rounds.children.size(), 3u);
  const model::Element& each = element(p, "Parallel_each");
  ASSERT_TRUE(each.multi_instance.has_value());
  EXPECT_FALSE(each.multi_instance->sequential);
  EXPECT_EQ(each.multi_instance->input_collection->text(), "=reviewers");
  EXPECT_EQ(each.multi_instance->input_element, "reviewer");
}

TEST(BpmnReader, HallUserTaskExtensions) {
  ReadResult r;
  const model::Process& p = readProcess("user_task/hall_extensions.bpmn", r);
  const model::Element& intake = element(p, "Intake");
  EXPECT_EQ(intake.name, "收件");
  EXPECT_EQ(intake.queue, "business-registration");
  EXPECT_EQ(intake.candidate_groups, (std::vector<std::string>{"clerks", "supervisors"}));
  EXPECT_EQ(intake.candidate_users, std::vector<std::string>{"wang"});
  ASSERT_TRUE(intake.priority.has_value());
  EXPECT_EQ(intake.priority->text(), "70");
  ASSERT_TRUE(intake.due.has_value());
  EXPECT_TRUE(intake.due_is_duration);
  EXPECT_EQ(intake.due->text(), "\"P5D\"");  // a literal becomes a FEEL string
  EXPECT_EQ(intake.form_key, "intake-form");
  const model::Element& approve = element(p, "Approve");
  EXPECT_EQ(approve.priority->text(), "=if vip then 90 else 50");
  EXPECT_EQ(approve.due->text(), "=promised");
  EXPECT_TRUE(approve.due_is_duration);
  EXPECT_FALSE(approve.assignee.has_value());
}

TEST(BpmnReader, CamundaUserTaskAttributes) {
  ReadResult r;
  const model::Process& p = readProcess("user_task/camunda_extensions.bpmn", r);
  const model::Element& review = element(p, "Review");
  ASSERT_TRUE(review.assignee.has_value());
  EXPECT_EQ(review.assignee->text(), "${initiator}");
  EXPECT_EQ(review.candidate_groups, (std::vector<std::string>{"reviewers", "leads"}));
  EXPECT_EQ(review.candidate_users, (std::vector<std::string>{"li", "zhao"}));
  ASSERT_TRUE(review.due.has_value());
  EXPECT_FALSE(review.due_is_duration);
  EXPECT_EQ(review.due->text(), "\"2026-10-01T09:00:00\"");
  EXPECT_EQ(review.form_key, "embedded:review");
  EXPECT_EQ(review.priority->text(), "20");
}

TEST(BpmnReader, ServiceTaskTypesFromEachDialect) {
  ReadResult hall;
  const model::Element& issue =
      element(readProcess("service_task/hall_connector.bpmn", hall), "Issue");
  EXPECT_EQ(issue.kind, ElementKind::ServiceTask);
  EXPECT_EQ(issue.connector_type, "elicense.issue");
  EXPECT_EQ(issue.retries, 5);
  ReadResult camunda;
  const model::Element& notify =
      element(readProcess("service_task/camunda_external.bpmn", camunda), "Notify");
  EXPECT_EQ(notify.connector_type, "sms.send");
  EXPECT_EQ(notify.retries, 3);
  ReadResult zeebe;
  const model::Element& report =
      element(readProcess("service_task/zeebe_task_definition.bpmn", zeebe), "Report");
  EXPECT_EQ(report.connector_type, "case-library.report");
  EXPECT_EQ(report.retries, 2);
}

TEST(BpmnReader, ScriptTaskBodyAndResultVariable) {
  ReadResult r;
  const model::Element& task = element(readProcess("script_task/feel_script.bpmn", r), "Double");
  ASSERT_TRUE(task.script.has_value());
  EXPECT_EQ(task.script->text(), "amount * 2");
  EXPECT_EQ(task.result_variable, "doubled");
  ReadResult z;
  const model::Element& total = element(readProcess("script_task/zeebe_script.bpmn", z), "Total");
  EXPECT_EQ(total.script->text(), "=price + fee");
  EXPECT_EQ(total.result_variable, "total");
}

TEST(BpmnReader, CollaborationLanesAndDiagramsAreIgnoredInLatin1) {
  ReadResult r;
  const model::Process& p = readProcess("process/collaboration_lanes_latin1.bpmn", r);
  EXPECT_EQ(p.key, "collaboration_lanes");
  EXPECT_EQ(p.name, "Caf\xC3\xA9 process");  // decoded to UTF-8
  EXPECT_EQ(element(p, "Task_1").name, "\xC3\x89tape");
  EXPECT_EQ(p.elements.size(), 3u);
  ASSERT_EQ(r.definitions->processes.size(), 1u);  // the non-executable one is skipped
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::Warning);
  EXPECT_EQ(r.diagnostics[0].element_id, "reference_only");
  EXPECT_EQ(r.diagnostics[0].line, 20);
}

TEST(BpmnReader, ElementKindNamesAreTheBpmnLocalNames) {
  EXPECT_STREQ(model::elementKindName(ElementKind::InclusiveGateway), "inclusiveGateway");
  EXPECT_STREQ(model::elementKindName(ElementKind::SubProcess), "subProcess");
  EXPECT_STREQ(model::elementKindName(ElementKind::Task), "task");
}

TEST(BpmnReader, ReachableFromFollowsLoopsButNeverCountsTheJoin) {
  // A loop back from after the join to before the fork: `Check` can reach
  // the join again only by way of the fork, which is fine, while `End` cannot
  // reach it at all and the join itself is never counted.
  const std::string xml = R"(<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="loop" isExecutable="true">
    <startEvent id="Start" />
    <sequenceFlow id="f1" sourceRef="Start" targetRef="Fork" />
    <inclusiveGateway id="Fork" />
    <sequenceFlow id="f2" sourceRef="Fork" targetRef="A"><conditionExpression>=a</conditionExpression></sequenceFlow>
    <sequenceFlow id="f3" sourceRef="Fork" targetRef="B"><conditionExpression>=b</conditionExpression></sequenceFlow>
    <task id="A" />
    <task id="B" />
    <sequenceFlow id="f4" sourceRef="A" targetRef="Join" />
    <sequenceFlow id="f5" sourceRef="B" targetRef="Join" />
    <inclusiveGateway id="Join" />
    <sequenceFlow id="f6" sourceRef="Join" targetRef="Check" />
    <exclusiveGateway id="Check" default="f8" />
    <sequenceFlow id="f7" sourceRef="Check" targetRef="Fork"><conditionExpression>=again</conditionExpression></sequenceFlow>
    <sequenceFlow id="f8" sourceRef="Check" targetRef="End" />
    <endEvent id="End" />
  </process>
</definitions>)";
  const ReadResult r = readBpmn("loop.bpmn", xml);
  ASSERT_NE(r.definitions, nullptr) << describe(r);
  const model::Process& p = r.definitions->processes[0];
  const model::Element& join = *p.find("Join");
  ASSERT_EQ(join.reachable_from.size(), p.elements.size());
  EXPECT_TRUE(join.reachable_from[static_cast<size_t>(p.find("Fork")->index)]);
  EXPECT_TRUE(join.reachable_from[static_cast<size_t>(p.find("Check")->index)]);
  EXPECT_FALSE(join.reachable_from[static_cast<size_t>(join.index)]);
  EXPECT_FALSE(join.reachable_from[static_cast<size_t>(p.find("End")->index)]);
}

}  // namespace
}  // namespace wf::bpmn
