// The betsy BPMN conformance models (../shared/conformance/betsy): every
// model under invalid/ breaks one rule of BPMN 2.0 and must be refused with
// an error that names a line; none may crash the reader. Models under valid/
// are either accepted or refused with a diagnostic (unsupported elements);
// the counts are printed so changes in coverage show up in the test log.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bpmn/bpmn_reader.h"

namespace wf::bpmn {
namespace {

namespace fs = std::filesystem;

const fs::path kBetsy = fs::path(HALL_CONFORMANCE_DIR) / "betsy";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<fs::path> modelsUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".bpmn") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string render(const ReadResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += "  " + d.toString() + "\n";
  return out;
}

// For the rules the validator checks itself (rather than refusing the whole
// construct as unsupported), the reason it must give, by folder. Alternatives
// are separated by '|'.
const std::map<std::string, std::string> kExpectedReason = {
    {"EXT002", "duplicate id"},
    {"EXT003", "has no id"},
    {"EXT004", "is not a MIME type"},
    {"EXT006", "which is not a flow node"},
    {"EXT007", "which is not a flow node"},
    {"EXT010", "is not a MIME type"},
    {"EXT014", "is not a URI"},
    {"EXT018", "is diverging (gatewayDirection)"},
    {"EXT019", "is mixed (gatewayDirection)"},
    {"EXT022", "event sub-process"},
    {"EXT023", "lists incoming flow"},
    {"EXT024", "isImmediate"},
    {"EXT025", "cannot have a condition"},
    {"EXT026", "does not list its incoming"},
    {"EXT035", "processType=\"Public\""},
    {"EXT038", "completionQuantity"},
    {"EXT041", "standardLoopCharacteristics"},
    {"EXT096", "has incoming sequence flow"},
    {"EXT097", "has no start event"},
    {"EXT098", "start event '_2' with|multiple event definitions on start event '_2'"},
    {"EXT105", "has a start event but no end event"},
    {"EXT107", "does not list its incoming"},
    {"EXT135", "neither splits nor merges|has no outgoing sequence flow"},
    {"EXT145", "script format 'INVALID'"},
    {"EXT146", "end event '_3' with|multiple event definitions on end event '_3'"},
    {"EXT152", "crosses a sub-process boundary"},
};

bool mentions(const ReadResult& result, const std::string& alternatives) {
  size_t start = 0;
  while (start <= alternatives.size()) {
    size_t bar = alternatives.find('|', start);
    if (bar == std::string::npos) bar = alternatives.size();
    const std::string wanted = alternatives.substr(start, bar - start);
    for (const Diagnostic& d : result.diagnostics) {
      if (d.severity == Severity::Error && d.message.find(wanted) != std::string::npos) return true;
    }
    start = bar + 1;
  }
  return false;
}

TEST(BetsyConformance, EveryInvalidModelIsRefusedWithALocatedError) {
  if (!fs::exists(kBetsy / "invalid")) {
    GTEST_SKIP() << "the betsy conformance folder is absent: " << kBetsy;
  }
  size_t refused = 0;
  const std::vector<fs::path> models = modelsUnder(kBetsy / "invalid");
  ASSERT_FALSE(models.empty());
  for (const fs::path& path : models) {
    const std::string name = fs::relative(path, kBetsy / "invalid").string();
    const ReadResult result = readBpmn(name, slurp(path));
    const bool located_error =
        std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& d) {
          return d.severity == Severity::Error && d.line > 0 && d.column > 0;
        });
    EXPECT_TRUE(result.definitions == nullptr) << name << " was accepted";
    EXPECT_TRUE(located_error) << name << " has no located error\n" << render(result);
    if (result.definitions == nullptr && located_error) ++refused;
    const std::string folder = name.substr(0, name.find('/'));
    if (auto it = kExpectedReason.find(folder); it != kExpectedReason.end()) {
      EXPECT_TRUE(mentions(result, it->second))
          << name << " refused for another reason than '" << it->second << "'\n"
          << render(result);
    }
  }
  std::cout << "[betsy] invalid refused " << refused << "/" << models.size() << "\n";
}

TEST(BetsyConformance, ValidModelsAreAcceptedOrRefusedWithADiagnostic) {
  if (!fs::exists(kBetsy / "valid")) {
    GTEST_SKIP() << "the betsy conformance folder is absent: " << kBetsy;
  }
  std::vector<std::string> accepted;
  std::vector<std::string> refused;
  for (const fs::path& path : modelsUnder(kBetsy / "valid")) {
    const std::string name = fs::relative(path, kBetsy / "valid").string();
    const ReadResult result = readBpmn(name, slurp(path));
    if (result.definitions != nullptr) {
      accepted.push_back(name);
      EXPECT_FALSE(result.definitions->processes.empty()) << name;
      for (const model::Process& p : result.definitions->processes) {
        // Started by a none start event, or by its message, signal or timer.
        EXPECT_TRUE(p.start_event >= 0 || !p.event_starts.empty()) << name;
      }
    } else {
      refused.push_back(name);
      const bool located_error = std::any_of(
          result.diagnostics.begin(), result.diagnostics.end(),
          [](const Diagnostic& d) { return d.severity == Severity::Error && d.line > 0; });
      EXPECT_TRUE(located_error) << name << " refused without a located error\n" << render(result);
    }
  }
  std::cout << "[betsy] valid accepted " << accepted.size() << ", refused " << refused.size()
            << "\n";
  for (const std::string& name : accepted) std::cout << "[betsy]   accepted " << name << "\n";
  // The plain control-flow models need nothing the engine lacks.
  for (const char* must :
       {"basics/Lanes.bpmn", "basics/Participant.bpmn", "cfpatterns/WCP01_Sequence.bpmn",
        "cfpatterns/WCP03_Synchronization.bpmn", "gateways/ParallelGateway.bpmn",
        "activities/SubProcess.bpmn", "activities/MultiInstance_Sequential.bpmn"}) {
    EXPECT_NE(std::find(accepted.begin(), accepted.end(), must), accepted.end())
        << must << " should be accepted";
  }
}

}  // namespace
}  // namespace wf::bpmn
