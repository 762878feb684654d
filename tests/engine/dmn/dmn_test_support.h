// Helpers shared by the DMN tests: read a fixture model, evaluate with
// inputs written as JSON, show values with their kind.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "dmn/decision_evaluator.h"
#include "dmn/dmn_reader.h"
#include "support/fixtures.h"

namespace wf::dmn::test {

inline std::shared_ptr<const DmnModel> loadFixture(const std::string& name) {
  const std::string path = "dmn/" + name;
  ReadDmnResult read = readDmn(path, hall::test::fixture(path));
  for (const Diagnostic& d : read.diagnostics) {
    ADD_FAILURE() << d.toString();
  }
  return read.model;
}

inline Value json(const std::string& text) {
  std::string error;
  std::optional<Value> v = Value::parseJson(text, &error);
  EXPECT_TRUE(v.has_value()) << text << ": " << error;
  return v ? *v : Value();
}

// The result as JSON, or "error: <message>", so that one EXPECT_EQ checks both.
inline std::string decide(const DmnModel& model, std::string_view decision,
                          const std::string& inputs) {
  Result<Value> r = evaluateDecision(model, decision, json(inputs));
  if (!r.ok()) {
    return "error: " + r.status().message();
  }
  return r->toJson();
}

}  // namespace wf::dmn::test
