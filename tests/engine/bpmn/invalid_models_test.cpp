// Malformed and unsupported models, one broken rule each, with the exact
// first error diagnostic the reader must give (line, column, message).
// Columns count characters, so 072 (latin1) and 073 (UTF-8 with BOM and
// Chinese text) check that multi-byte text before the error is counted right.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "bpmn/bpmn_reader.h"

namespace wf::bpmn {
namespace {

struct Expected {
  const char* file;
  int line;
  int column;
  // Exact message; a trailing '*' matches any rest (compile errors, whose
  // wording belongs to the FEEL compiler).
  const char* message;
};

// clang-format off
const Expected kCases[] = {
    {"001_xml_syntax.bpmn", 5, 5,
     "xml: start-end tags mismatch"},
    {"002_not_bpmn_root.bpmn", 2, 1,
     "the root element 'definitions' is not a BPMN 2.0 definitions element (namespace http://www.omg.org/spec/BPMN/20100524/MODEL)"},
    {"003_no_executable_process.bpmn", 2, 1,
     "no executable process in the definitions (set isExecutable=\"true\" on the process to run)"},
    {"004_no_process.bpmn", 2, 1,
     "no process in the definitions"},
    {"005_duplicate_id.bpmn", 8, 5,
     "duplicate id 'Task_1' (first defined at 6:5)"},
    {"006_missing_element_id.bpmn", 7, 5,
     "element bpmn:task has no id"},
    {"007_missing_flow_id.bpmn", 5, 5,
     "element bpmn:sequenceFlow has no id"},
    {"008_flow_without_source_ref.bpmn", 6, 5,
     "sequence flow 'Flow_2' has no sourceRef"},
    {"009_flow_unknown_target.bpmn", 7, 5,
     "sequence flow 'Flow_3' targets unknown element 'Task_9'"},
    {"010_flow_targets_annotation.bpmn", 6, 5,
     "sequence flow 'Flow_2' targets 'Note_1', which is not a flow node of process 'p'"},
    {"011_flow_crosses_sub_process.bpmn", 12, 5,
     "sequence flow 'Flow_3' crosses a sub-process boundary: 'Start' is in process 'p', 'Sub_end' in sub-process 'Sub_1', the flow in process 'p'"},
    {"012_incoming_list_names_other_flow.bpmn", 9, 7,
     "end event 'End' lists incoming flow 'Flow_7', but no sequence flow 'Flow_7' targets it"},
    {"013_outgoing_not_listed.bpmn", 8, 5,
     "task 'Task_1' does not list its outgoing sequence flow 'Flow_2'"},
    {"014_start_with_incoming.bpmn", 4, 5,
     "start event 'Start' has incoming sequence flow 'Flow_back'"},
    {"015_end_with_outgoing.bpmn", 6, 5,
     "end event 'End' has outgoing sequence flow 'Flow_2'"},
    {"016_no_start_event.bpmn", 3, 3,
     "process 'p' has no start event"},
    {"017_two_start_events.bpmn", 5, 5,
     "process 'p' has more than one none start event ('Start' and 'Start_2')"},
    {"018_sub_process_without_start.bpmn", 6, 5,
     "sub-process 'Sub_1' has no start event"},
    {"019_unreachable_task.bpmn", 7, 5,
     "task 'Orphan' is not reachable from the start event of process 'p'"},
    {"020_gateway_without_outgoing.bpmn", 7, 5,
     "exclusive gateway 'Gateway_1' has no outgoing sequence flow"},
    {"021_exclusive_flow_without_condition.bpmn", 6, 5,
     "exclusive gateway 'Gateway_1' has outgoing flow 'Flow_2' without a condition and no default flow"},
    {"022_default_not_outgoing.bpmn", 6, 52,
     "default flow 'Flow_1' of exclusive gateway 'Gateway_1' is not one of its outgoing sequence flows"},
    {"023_default_with_condition.bpmn", 7, 5,
     "default flow 'Flow_2' of exclusive gateway 'Gateway_1' has a condition; a default flow is taken when no condition holds"},
    {"024_condition_on_parallel_split.bpmn", 8, 5,
     "sequence flow 'Flow_3' leaving parallel gateway 'Fork' has a condition, which is not allowed there"},
    {"025_condition_on_start_flow.bpmn", 5, 5,
     "sequence flow 'Flow_1' leaving start event 'Start' has a condition, which is not allowed there"},
    {"026_condition_does_not_compile.bpmn", 8, 50,
     "condition of sequence flow 'Flow_2' does not compile: unexpected end of expression"},
    {"027_empty_condition.bpmn", 8, 7,
     "condition of sequence flow 'Flow_2' is empty"},
    {"028_boundary_event.bpmn", 7, 5,
     "boundary event 'Boundary_1' has a timer with no timeDuration, timeDate or timeCycle"},
    {"029_intermediate_catch_event.bpmn", 6, 5,
     "intermediate catch event 'Catch_1' has a timer with no timeDuration, timeDate or timeCycle"},
    {"030_call_activity.bpmn", 6, 5,
     "call activity 'Call_1' names no process (set calledElement or zeebe:calledElement "
     "processId)"},
    {"031_receive_task.bpmn", 6, 5,
     "receive task 'Receive_1' names no message (messageRef)"},
    {"032_send_task.bpmn", 6, 5,
     "service task 'Send_1' has no connector type (set hall:connector, camunda:topic or "
     "zeebe:taskDefinition type)"},
    {"033_business_rule_task.bpmn", 6, 5,
     "business rule task 'Rule_1' names no decision (set hall:decision, camunda:decisionRef or "
     "zeebe:calledDecision decisionId)"},
    {"034_complex_gateway.bpmn", 6, 5,
     "element 'Complex_1' (bpmn:complexGateway) is not supported"},
    {"035_event_based_gateway.bpmn", 6, 5,
     "event-based gateway 'EventGateway_1' neither splits nor merges (a gateway needs several "
     "incoming or several outgoing sequence flows)"},
    {"036_transaction.bpmn", 6, 5,
     "element 'Transaction_1' (bpmn:transaction) is not supported"},
    {"037_ad_hoc_sub_process.bpmn", 6, 5,
     "element 'AdHoc_1' (bpmn:adHocSubProcess) is not supported"},
    {"038_event_sub_process.bpmn", 7, 5,
     "event sub-process 'Events_1' must have exactly one start event, with a trigger (message, "
     "timer, signal, error or escalation)"},
    {"039_message_flow.bpmn", 6, 5,
     "element 'MessageFlow_1' (bpmn:messageFlow) is not supported"},
    {"040_timer_start_event.bpmn", 4, 5,
     "start event 'Start' has a timer with no timeDuration, timeDate or timeCycle"},
    {"041_error_end_event.bpmn", 7, 7,
     "end event 'End' throws an error without a code (errorRef to a bpmn:error with "
     "errorCode)"},
    {"042_standard_loop.bpmn", 7, 7,
     "standard loop (bpmn:standardLoopCharacteristics) on task 'Task_1' is not supported; use multi-instance"},
    {"043_io_specification.bpmn", 7, 7,
     "bpmn:ioSpecification on task 'Task_1' is not supported"},
    {"044_data_input_association.bpmn", 7, 7,
     "bpmn:dataInputAssociation on task 'Task_1' is not supported"},
    {"045_process_property.bpmn", 4, 5,
     "element 'Property_1' (bpmn:property) is not supported"},
    {"046_completion_quantity.bpmn", 6, 48,
     "completionQuantity=\"2\" on task 'Task_1' is not supported (only 1)"},
    {"047_start_quantity.bpmn", 6, 43,
     "startQuantity=\"0\" on task 'Task_1' is not supported (only 1)"},
    {"048_compensation_activity.bpmn", 7, 5,
     "compensation activity task 'Undo_1' is not supported"},
    {"049_script_format_groovy.bpmn", 6, 48,
     "script format 'groovy' of script task 'Task_1' is not supported (only FEEL)"},
    {"050_script_task_without_script.bpmn", 6, 5,
     "script task 'Task_1' has no script"},
    {"051_service_task_without_type.bpmn", 6, 5,
     "service task 'Task_1' has no connector type (set hall:connector, camunda:topic or zeebe:taskDefinition type)"},
    {"052_service_task_camunda_class.bpmn", 6, 50,
     "camunda:class on service task 'Task_1' is not supported; name a connector with hall:connector"},
    {"053_multi_instance_without_collection.bpmn", 7, 7,
     "multi-instance of task 'Task_1' has neither a collection nor a loop cardinality"},
    {"054_due_in_not_a_duration.bpmn", 6, 44,
     "hall:dueIn of user task 'Task_1' is not an ISO 8601 duration (like P5D): '5 days'"},
    {"055_priority_not_a_number.bpmn", 6, 47,
     "hall:priority of user task 'Task_1' must be a number or an expression, not 'high'"},
    {"056_retries_not_a_number.bpmn", 6, 75,
     "hall:retries of service task 'Task_1' must be a whole number from 0 to 1000, not 'many'"},
    {"057_candidate_groups_expression.bpmn", 6, 54,
     "hall:candidateGroups of user task 'Task_1' must be a literal, not an expression"},
    {"058_sub_process_without_end.bpmn", 6, 5,
     "sub-process 'Sub_1' has a start event but no end event"},
    {"059_gateway_neither_splits_nor_merges.bpmn", 6, 5,
     "parallel gateway 'Gateway_1' neither splits nor merges (a gateway needs several incoming or several outgoing sequence flows)"},
    {"060_single_conditional_flow.bpmn", 7, 5,
     "sequence flow 'Flow_2' is the only flow leaving task 'Task_1' and so cannot have a condition"},
    {"061_public_process.bpmn", 3, 57,
     "process 'p' is public (processType=\"Public\") and so cannot be executable"},
    {"062_is_immediate.bpmn", 5, 83,
     "isImmediate on sequence flow 'Flow_1' applies only to non-executable processes"},
    {"063_text_format_not_mime.bpmn", 4, 37,
     "textFormat 'plain' of 'p' is not a MIME type"},
    {"064_condition_language_not_uri.bpmn", 8, 43,
     "language 'my language' of 'Flow_2' is not a URI"},
    {"065_process_ref_names_task.bpmn", 4, 54,
     "processRef of 'Participant_1' names 'Start', which is a bpmn:startEvent, not a bpmn:process"},
    {"066_default_on_parallel_gateway.bpmn", 6, 46,
     "parallel gateway 'Fork' cannot have a default flow"},
    {"067_converging_gateway_splits.bpmn", 6, 5,
     "parallel gateway 'Gateway_1' is converging (gatewayDirection) but has 2 outgoing sequence flows"},
    {"068_two_event_definitions.bpmn", 8, 7,
     "multiple event definitions on end event 'End' are not supported"},
    {"069_multi_instance_data_input.bpmn", 8, 9,
     "bpmn:loopDataInputRef in multi-instance of task 'Task_1' is not supported (use hall:collection or zeebe:loopCharacteristics)"},
    {"070_flow_unknown_source.bpmn", 6, 5,
     "sequence flow 'Flow_2' comes from unknown element 'Ghost'"},
    {"071_script_does_not_compile.bpmn", 7, 31,
     "script of script task 'Task_1' does not compile: expected ')'"},
    {"072_latin1_column.bpmn", 6, 66,
     "startQuantity=\"3\" on task 'Task_1' is not supported (only 1)"},
    {"073_utf8_bom_column.bpmn", 6, 56,
     "hall:dueIn of user task 'Task_1' is not an ISO 8601 duration (like P5D): '五天'"},
    {"074_default_namespace.bpmn", 6, 5,
     "element 'Tx_1' (bpmn:transaction) is not supported"},
    {"075_bpmn2_prefix.bpmn", 7, 5,
     "sequence flow 'Flow_2' targets 'Foreign_1', which is not a flow node of process 'p'"},
};
// clang-format on

std::string invalidDir() { return std::string(HALL_SOURCE_DIR) + "/tests/fixtures/bpmn/invalid/"; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool messageMatches(const std::string& actual, const std::string& expected) {
  if (!expected.empty() && expected.back() == '*') {
    return actual.starts_with(expected.substr(0, expected.size() - 1));
  }
  return actual == expected;
}

class InvalidModel : public testing::TestWithParam<Expected> {};

TEST_P(InvalidModel, IsRefusedWithTheExpectedFirstError) {
  const Expected& expected = GetParam();
  const std::string text = slurp(invalidDir() + expected.file);
  ASSERT_FALSE(text.empty()) << "missing fixture " << expected.file;
  const ReadResult result = readBpmn(expected.file, text);
  EXPECT_TRUE(result.definitions == nullptr);
  const Diagnostic* first = nullptr;
  std::string all;
  for (const Diagnostic& d : result.diagnostics) {
    all += d.toString() + "\n";
    if (first == nullptr && d.severity == Severity::Error) first = &d;
  }
  ASSERT_NE(first, nullptr) << "no error for " << expected.file << "\n" << all;
  EXPECT_EQ(first->file, expected.file);
  EXPECT_EQ(first->line, expected.line) << all;
  EXPECT_EQ(first->column, expected.column) << all;
  EXPECT_TRUE(messageMatches(first->message, expected.message))
      << "expected: " << expected.message << "\nactual:   " << first->message;
}

std::string caseName(const testing::TestParamInfo<Expected>& info) {
  std::string name = info.param.file;
  name = name.substr(0, name.find('.'));
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return "m" + name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, InvalidModel, testing::ValuesIn(kCases), caseName);

TEST(InvalidModels, EveryFixtureOnDiskHasAnExpectation) {
  std::set<std::string> listed;
  for (const Expected& e : kCases) listed.insert(e.file);
  size_t on_disk = 0;
  for (const auto& entry : std::filesystem::directory_iterator(invalidDir())) {
    if (entry.path().extension() != ".bpmn") continue;
    ++on_disk;
    EXPECT_TRUE(listed.contains(entry.path().filename().string()))
        << entry.path().filename() << " has no row in kCases";
  }
  EXPECT_EQ(on_disk, listed.size());
  EXPECT_GE(on_disk, 45u);
}

TEST(InvalidModels, DiagnosticsNameTheElement) {
  const ReadResult result =
      readBpmn("005_duplicate_id.bpmn", slurp(invalidDir() + "005_duplicate_id.bpmn"));
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics[0].element_id, "Task_1");
  EXPECT_EQ(result.diagnostics[0].toString(),
            "005_duplicate_id.bpmn:8:5: error: duplicate id 'Task_1' (first defined at 6:5)");
}

}  // namespace
}  // namespace wf::bpmn
