// The DMN TCK compliance-level-2 cases in ../shared/conformance/dmn-tck:
// every `*-test-NN.xml` (schema testCases.xsd there) names a model, input
// values and the expected result of one or more decisions. A test case
// passes when every result matches (numbers within a small relative
// tolerance, since they are doubles here). The test fails when fewer cases
// pass than the count reached so far, and lists every failure with its reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <regex>
#include <string>
#include <vector>

#include "dmn/decision_evaluator.h"
#include "dmn/dmn_reader.h"
#include "support/fixtures.h"

namespace wf::dmn::test {
namespace {

namespace fs = std::filesystem;

// Raise this when more cases pass; it may never go down.
constexpr int kMinPassed = 82;

std::string_view localName(pugi::xml_node node) {
  const std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::vector<pugi::xml_node> children(pugi::xml_node parent, std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : parent.children()) {
    if (c.type() == pugi::node_element && localName(c) == local) {
      out.push_back(c);
    }
  }
  return out;
}

pugi::xml_node child(pugi::xml_node parent, std::string_view local) {
  const auto all = children(parent, local);
  return all.empty() ? pugi::xml_node() : all.front();
}

pugi::xml_attribute xsiAttribute(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a : node.attributes()) {
    const std::string_view name = a.name();
    if (name.ends_with(":" + std::string(local))) {
      return a;
    }
  }
  return {};
}

// A `value` element as a Value, by its xsi:type.
Result<Value> scalar(pugi::xml_node value) {
  if (std::string_view(xsiAttribute(value, "nil").value()) == "true") {
    return Value();
  }
  std::string_view type = xsiAttribute(value, "type").value();
  if (const size_t colon = type.find(':'); colon != std::string_view::npos) {
    type.remove_prefix(colon + 1);
  }
  const std::string text = value.child_value();
  if (type == "decimal" || type == "double" || type == "float" || type == "integer" ||
      type == "int" || type == "long" || type == "short") {
    return Value(std::stod(text));
  }
  if (type == "boolean") {
    return Value(text == "true");
  }
  if (type == "string" || type.empty()) {
    return Value(text);
  }
  if (type == "date") {
    if (auto d = parseDate(text)) {
      return Value(*d);
    }
  } else if (type == "dateTime") {
    if (auto dt = parseDateTime(text)) {
      return Value(*dt);
    }
  } else if (type == "duration" || type == "dayTimeDuration" || type == "yearMonthDuration") {
    if (auto du = parseDuration(text)) {
      return Value(*du);
    }
  }
  return Status::invalid("unsupported value of type '" + std::string(type) + "': " + text);
}

// A valueType element (inputNode, expected, component, item): one value, a
// list, or components making a context.
Result<Value> valueOf(pugi::xml_node node) {
  if (pugi::xml_node v = child(node, "value")) {
    return scalar(v);
  }
  if (pugi::xml_node list = child(node, "list")) {
    if (std::string_view(xsiAttribute(list, "nil").value()) == "true") {
      return Value();
    }
    Array items;
    for (pugi::xml_node item : children(list, "item")) {
      ASSIGN_OR_RETURN(Value v, valueOf(item));
      items.push_back(std::move(v));
    }
    return Value(std::move(items));
  }
  const auto components = children(node, "component");
  if (components.empty()) {
    if (std::string_view(xsiAttribute(node, "nil").value()) == "true") {
      return Value();
    }
    return Status::invalid("no value, list or component in <" + std::string(node.name()) + ">");
  }
  Object object;
  for (pugi::xml_node c : components) {
    ASSIGN_OR_RETURN(Value v, valueOf(c));
    object.emplace(c.attribute("name").value(), std::move(v));
  }
  return Value(std::move(object));
}

bool matches(const Value& expected, const Value& actual) {
  if (expected.isNumber() && actual.isNumber()) {
    const double e = expected.asNumber();
    const double a = actual.asNumber();
    return std::fabs(e - a) <= 1e-9 * std::max({1.0, std::fabs(e), std::fabs(a)});
  }
  if (expected.isArray() && actual.isArray()) {
    const Array& e = expected.asArray();
    const Array& a = actual.asArray();
    if (e.size() != a.size()) {
      return false;
    }
    for (size_t i = 0; i < e.size(); ++i) {
      if (!matches(e[i], a[i])) {
        return false;
      }
    }
    return true;
  }
  if (expected.isObject() && actual.isObject()) {
    const Object& e = expected.asObject();
    const Object& a = actual.asObject();
    if (e.size() != a.size()) {
      return false;
    }
    for (const auto& [key, value] : e) {
      const Value* other = actual.find(key);
      if (other == nullptr || !matches(value, *other)) {
        return false;
      }
    }
    return true;
  }
  return expected == actual;
}

struct Outcome {
  int total = 0;
  int passed = 0;
  std::vector<std::string> failures;
};

// Runs one test file; `model` is null when the model was refused, with the
// reason in `model_error`.
void runTestFile(const fs::path& path, const DmnModel* model, const std::string& model_error,
                 Outcome& outcome) {
  pugi::xml_document doc;
  const std::string name = path.parent_path().filename().string() + "/" + path.filename().string();
  if (!doc.load_file(path.c_str())) {
    outcome.failures.push_back(name + ": cannot parse the test file");
    ++outcome.total;
    return;
  }
  for (pugi::xml_node test_case : children(doc.document_element(), "testCase")) {
    ++outcome.total;
    const std::string case_name = name + "#" + test_case.attribute("id").value();
    if (model == nullptr) {
      outcome.failures.push_back(case_name + ": model refused: " + model_error);
      continue;
    }
    Object inputs;
    std::string failure;
    for (pugi::xml_node input : children(test_case, "inputNode")) {
      Result<Value> v = valueOf(input);
      if (!v.ok()) {
        failure =
            "input '" + std::string(input.attribute("name").value()) + "': " + v.status().message();
        break;
      }
      inputs.emplace(input.attribute("name").value(), std::move(*v));
    }
    const Value input_value(std::move(inputs));
    for (pugi::xml_node result : children(test_case, "resultNode")) {
      if (!failure.empty()) {
        break;
      }
      const std::string decision = result.attribute("name").value();
      const bool error_expected = result.attribute("errorResult").as_bool(false);
      Result<Value> actual = evaluateDecision(*model, decision, input_value);
      if (error_expected) {
        if (actual.ok()) {
          failure = decision + ": expected an error, got " + actual->toJson();
        }
        continue;
      }
      Result<Value> expected = valueOf(child(result, "expected"));
      if (!expected.ok()) {
        failure = decision + ": expected value: " + expected.status().message();
      } else if (!actual.ok()) {
        failure = decision + ": " + actual.status().message();
      } else if (!matches(*expected, *actual)) {
        failure = decision + ": expected " + expected->toJson() + ", got " + actual->toJson();
      }
    }
    if (failure.empty()) {
      ++outcome.passed;
    } else {
      outcome.failures.push_back(case_name + ": " + failure);
    }
  }
}

TEST(DmnTck, ComplianceLevel2CasesPass) {
  const fs::path root = fs::path(HALL_CONFORMANCE_DIR) / "dmn-tck";
  if (!fs::is_directory(root)) {
    GTEST_SKIP() << "the DMN TCK cases are not here: " << root.string();
  }
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(root)) {
    if (e.is_directory()) {
      folders.push_back(e.path());
    }
  }
  std::sort(folders.begin(), folders.end());
  const std::regex test_file(R"(.*-test-\d+\.xml)");

  Outcome outcome;
  for (const fs::path& folder : folders) {
    std::vector<fs::path> tests;
    for (const auto& e : fs::directory_iterator(folder)) {
      if (std::regex_match(e.path().filename().string(), test_file)) {
        tests.push_back(e.path());
      }
    }
    std::sort(tests.begin(), tests.end());
    std::map<std::string, ReadDmnResult> models;  // by model file name
    for (const fs::path& test : tests) {
      pugi::xml_document doc;
      std::string model_file;
      if (doc.load_file(test.c_str())) {
        model_file = child(doc.document_element(), "modelName").child_value();
      }
      if (model_file.empty()) {
        model_file = folder.filename().string() + ".dmn";
      }
      auto it = models.find(model_file);
      if (it == models.end()) {
        const fs::path model_path = folder / model_file;
        it = models
                 .emplace(model_file,
                          readDmn(model_path.string(), hall::test::readFile(model_path.string())))
                 .first;
      }
      std::string model_error;
      for (const Diagnostic& d : it->second.diagnostics) {
        if (d.severity == Severity::Error) {
          model_error += (model_error.empty() ? "" : "; ") + d.toString();
        }
      }
      runTestFile(test, it->second.model.get(), model_error, outcome);
    }
  }

  std::cout << outcome.passed << " of " << outcome.total << " TCK test cases passed\n";
  for (const std::string& f : outcome.failures) {
    std::cout << "  FAILED " << f << "\n";
  }
  EXPECT_GT(outcome.total, 0);
  EXPECT_GE(outcome.passed, kMinPassed) << "fewer DMN TCK cases pass than before";
}

}  // namespace
}  // namespace wf::dmn::test
