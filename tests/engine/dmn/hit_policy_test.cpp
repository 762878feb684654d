// Decision tables, one fixture per hit policy (tests/fixtures/dmn/): which
// rules match, how the hit policy combines them, and the errors it raises.
#include <gtest/gtest.h>

#include "dmn/decision_evaluator.h"
#include "engine/dmn/dmn_test_support.h"

namespace wf::dmn::test {
namespace {

struct Case {
  const char* inputs;
  const char* expected;  // JSON, or the start of "error: ..."
};

void expectAll(const std::string& fixture, std::string_view decision,
               const std::vector<Case>& cases) {
  auto model = loadFixture(fixture);
  ASSERT_NE(model, nullptr);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.inputs);
    const std::string got = decide(*model, decision, c.inputs);
    if (std::string_view(c.expected).starts_with("error: ")) {
      EXPECT_TRUE(got.starts_with(c.expected)) << got;
    } else {
      EXPECT_EQ(got, c.expected);
    }
  }
}

TEST(HitPolicyUnique, GivesTheOneMatchingRuleAndRefusesSeveral) {
  expectAll("unique.dmn", "Age Group",
            {
                {R"({"age": 10})", R"("minor")"},
                {R"({"age": 18})", R"("adult")"},
                {R"({"age": 70})", R"("senior")"},
                {R"({"age": 62})",
                 "error: decision 'Age Group' (d_unique): decision table 'd_unique_table': hit "
                 "policy UNIQUE but 2 rules match: d_unique_r2, d_unique_r3"},
                {R"({})", "null"},
                {R"({"age": null})", "null"},
            });
}

TEST(HitPolicyFirst, TakesTheFirstMatchInRuleOrderOrTheDefault) {
  expectAll("first.dmn", "d_first",
            {
                {R"({"age": 8})", "50"},
                {R"({"age": 15})", "20"},
                {R"({"age": 25})", "10"},
                {R"({"age": 70})", "30"},
                {R"({"age": 40})", "0"},
            });
}

TEST(HitPolicyPriority, TakesTheOutputThatComesFirstInTheOutputValues) {
  expectAll("priority.dmn", "Risk",
            {
                {R"({"age": 10})", R"("high")"},
                {R"({"age": 20})", R"("medium")"},
                {R"({"age": 85})", R"("medium")"},
                {R"({"age": 40})", R"("low")"},
            });
}

TEST(HitPolicyAny, AcceptsSeveralMatchesWithEqualOutputsOnly) {
  expectAll("any.dmn", "Needs Guardian",
            {
                {R"({"age": 10})", "true"},
                {R"({"age": 16})", "true"},
                {R"({"age": 40})", "false"},
                {R"({"age": 95})", "true"},
                {R"({"age": 101})",
                 "error: decision 'Needs Guardian' (d_any): decision table 'd_any_table': hit "
                 "policy ANY but rules 'd_any_r3' and 'd_any_r4' match with different outputs "
                 "true and false"},
            });
}

TEST(HitPolicyRuleOrder, ListsEveryMatchInRuleOrder) {
  expectAll("rule_order.dmn", "Stamps",
            {
                {R"({"age": 70})", R"(["adult","senior","visitor"])"},
                {R"({"age": 12})", R"(["minor","visitor"])"},
            });
}

TEST(HitPolicyOutputOrder, ListsEveryMatchByOutputValuesKeepingRuleOrderForTies) {
  expectAll(
      "output_order.dmn", "Queues",
      {
          {R"({"age": 85})",
           R"([{"queue":"vip","reason":"very elderly"},{"queue":"priority","reason":"elderly"},)"
           R"({"queue":"general","reason":"everyone"}])"},
          {R"({"age": 3})",
           R"([{"queue":"priority","reason":"child"},{"queue":"general","reason":"everyone"}])"},
          {R"({"age": 30})", R"([{"queue":"general","reason":"everyone"}])"},
      });
}

TEST(HitPolicyCollect, ListsMatchesOrAggregatesThem) {
  expectAll("collect.dmn", "Bonuses",
            {{R"({"age": 4})", "[100,200,200]"}, {R"({"age": 0})", "null"}});
  expectAll("collect.dmn", "Bonus Sum",
            {{R"({"age": 4})", "500"}, {R"({"age": 6})", "1000"}, {R"({"age": 0})", "null"}});
  expectAll("collect.dmn", "Bonus Min", {{R"({"age": 4})", "100"}, {R"({"age": 0})", "null"}});
  expectAll("collect.dmn", "Bonus Max", {{R"({"age": 4})", "200"}, {R"({"age": 6})", "500"}});
  // COUNT counts the matching rules, equal outputs too.
  expectAll("collect.dmn", "Bonus Count",
            {{R"({"age": 4})", "3"}, {R"({"age": 6})", "4"}, {R"({"age": 0})", "0"}});
}

TEST(DecisionTableOutputs, SeveralOutputsMakeAContextAndDefaultsFillNoMatch) {
  expectAll("multi_output.dmn", "Fee",
            {
                {R"({"age": 12, "pages": 3})", R"({"amount":0,"currency":"CNY"})"},
                {R"({"age": 30, "pages": 4})", R"({"amount":8,"currency":"CNY"})"},
                {R"({"age": 30, "pages": 11})", R"({"amount":31,"currency":"USD"})"},
                // No rule matches a missing age: both defaults.
                {R"({"pages": 11})", R"({"amount":10,"currency":"CNY"})"},
            });
}

TEST(DecisionTableInputs, AValueOutsideTheInputValuesIsAnError) {
  expectAll("camunda_dmn11.dmn", "dish",
            {
                {R"({"season": "Winter", "guestCount": 20})", R"("Roastbeef")"},
                {R"({"season": "Summer", "guestCount": 4})", R"("Spareribs")"},
                {R"({"season": "Summer", "guestCount": 9})", R"("Stew")"},
                {R"({"season": "Monsoon", "guestCount": 9})",
                 "error: decision 'Dish' (dish): decision table 'dish_table': input 'Season' is "
                 "\"Monsoon\", not one of its input values"},
            });
}

TEST(DecisionTableInputs, ATypeErrorInAnInputEntryNamesTheRule) {
  expectAll("unique.dmn", "Age Group",
            {{R"({"age": "ten"})",
              "error: decision 'Age Group' (d_unique): decision table 'd_unique_table': rule "
              "'d_unique_r1': input entry for 'age': type error"}});
}

}  // namespace
}  // namespace wf::dmn::test
