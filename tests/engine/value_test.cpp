// Tests for wf::Value: equality, JSON round trips and rejections, and the
// ISO 8601 forms of dates, date-times and durations.
#include "wf/value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace wf {
namespace {

TEST(Value, FindReturnsMemberOfObjectAndNullptrOtherwise) {
  const Value o(Object{{"a", 1}, {"b", "x"}});
  ASSERT_NE(o.find("a"), nullptr);
  EXPECT_EQ(*o.find("a"), Value(1));
  EXPECT_EQ(o.find("c"), nullptr);
  EXPECT_EQ(Value(3).find("a"), nullptr);
  EXPECT_EQ(Value(Array{1}).find("a"), nullptr);
}

TEST(Value, EqualityIsDeepAndComparesNumbersByValue) {
  EXPECT_EQ(Value(1), Value(1.0));
  EXPECT_EQ(Value(int64_t{5}), Value(5.0));
  EXPECT_NE(Value(1), Value("1"));
  EXPECT_NE(Value(), Value(false));
  EXPECT_EQ(Value(), Value(nullptr));
  EXPECT_EQ(Value(Array{1, "a", Object{{"k", Array{true}}}}),
            Value(Array{1.0, "a", Object{{"k", Array{true}}}}));
  EXPECT_NE(Value(Array{1, 2}), Value(Array{1}));
  EXPECT_NE(Value(Object{{"a", 1}}), Value(Object{{"a", 1}, {"b", 2}}));
  EXPECT_NE(Value(Object{{"a", 1}}), Value(Object{{"a", 2}}));
  EXPECT_EQ(Value(Date{3}), Value(Date{3}));
  EXPECT_NE(Value(Date{3}), Value(Date{4}));
  EXPECT_EQ(Value(Duration{1, 2, 0}), Value(Duration{1, 2, 0}));
  EXPECT_NE(Value(Duration{0, 0, 5}), Value(Duration{0, 0, 4}));
}

TEST(Value, DateTimesAreEqualWhenTheyDenoteTheSameInstant) {
  const auto a = parseDateTime("2026-10-01T08:30:00+08:00");
  const auto b = parseDateTime("2026-10-01T00:30:00Z");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(Value(*a), Value(*b));
}

TEST(ValueJson, WritesCompactJson) {
  const Value v(Object{{"b", Array{1, 2.5, true, nullptr}}, {"a", "x"}});
  EXPECT_EQ(v.toJson(), R"({"a":"x","b":[1,2.5,true,null]})");
  EXPECT_EQ(Value(Array{}).toJson(), "[]");
  EXPECT_EQ(Value(Object{}).toJson(), "{}");
}

TEST(ValueJson, WritesNumbers) {
  struct Case {
    double in;
    const char* out;
  };
  const Case cases[] = {
      {3, "3"},
      {-3, "-3"},
      {0, "0"},
      {0.1, "0.1"},
      {1.0 / 3, "0.3333333333333333"},
      {9007199254740992.0, "9007199254740992"},
      {1e300, "1e+300"},
      {-2.5e-7, "-2.5e-07"},
      {std::numeric_limits<double>::quiet_NaN(), "null"},
      {std::numeric_limits<double>::infinity(), "null"},
      {-std::numeric_limits<double>::infinity(), "null"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Value(c.in).toJson(), c.out) << c.in;
  }
}

TEST(ValueJson, EscapesStringsAndPassesUtf8Through) {
  EXPECT_EQ(Value("a\"b\\c").toJson(), R"("a\"b\\c")");
  EXPECT_EQ(Value("\n\r\t\b\f").toJson(), R"("\n\r\t\b\f")");
  EXPECT_EQ(Value(std::string("\x01\x1f", 2)).toJson(), R"("\u0001\u001f")");
  EXPECT_EQ(Value(std::string("a\0b", 3)).toJson(), R"("a\u0000b")");
  EXPECT_EQ(Value("政务服务").toJson(), "\"政务服务\"");
  EXPECT_EQ(Value("a/b").toJson(), "\"a/b\"");
}

TEST(ValueJson, WritesTemporalKindsAsIsoStrings) {
  EXPECT_EQ(Value(*parseDate("2026-10-01")).toJson(), "\"2026-10-01\"");
  EXPECT_EQ(Value(*parseDateTime("2026-10-01T08:30:00+08:00")).toJson(),
            "\"2026-10-01T08:30:00+08:00\"");
  EXPECT_EQ(Value(*parseDuration("P5WD")).toJson(), "\"P5WD\"");
}

TEST(ValueJson, ParsesEveryKind) {
  std::string error;
  const auto v = Value::parseJson(
      R"( { "a" : [1, -2.5e2, true, false, null], "b": {"c": "d"}, "e": 0 } )", &error);
  ASSERT_TRUE(v.has_value()) << error;
  EXPECT_EQ(*v,
            Value(Object{
                {"a", Array{1, -250, true, false, nullptr}}, {"b", Object{{"c", "d"}}}, {"e", 0}}));
}

TEST(ValueJson, ParsesEscapesIncludingSurrogatePairs) {
  struct Case {
    const char* in;
    std::string out;
  };
  const Case cases[] = {
      {R"("\"\\\/\b\f\n\r\t")", "\"\\/\b\f\n\r\t"},
      {R"("\u0041\u00e9")", "A\xC3\xA9"},
      {R"("\u4E2D")", "中"},
      {R"("\ud83d\ude00")", "\xF0\x9F\x98\x80"},
      {R"("\u0000")", std::string("\0", 1)},
      {"\"中文\"", "中文"},
  };
  for (const Case& c : cases) {
    std::string error;
    const auto v = Value::parseJson(c.in, &error);
    ASSERT_TRUE(v.has_value()) << c.in << ": " << error;
    EXPECT_EQ(v->asString(), c.out) << c.in;
  }
}

TEST(ValueJson, RoundTripsThroughText) {
  const char* texts[] = {
      R"({"a":[1,2.5,"x\n\u0001"],"b":{"c":null,"d":false},"e":"中"})",
      R"([[[[]]],{},-0.001,1e+300,123456789012])",
      R"("\u001f")",
  };
  for (const char* text : texts) {
    std::string error;
    const auto v = Value::parseJson(text, &error);
    ASSERT_TRUE(v.has_value()) << text << ": " << error;
    EXPECT_EQ(v->toJson(), text);
    const auto again = Value::parseJson(v->toJson());
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, *v);
  }
}

TEST(ValueJson, RejectsMalformedTextWithOffset) {
  struct Case {
    const char* in;
    const char* error;
  };
  const Case cases[] = {
      {"", "at offset 0: unexpected end of input"},
      {"[1,2,]", "at offset 5: trailing comma"},
      {R"({"a":1,})", "at offset 7: trailing comma"},
      {R"({"a" 1})", "at offset 5: expected ':'"},
      {R"({a:1})", "at offset 1: expected string key"},
      {R"("\x")", "at offset 2: bad escape"},
      {R"("\u12")", R"(at offset 5: bad \u escape)"},
      {R"("\ud83d")", "at offset 7: unpaired surrogate"},
      {R"("\ude00")", "at offset 7: unpaired surrogate"},
      {"\"a\nb\"", "at offset 2: control character in string"},
      {"\"abc", "at offset 4: unterminated string"},
      {"01", "at offset 1: leading zero in number"},
      {"1.", "at offset 2: expected digit after '.'"},
      {"1e", "at offset 2: expected digit in exponent"},
      {"+1", "at offset 0: unexpected character '+'"},
      {"-", "at offset 1: expected digit"},
      {"NaN", "at offset 0: unexpected character 'N'"},
      {"tru", "at offset 0: invalid literal"},
      {"1 2", "at offset 2: unexpected trailing characters"},
      {"[1 2]", "at offset 3: expected ',' or ']'"},
      {"[1", "at offset 2: unexpected end of input"},
      {"'a'", "at offset 0: unexpected character '''"},
      {"\"\xC3\"", "at offset 1: invalid UTF-8"},
      {"\"\xFF\"", "at offset 1: invalid UTF-8"},
      {"1e999", "at offset 0: number out of range"},
  };
  for (const Case& c : cases) {
    std::string error;
    EXPECT_FALSE(Value::parseJson(c.in, &error).has_value()) << c.in;
    EXPECT_EQ(error, c.error) << c.in;
  }
}

TEST(ValueJson, EnforcesNestingDepthLimit) {
  const std::string ok = std::string(256, '[') + std::string(256, ']');
  EXPECT_TRUE(Value::parseJson(ok).has_value());
  const std::string deep = std::string(257, '[') + std::string(257, ']');
  std::string error;
  EXPECT_FALSE(Value::parseJson(deep, &error).has_value());
  EXPECT_EQ(error, "at offset 256: nesting deeper than 256");
  std::string objects;
  for (int i = 0; i < 300; ++i) objects += "{\"a\":";
  objects += "1" + std::string(300, '}');
  EXPECT_FALSE(Value::parseJson(objects).has_value());
}

TEST(ValueJson, DuplicateKeysKeepTheLastMember) {
  const auto v = Value::parseJson(R"({"a":1,"a":2})");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v->find("a"), Value(2));
}

TEST(ValueKindName, NamesEveryKind) {
  EXPECT_STREQ(valueKindName(ValueKind::Null), "null");
  EXPECT_STREQ(valueKindName(ValueKind::Bool), "boolean");
  EXPECT_STREQ(valueKindName(ValueKind::Number), "number");
  EXPECT_STREQ(valueKindName(ValueKind::String), "string");
  EXPECT_STREQ(valueKindName(ValueKind::Array), "list");
  EXPECT_STREQ(valueKindName(ValueKind::Object), "context");
  EXPECT_STREQ(valueKindName(ValueKind::Date), "date");
  EXPECT_STREQ(valueKindName(ValueKind::DateTime), "date and time");
  EXPECT_STREQ(valueKindName(ValueKind::Duration), "duration");
}

TEST(Temporal, ParsesDatesAsDaysSinceEpoch) {
  EXPECT_EQ(parseDate("1970-01-01")->days, 0);
  EXPECT_EQ(parseDate("1970-01-02")->days, 1);
  EXPECT_EQ(parseDate("1969-12-31")->days, -1);
  EXPECT_EQ(parseDate("2000-03-01")->days - parseDate("2000-02-28")->days, 2);  // leap year
  EXPECT_EQ(parseDate("1900-03-01")->days - parseDate("1900-02-28")->days, 1);  // not leap
  EXPECT_EQ(formatDate(*parseDate("2026-10-01")), "2026-10-01");
  EXPECT_EQ(formatDate(Date{-1}), "1969-12-31");
}

TEST(Temporal, RejectsBadDates) {
  for (const char* text : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-01x",
                           "26-01-01", "", "2026/01/01", "2024-02-30"}) {
    EXPECT_FALSE(parseDate(text).has_value()) << text;
  }
  EXPECT_TRUE(parseDate("2024-02-29").has_value());
}

TEST(Temporal, ParsesDateTimesWithOffsetsAndFractions) {
  const auto utc = parseDateTime("2026-10-01T00:30:00Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(utc->epoch_millis, int64_t{parseDate("2026-10-01")->days} * 86400000 + 30 * 60000);
  EXPECT_TRUE(utc->has_offset);
  EXPECT_EQ(utc->offset_minutes, 0);

  const auto east = parseDateTime("2026-10-01T08:30:00+08:00");
  ASSERT_TRUE(east);
  EXPECT_EQ(east->epoch_millis, utc->epoch_millis);
  EXPECT_EQ(east->offset_minutes, 480);

  const auto west = parseDateTime("2026-09-30T19:00:00-05:30");
  ASSERT_TRUE(west);
  EXPECT_EQ(west->epoch_millis, utc->epoch_millis);
  EXPECT_EQ(west->offset_minutes, -330);

  const auto frac = parseDateTime("2026-10-01T00:30:00.25Z");
  ASSERT_TRUE(frac);
  EXPECT_EQ(frac->epoch_millis - utc->epoch_millis, 250);

  const auto local = parseDateTime("2026-10-01T00:30:00");
  ASSERT_TRUE(local);
  EXPECT_FALSE(local->has_offset);
  EXPECT_EQ(local->epoch_millis, utc->epoch_millis);
}

TEST(Temporal, FormatsDateTimesInTheirOwnOffset) {
  const char* texts[] = {"2026-10-01T08:30:00+08:00", "2026-10-01T00:30:00Z",
                         "2026-09-30T19:00:00-05:30", "2026-10-01T00:30:00.250Z",
                         "2026-10-01T00:30:00",       "1969-12-31T23:59:59.999Z"};
  for (const char* text : texts) {
    const auto dt = parseDateTime(text);
    ASSERT_TRUE(dt) << text;
    EXPECT_EQ(formatDateTime(*dt), text);
  }
  EXPECT_EQ(formatDateTime(*parseDateTime("2026-10-01T00:30:00+00:00")), "2026-10-01T00:30:00Z");
}

TEST(Temporal, RejectsBadDateTimes) {
  for (const char* text :
       {"2026-10-01", "2026-10-01T24:00:00Z", "2026-10-01T08:30Z", "2026-10-01T08:60:00",
        "2026-10-01T08:30:00+8:00", "2026-10-01T08:30:00+08", "2026-10-01 08:30:00",
        "2026-10-01T08:30:00.Z", "2026-10-01T08:30:00Zx"}) {
    EXPECT_FALSE(parseDateTime(text).has_value()) << text;
  }
}

TEST(Temporal, ParsesDurations) {
  struct Case {
    const char* in;
    Duration out;
  };
  const int64_t h = 3600000;
  const Case cases[] = {
      {"P1Y2M", {14, 0, 0}},
      {"P3DT4H5M6.5S", {0, 3 * 24 * h + 4 * h + 5 * 60000 + 6500, 0}},
      {"-P1D", {0, -24 * h, 0}},
      {"P5WD", {0, 0, 5}},
      {"-P2WD", {0, 0, -2}},
      {"PT5M", {0, 5 * 60000, 0}},
      {"P2W", {0, 14 * 24 * h, 0}},
      {"PT0S", {0, 0, 0}},
      {"P1Y2DT3H", {12, 2 * 24 * h + 3 * h, 0}},
      {"PT0.001S", {0, 1, 0}},
  };
  for (const Case& c : cases) {
    const auto d = parseDuration(c.in);
    ASSERT_TRUE(d.has_value()) << c.in;
    EXPECT_EQ(*d, c.out) << c.in;
  }
}

TEST(Temporal, RejectsBadDurations) {
  for (const char* text : {"", "P", "PT", "P1", "1D", "P1D2Y", "P1DT", "P5WD1D", "P1Y5WD", "PT1.5M",
                           "P1.5D", "P-1D", "p1d", "P1DT1H1H", "P1M1Y"}) {
    EXPECT_FALSE(parseDuration(text).has_value()) << text;
  }
}

TEST(Temporal, FormatsDurationsCanonically) {
  struct Case {
    Duration in;
    const char* out;
  };
  const int64_t h = 3600000;
  const Case cases[] = {
      {{14, 0, 0}, "P1Y2M"},
      {{12, 0, 0}, "P1Y"},
      {{2, 0, 0}, "P2M"},
      {{0, 0, 0}, "PT0S"},
      {{0, 3 * 24 * h + 4 * h + 5 * 60000 + 6500, 0}, "P3DT4H5M6.5S"},
      {{0, -24 * h, 0}, "-P1D"},
      {{-14, 0, 0}, "-P1Y2M"},
      {{0, 5 * 60000, 0}, "PT5M"},
      {{0, 0, 5}, "P5WD"},
      {{0, 0, -5}, "-P5WD"},
      {{0, 90 * 60000, 0}, "PT1H30M"},
      {{0, 250, 0}, "PT0.25S"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(formatDuration(c.in), c.out);
    const auto back = parseDuration(c.out);
    ASSERT_TRUE(back.has_value()) << c.out;
    EXPECT_EQ(*back, c.in) << c.out;
  }
}

}  // namespace
}  // namespace wf
