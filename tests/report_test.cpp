// Report-level behaviour: valid / http_status / first_error, the order of diagnostics, the
// service response, the effective policy, the JSON report of ../shared/contract/cli.md, the text
// report, and reuse of the validator and of a report.
//
// Expectations come from the spec (decisions.md, contract/cli.md), never from the program's
// output. The JSON report is read back with the small strict JSON reader of json_oracle.hpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_oracle.hpp"
#include "support.hpp"

namespace {

using bpv::context;
using bpv::diagnostic;
using bpv::options;
using bpv::report;
using bpv::severity;
using bpv::test::cat;
using bpv::test::check;
using bpv::test::count_rule;
using bpv::test::find;
using bpv::test::jv;
using bpv::test::json_reader;
using bpv::test::rules_of;
using bpv::test::sp;
using bpv::test::valid_utf8;

const std::string kSeed = R"({
    "backup_policy_name": "policy_01",
    "scheduled_policy" : {
        "remain_first_backup_of_curMonth" : "Y",
        "rentention_num" : 10,
        "week_frequency" : ["MON"],
        "start_time" : "12:00",
        "status" : "ON"
    },
    "time_zone": "UTC+08:00"
})";
const std::string kPolicyId = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";

// ---------------------------------------------------------------------------------------------
// Reading the JSON report back, with the strict reader of json_oracle.hpp.

/// The code points in UTF-8 `s`: the bytes that do not continue a sequence.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

jv parse_ok(std::string_view text) {
  json_reader rd(text);
  auto v = rd.parse();
  EXPECT_TRUE(v.has_value()) << "not JSON: " << rd.error() << "\n" << text.substr(0, 2000);
  return v ? *v : jv{};
}

TEST(JsonReaderSelfTest, AcceptsAndRejects) {
  EXPECT_TRUE(json_reader(R"({"a":[1,-2.5e+3,true,false,null,"x\u00e9\ud83d\ude00"]})").parse().has_value());
  for (std::string_view bad : {"{", R"({"a":1,})", "[1 2]", R"("\ud800")", "01", "\"\x01\"", "\"\xff\"", "{} x",
                               R"({"a":1,"a":2})", "tru", "1.", "-"})
    EXPECT_FALSE(json_reader(bad).parse().has_value()) << bad;
  auto v = json_reader(R"("\u00e9\ud83d\ude00\n")").parse();
  ASSERT_TRUE(v);
  EXPECT_EQ(v->text, "\xC3\xA9\xF0\x9F\x98\x80\n");
}

// ---------------------------------------------------------------------------------------------
// Comparing reports field by field (independent of the renderers under test).

std::string describe(const report& r) {
  std::string s = cat({"valid=", r.valid ? "1" : "0", " http=", std::to_string(r.http_status), " policy_id=",
                       r.policy_id ? cat({"'", *r.policy_id, "'"}) : std::string("none"), " effective=",
                       r.effective ? bpv::to_json(*r.effective) : std::string("none"), "\n"});
  for (const diagnostic& d : r.diagnostics)
    s += cat({"  ", d.rule, " ", bpv::to_string(d.severity), " ", d.code, " '", d.path, "' ",
              d.offset ? std::to_string(*d.offset) : std::string("null"), " ", d.message, "\n"});
  return s;
}

// ---------------------------------------------------------------------------------------------
// valid, http_status, first_error

TEST(Outcome, ValidRequest) {
  context ctx;
  ctx.policy_id = kPolicyId;
  const report r = check(kSeed, ctx);
  EXPECT_TRUE(r.valid) << rules_of(r);
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.first_error(), nullptr);
  EXPECT_TRUE(r.diagnostics.empty()) << rules_of(r);
  ASSERT_TRUE(r.policy_id.has_value());
  EXPECT_EQ(*r.policy_id, kPolicyId);
}

TEST(Outcome, WarningsAndInfoKeepARequestValid) {
  const report r = check(sp(R"("frequency":1,"week_frequency":["MON"],"note":1)"));
  EXPECT_TRUE(r.valid) << rules_of(r);
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.first_error(), nullptr);
  EXPECT_EQ(count_rule(r, "member.unknown"), 1u);
  EXPECT_EQ(count_rule(r, "week_frequency.ignored"), 1u);
  EXPECT_TRUE(r.effective.has_value());
}

TEST(Outcome, InvalidRequestFirstErrorSkipsWarnings) {
  const std::string b = R"({"backup_policy_id":"x","backup_policy_name":"a.b","time_zone":"UTC+99:00"})";
  const report r = check(b);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.http_status, 400);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].rule, "member.unknown") << rules_of(r);  // offset 1, before the errors
  const diagnostic* e = r.first_error();
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->severity, severity::error);
  EXPECT_EQ(e->code, "AutoBackup.0102");
  EXPECT_EQ(e->offset, b.find("\"a.b\""));
  EXPECT_FALSE(r.effective.has_value());
}

TEST(Outcome, FirstErrorIsFirstInDocumentOrder) {
  // The time_zone comes first in the text, so its error answers, whatever order checks run in.
  const std::string b = R"({"time_zone":"UTC+8","scheduled_policy":{"frequency":0},"backup_policy_name":"a b"})";
  const report r = check(b);
  ASSERT_NE(r.first_error(), nullptr);
  EXPECT_EQ(r.first_error()->code, "AutoBackup.0226") << rules_of(r);
  EXPECT_EQ(r.first_error()->path, "/time_zone");
}

TEST(Outcome, ValidIsExactlyNoErrors) {
  for (std::string b : {kSeed, std::string(R"({"backup_policy_name":"a","x":1})"), std::string("{}"),
                        std::string(R"({"backup_policy_name":"a.b"})"), std::string(""),
                        sp(R"("frequency":1,"rentention_num":3,"rentention_day":3)")}) {
    const report r = check(b);
    bool errors = false;
    for (const auto& d : r.diagnostics) errors = errors || d.severity == severity::error;
    EXPECT_EQ(r.valid, !errors) << b;
    EXPECT_EQ(r.http_status, errors ? 400 : 200) << b;
    EXPECT_EQ(r.first_error() != nullptr, errors) << b;
    EXPECT_EQ(r.effective.has_value(), !errors) << b;
  }
}

// ---------------------------------------------------------------------------------------------
// Order: by offset, null first; at one offset 0101, 0102, 0100, other codes, 0221, warnings, info.

int rank(const diagnostic& d) {
  if (d.severity == severity::info) return 6;
  if (d.severity == severity::warning) return 5;
  if (d.code == "AutoBackup.0101") return 0;
  if (d.code == "AutoBackup.0102") return 1;
  if (d.code == "AutoBackup.0100") return 2;
  if (d.code == "AutoBackup.0221") return 4;
  return 3;
}

::testing::AssertionResult ordered(const report& r) {
  for (std::size_t i = 1; i < r.diagnostics.size(); ++i) {
    const diagnostic &a = r.diagnostics[i - 1], &b = r.diagnostics[i];
    bool ok;
    if (!a.offset || !b.offset) {
      ok = !a.offset;  // null first
    } else if (*a.offset != *b.offset) {
      ok = *a.offset < *b.offset;
    } else {
      ok = rank(a) <= rank(b);
    }
    if (!ok) return ::testing::AssertionFailure() << "diagnostics " << i - 1 << " and " << i << " out of order:\n" << describe(r);
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::string_view> codes_at(const report& r, std::size_t offset) {
  std::vector<std::string_view> out;
  for (const auto& d : r.diagnostics)
    if (d.offset == offset) out.push_back(d.severity == severity::error ? d.code : bpv::to_string(d.severity));
  return out;
}

TEST(Order, AtOneOffsetLengthCharactersDefaultPolicyThenAngleBrackets) {
  context def;
  def.target_is_default = true;
  // 65 characters, starting with "default", holding '<': 0101, 0102 twice, 0100, 0221.
  const std::string name = cat({"default<", std::string(57, 'x')});
  ASSERT_EQ(name.size(), 65u);
  const std::string b = cat({R"({"backup_policy_name":")", name, R"("})"});
  const report r = check(b, def);
  const std::size_t v = b.find("\"default");
  const std::vector<std::string_view> want = {"AutoBackup.0101", "AutoBackup.0102", "AutoBackup.0102",
                                              "AutoBackup.0100", "AutoBackup.0221"};
  EXPECT_EQ(codes_at(r, v), want) << describe(r);
  EXPECT_TRUE(ordered(r));
  ASSERT_NE(r.first_error(), nullptr);
  EXPECT_EQ(r.first_error()->code, "AutoBackup.0101");
  EXPECT_EQ(bpv::response_json(r).find("AutoBackup.0101") != std::string::npos, true);
}

TEST(Order, AtOneOffsetDefaultPrefixAndDefaultPolicy) {
  context def;
  def.target_is_default = true;
  const std::string b = R"({"backup_policy_name":"default<x"})";
  const report r = check(b, def);
  const std::vector<std::string_view> want = {"AutoBackup.0102", "AutoBackup.0102", "AutoBackup.0100",
                                              "AutoBackup.0221"};
  EXPECT_EQ(codes_at(r, b.find("\"default")), want) << describe(r);
  EXPECT_EQ(r.first_error()->code, "AutoBackup.0102");
}

TEST(Order, OtherCodesThenAngleBracketsThenWarnings) {
  {
    // A near miss (0103) whose name holds '<'.
    const std::string b = sp(R"("frequency":1,"start_time<":"12:00")");
    const report r = check(b);
    const std::vector<std::string_view> want = {"AutoBackup.0103", "AutoBackup.0221"};
    EXPECT_EQ(codes_at(r, b.find("\"start_time<\"")), want) << describe(r);
    EXPECT_TRUE(ordered(r));
  }
  {
    // An unknown member whose name holds '<': the error, then the warning.
    const std::string b = R"({"backup_policy_name":"a","<u>":1})";
    const report r = check(b);
    const std::vector<std::string_view> want = {"AutoBackup.0221", "warning"};
    EXPECT_EQ(codes_at(r, b.find("\"<u>\"")), want) << describe(r);
  }
  {
    // A duplicate (0008) whose name holds '<': 0008 before 0221, warnings (if any) after both.
    const std::string b = R"({"backup_policy_name":"a","x<":1,"x<":2})";
    const report r = check(b);
    const auto at = codes_at(r, b.rfind("\"x<\""));
    ASSERT_GE(at.size(), 2u) << describe(r);
    EXPECT_EQ(at[0], "AutoBackup.0008") << describe(r);
    EXPECT_EQ(at[1], "AutoBackup.0221") << describe(r);
    EXPECT_TRUE(ordered(r));
  }
  {
    // A value error (0104) with '<' in it.
    const std::string b = sp(R"("frequency":1,"status":"<ON>")");
    const report r = check(b);
    const std::vector<std::string_view> want = {"AutoBackup.0104", "AutoBackup.0221"};
    EXPECT_EQ(codes_at(r, b.find("\"<ON>\"")), want) << describe(r);
  }
}

TEST(Order, NullOffsetsFirstThenByOffset) {
  context ctx;
  ctx.policy_id = "";
  const std::string b = R"({"x":1,"backup_policy_name":"a.b","scheduled_policy":{"frequency":0}})";
  const report r = check(b, ctx);
  ASSERT_GE(r.diagnostics.size(), 4u) << describe(r);
  EXPECT_FALSE(r.diagnostics[0].offset.has_value());
  EXPECT_EQ(r.diagnostics[0].code, "AutoBackup.0006");
  EXPECT_TRUE(ordered(r));
  ASSERT_NE(r.first_error(), nullptr);
  EXPECT_EQ(r.first_error()->code, "AutoBackup.0006");
}

TEST(Order, DocumentOrderOnManyBodies) {
  context def;
  def.target_is_default = true;
  for (const std::string& b : {
           std::string(R"({"time_zone":"UTC+8<","scheduled_policy":{"status":"x","Status":"y","rentention_day":1,)"
                       R"("rentention_num":1,"week_frequency":["mon","MON","MON"],"frequency":0,"time_zone":1,)"
                       R"("start_time":"13:05,12:00"},"backup_policy_name":"default.<x>","<":"<","x":{"a":1,"a":2}})"),
           std::string(R"({"scheduled_policy":{"frequency":1,"week_frequency":["MON"],"rentention_num":2,)"
                       R"("rentention_day":2,"start_time":"22:00,00:00"},"time_zone":"UTC+02:00","backup_policy_nam":1})"),
           kSeed,
       }) {
    EXPECT_TRUE(ordered(check(b))) << b;
    EXPECT_TRUE(ordered(check(b, def))) << b;
  }
}

// ---------------------------------------------------------------------------------------------
// response_json

TEST(Response, ValidWithPolicyId) {
  context ctx;
  ctx.policy_id = kPolicyId;
  const report r = check(kSeed, ctx);
  const jv v = parse_ok(bpv::response_json(r));
  ASSERT_EQ(v.kind, jv::kind_t::object);
  EXPECT_EQ(v.key_set(), (std::set<std::string>{"backup_policy_id"}));
  const jv* id = v.get("backup_policy_id");
  ASSERT_NE(id, nullptr);
  ASSERT_EQ(id->kind, jv::kind_t::string);
  EXPECT_EQ(id->text, kPolicyId);
}

TEST(Response, ValidWithoutPolicyIdIsNull) {
  const report r = check(kSeed);
  EXPECT_FALSE(r.policy_id.has_value());
  const jv v = parse_ok(bpv::response_json(r));
  EXPECT_EQ(v.key_set(), (std::set<std::string>{"backup_policy_id"}));
  ASSERT_NE(v.get("backup_policy_id"), nullptr);
  EXPECT_EQ(v.get("backup_policy_id")->kind, jv::kind_t::null);
}

TEST(Response, PolicyIdIsEscaped) {
  context ctx;
  ctx.policy_id = "a\"b\\c";
  const jv v = parse_ok(bpv::response_json(check(kSeed, ctx)));
  ASSERT_NE(v.get("backup_policy_id"), nullptr);
  EXPECT_EQ(v.get("backup_policy_id")->text, "a\"b\\c");
}

TEST(Response, InvalidCarriesTheFirstErrorsCodeAndMessage) {
  context ctx;
  ctx.policy_id = kPolicyId;
  const std::string b = R"({"note":"x","scheduled_policy":{"frequency":1,"start_time":"12:00,13:30"}})";
  const report r = check(b, ctx);
  ASSERT_NE(r.first_error(), nullptr);
  EXPECT_EQ(r.first_error()->code, "AutoBackup.0103");
  const jv v = parse_ok(bpv::response_json(r));
  EXPECT_EQ(v.key_set(), (std::set<std::string>{"error"}));
  const jv* e = v.get("error");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->key_set(), (std::set<std::string>{"code", "message"}));
  ASSERT_NE(e->get("code"), nullptr);
  EXPECT_EQ(e->get("code")->text, "AutoBackup.0103");
  ASSERT_NE(e->get("message"), nullptr);
  EXPECT_EQ(e->get("message")->text, r.first_error()->message);
  EXPECT_FALSE(e->get("message")->text.empty());
}

TEST(Response, EmptyPolicyIdAnswers0006) {
  context ctx;
  ctx.policy_id = "";
  const jv v = parse_ok(bpv::response_json(check(kSeed, ctx)));
  ASSERT_NE(v.get("error"), nullptr);
  ASSERT_NE(v.get("error")->get("code"), nullptr);
  EXPECT_EQ(v.get("error")->get("code")->text, "AutoBackup.0006");
}

// ---------------------------------------------------------------------------------------------
// The effective policy

TEST(Effective, OnlyApiMembersPrecedenceAppliedRoundedDown) {
  const std::string b =
      R"({"backup_policy_name":"p_1","x":1,"scheduled_policy":{"start_time":"12:00","frequency":2,)"
      R"("week_frequency":["MON"],"rentention_num":5,"rentention_day":30,"remain_first_backup_of_curMonth":"Y",)"
      R"("status":"ON","note":"n","time_zone":"UTC+01:00"},"time_zone":"UTC+08:00","backup_policy_id":"id"})";
  const report r = check(b);
  ASSERT_TRUE(r.valid) << describe(r);
  ASSERT_TRUE(r.effective.has_value());
  bpv::policy want;
  want.backup_policy_name = "p_1";
  want.time_zone = "UTC+08:00";
  auto& s = want.scheduled_policy.emplace();
  s.start_time = "12:00";
  s.frequency = 2;
  s.rentention_num = 5;
  s.remain_first_backup_of_curMonth = "Y";
  s.status = "ON";
  EXPECT_EQ(*r.effective, want) << bpv::to_json(*r.effective);
  EXPECT_EQ(bpv::to_json(*r.effective),
            R"({"backup_policy_name":"p_1","scheduled_policy":{"start_time":"12:00","frequency":2,)"
            R"("rentention_num":5,"remain_first_backup_of_curMonth":"Y","status":"ON"},"time_zone":"UTC+08:00"})");
}

TEST(Effective, TheSeedExample) {
  const report r = check(kSeed);
  ASSERT_TRUE(r.effective.has_value());
  bpv::policy want;
  want.backup_policy_name = "policy_01";
  want.time_zone = "UTC+08:00";
  auto& s = want.scheduled_policy.emplace();
  s.remain_first_backup_of_curMonth = "Y";
  s.rentention_num = 10;
  s.week_frequency = std::vector<std::string>{"MON"};
  s.start_time = "12:00";
  s.status = "ON";
  EXPECT_EQ(*r.effective, want) << bpv::to_json(*r.effective);
}

TEST(Effective, WeekFrequencyKeptWithoutFrequency) {
  const report r = check(sp(R"("week_frequency":["MON","SAT"],"rentention_day":30)"));
  ASSERT_TRUE(r.effective && r.effective->scheduled_policy) << describe(r);
  const auto& s = *r.effective->scheduled_policy;
  EXPECT_EQ(s.week_frequency, (std::vector<std::string>{"MON", "SAT"}));
  EXPECT_FALSE(s.frequency.has_value());
  EXPECT_EQ(s.rentention_day, 30);
  EXPECT_FALSE(r.effective->backup_policy_name.has_value());
  EXPECT_FALSE(r.effective->time_zone.has_value());
}

TEST(Effective, RetentionDayRoundedDownFromItsDecimalText) {
  struct rc {
    std::string literal;
    std::int64_t days;
  };
  for (const rc& c : {rc{"7.9", 7}, rc{"2.5", 2}, rc{"99999.99999999999999999", 99999},
                      rc{"2.99999999999999999999", 2}, rc{"1e3", 1000}, rc{"30", 30}, rc{"2.0", 2},
                      rc{"123.4e1", 1234}}) {
    const report r = check(sp(cat({R"("frequency":1,"rentention_day":)", c.literal})));
    ASSERT_TRUE(r.effective && r.effective->scheduled_policy) << c.literal << ": " << describe(r);
    EXPECT_EQ(r.effective->scheduled_policy->rentention_day, c.days) << c.literal;
  }
}

TEST(Effective, RetentionDayDroppedWhenRetentionNumPrevails) {
  const report r = check(sp(R"("frequency":1,"rentention_day":7.9,"rentention_num":4)"));
  ASSERT_TRUE(r.effective && r.effective->scheduled_policy) << describe(r);
  EXPECT_FALSE(r.effective->scheduled_policy->rentention_day.has_value());
  EXPECT_EQ(r.effective->scheduled_policy->rentention_num, 4);
}

TEST(Effective, NameOnly) {
  const report r = check(R"({"backup_policy_name":"only"})");
  ASSERT_TRUE(r.effective.has_value());
  bpv::policy want;
  want.backup_policy_name = "only";
  EXPECT_EQ(*r.effective, want);
  EXPECT_EQ(bpv::to_json(*r.effective), R"({"backup_policy_name":"only"})");
}

TEST(Effective, ValuesAreUnescaped) {
  const report r = check(R"({"backup_policy_name":"p\u005f1","scheduled_policy":{"frequency":1,"start_time":"1\u0032:00"}})");
  ASSERT_TRUE(r.effective && r.effective->scheduled_policy) << describe(r);
  EXPECT_EQ(r.effective->backup_policy_name, "p_1");
  EXPECT_EQ(r.effective->scheduled_policy->start_time, "12:00");
}

TEST(Effective, AbsentWhenInvalid) {
  for (std::string b : {std::string(R"({"backup_policy_name":"a.b"})"), std::string("{}"), std::string(""),
                        std::string("[1]"), sp(R"("frequency":15)")}) {
    const report r = check(b);
    EXPECT_FALSE(r.valid) << b;
    EXPECT_FALSE(r.effective.has_value()) << b;
  }
  context def;
  def.target_is_default = true;
  EXPECT_FALSE(check(R"({"backup_policy_name":"daily"})", def).effective.has_value());
}

// ---------------------------------------------------------------------------------------------
// to_json(report, source): the JSON report of contract/cli.md

void expect_report_shape(const report& r, const std::string& line, std::string_view source) {
  SCOPED_TRACE(line.substr(0, 500));
  EXPECT_TRUE(valid_utf8(line));
  EXPECT_EQ(line.find('\n'), std::string::npos) << "one line";
  const jv v = parse_ok(line);
  ASSERT_EQ(v.kind, jv::kind_t::object);
  EXPECT_EQ(v.key_set(),
            (std::set<std::string>{"source", "valid", "http_status", "response", "diagnostics", "effective"}));
  const jv* src = v.get("source");
  ASSERT_NE(src, nullptr);
  ASSERT_EQ(src->kind, jv::kind_t::string);
  if (valid_utf8(source)) {
    EXPECT_EQ(src->text, source);
  }
  const jv* valid = v.get("valid");
  ASSERT_NE(valid, nullptr);
  ASSERT_EQ(valid->kind, jv::kind_t::boolean);
  EXPECT_EQ(valid->boolean, r.valid);
  const jv* http = v.get("http_status");
  ASSERT_NE(http, nullptr);
  ASSERT_EQ(http->kind, jv::kind_t::number);
  EXPECT_EQ(http->text, r.valid ? "200" : "400");
  const jv* resp = v.get("response");
  ASSERT_NE(resp, nullptr);
  ASSERT_EQ(resp->kind, jv::kind_t::object);
  if (r.valid) {
    EXPECT_EQ(resp->key_set(), (std::set<std::string>{"backup_policy_id"}));
  } else {
    EXPECT_EQ(resp->key_set(), (std::set<std::string>{"error"}));
    const jv* e = resp->get("error");
    ASSERT_NE(e, nullptr);
    ASSERT_NE(e->get("code"), nullptr);
    ASSERT_NE(r.first_error(), nullptr);
    EXPECT_EQ(e->get("code")->text, r.first_error()->code);
  }
  const jv* diags = v.get("diagnostics");
  ASSERT_NE(diags, nullptr);
  ASSERT_EQ(diags->kind, jv::kind_t::array);
  ASSERT_EQ(diags->items.size(), r.diagnostics.size());
  for (std::size_t i = 0; i < diags->items.size(); ++i) {
    const jv& d = diags->items[i];
    const diagnostic& want = r.diagnostics[i];
    ASSERT_EQ(d.kind, jv::kind_t::object);
    EXPECT_EQ(d.key_set(), (std::set<std::string>{"rule", "severity", "code", "path", "offset", "message"}));
    ASSERT_NE(d.get("rule"), nullptr);
    EXPECT_EQ(d.get("rule")->kind, jv::kind_t::string);
    EXPECT_FALSE(d.get("rule")->text.empty());
    EXPECT_EQ(d.get("rule")->text, want.rule);
    ASSERT_NE(d.get("severity"), nullptr);
    EXPECT_EQ(d.get("severity")->text, bpv::to_string(want.severity));
    EXPECT_TRUE(d.get("severity")->text == "error" || d.get("severity")->text == "warning" ||
                d.get("severity")->text == "info");
    ASSERT_NE(d.get("code"), nullptr);
    if (want.severity == severity::error) {
      ASSERT_EQ(d.get("code")->kind, jv::kind_t::string);
      EXPECT_EQ(d.get("code")->text, want.code);
    } else {
      EXPECT_EQ(d.get("code")->kind, jv::kind_t::null) << "warnings and info carry no code";
    }
    ASSERT_NE(d.get("path"), nullptr);
    EXPECT_EQ(d.get("path")->kind, jv::kind_t::string);
    EXPECT_EQ(d.get("path")->text, want.path);
    ASSERT_NE(d.get("offset"), nullptr);
    if (want.offset) {
      ASSERT_EQ(d.get("offset")->kind, jv::kind_t::number);
      EXPECT_EQ(d.get("offset")->text, std::to_string(*want.offset));
    } else {
      EXPECT_EQ(d.get("offset")->kind, jv::kind_t::null);
    }
    ASSERT_NE(d.get("message"), nullptr);
    EXPECT_EQ(d.get("message")->kind, jv::kind_t::string);
    EXPECT_FALSE(d.get("message")->text.empty());
    if (valid_utf8(want.message)) {
      EXPECT_EQ(d.get("message")->text, want.message);
    }
  }
  const jv* eff = v.get("effective");
  ASSERT_NE(eff, nullptr);
  if (r.effective) {
    EXPECT_EQ(eff->kind, jv::kind_t::object);
  } else {
    EXPECT_EQ(eff->kind, jv::kind_t::null);
  }
}

TEST(JsonReport, ValidReportShape) {
  context ctx;
  ctx.policy_id = kPolicyId;
  const report r = check(kSeed, ctx);
  const std::string line = bpv::to_json(r, "seed.json");
  expect_report_shape(r, line, "seed.json");
  const jv v = parse_ok(line);
  const jv* id = v.get("response") ? v.get("response")->get("backup_policy_id") : nullptr;
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->text, kPolicyId);
  const jv* eff = v.get("effective");
  ASSERT_NE(eff, nullptr);
  ASSERT_NE(eff->get("scheduled_policy"), nullptr);
  const jv* num = eff->get("scheduled_policy")->get("rentention_num");
  ASSERT_NE(num, nullptr);
  EXPECT_EQ(num->kind, jv::kind_t::number);
  EXPECT_EQ(num->text, "10");
  ASSERT_NE(eff->get("time_zone"), nullptr);
  EXPECT_EQ(eff->get("time_zone")->text, "UTC+08:00");
  const jv* wf = eff->get("scheduled_policy")->get("week_frequency");
  ASSERT_NE(wf, nullptr);
  ASSERT_EQ(wf->kind, jv::kind_t::array);
  ASSERT_EQ(wf->items.size(), 1u);
  EXPECT_EQ(wf->items[0].text, "MON");
}

TEST(JsonReport, ValidWithoutPolicyIdAndWithWarningsAndInfo) {
  const report r = check(sp(R"("frequency":1,"week_frequency":["MON"],"rentention_num":3,"rentention_day":9,"x":1)"));
  ASSERT_TRUE(r.valid);
  const std::string line = bpv::to_json(r, "-");
  expect_report_shape(r, line, "-");
  const jv v = parse_ok(line);
  ASSERT_NE(v.get("response"), nullptr);
  ASSERT_NE(v.get("response")->get("backup_policy_id"), nullptr);
  EXPECT_EQ(v.get("response")->get("backup_policy_id")->kind, jv::kind_t::null);
  // The effective policy drops what precedence ignores.
  const jv* s = v.get("effective") ? v.get("effective")->get("scheduled_policy") : nullptr;
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->get("week_frequency"), nullptr);
  EXPECT_EQ(s->get("rentention_day"), nullptr);
  EXPECT_EQ(s->get("x"), nullptr);
  ASSERT_NE(s->get("frequency"), nullptr);
  EXPECT_EQ(s->get("frequency")->text, "1");
}

// A valid report made without the effective policy (options::effective_policy off) says so
// as an invalid one does: "effective" is null, not an empty policy.
TEST(JsonReport, ValidWithoutTheEffectivePolicyHasNone) {
  bpv::options o;
  o.effective_policy = false;
  const report r = check(R"({"time_zone":"UTC+01:00"})", {}, o);
  ASSERT_TRUE(r.valid);
  const std::string line = bpv::to_json(r, "-");
  EXPECT_NE(line.find("\"effective\":null"), std::string::npos) << line;
}

// JSON's short escapes where JSON has one: a backspace in a member's name is \b in its path,
// and so on for each of them; other controls as \u00XX.
TEST(JsonReport, ShortEscapesInPaths) {
  for (std::string_view e : {"\\b", "\\t", "\\n", "\\f", "\\r", "\\\"", "\\\\", "\\u0001"}) {
    const std::string body = std::string("{\"backup_policy_name\":\"p\",\"x") + std::string(e) + "z\":1}";
    const report r = check(body);
    const std::string line = bpv::to_json(r, "-");
    // Written back as it was sent: each has one form in bpv's reports.
    EXPECT_NE(line.find("\"path\":\"/x" + std::string(e) + "z\""), std::string::npos) << body << "\n" << line;
  }
}

TEST(JsonReport, InvalidReportShape) {
  context ctx;
  ctx.policy_id = "";
  context def;
  def.target_is_default = true;
  for (const std::string& b : {std::string(R"({"backup_policy_name":"default<x","x":1})"), std::string(""),
                               std::string("{"), std::string("[]"), std::string("{}"),
                               std::string(R"({"backup_policy_name":"a\u0001\"\\b"})")}) {
    for (const context& c : {context{}, ctx, def}) {
      const report r = check(b, c);
      ASSERT_FALSE(r.valid) << b;
      expect_report_shape(r, bpv::to_json(r, "bad.json"), "bad.json");
    }
  }
}

TEST(JsonReport, LimitsAndInvalidUtf8Bodies) {
  options o;
  o.limits.max_body_bytes = 4;
  const report big = check(kSeed, {}, o);
  expect_report_shape(big, bpv::to_json(big, "x"), "x");
  const report utf = check("{\"backup_policy_name\":\"\xff\xfe\"}");
  const std::string line = bpv::to_json(utf, "x");
  EXPECT_TRUE(valid_utf8(line));
  expect_report_shape(utf, line, "x");
}

TEST(JsonReport, SourceNameIsEscaped) {
  const std::string source = "dir/\"quoted\" \\ back\nnew\tline\x01\x1f end";
  const report r = check(kSeed);
  const std::string line = bpv::to_json(r, source);
  expect_report_shape(r, line, source);
  const jv v = parse_ok(line);
  ASSERT_NE(v.get("source"), nullptr);
  EXPECT_EQ(v.get("source")->text, source);
}

TEST(JsonReport, InvalidUtf8InSourceBecomesReplacementCharacter) {
  const report r = check(kSeed);
  {
    const std::string line = bpv::to_json(r, "in\xffput.json");
    EXPECT_TRUE(valid_utf8(line));
    const jv v = parse_ok(line);
    ASSERT_NE(v.get("source"), nullptr);
    EXPECT_EQ(v.get("source")->text, "in\xEF\xBF\xBDput.json");
  }
  {
    // A surrogate encoded in UTF-8 and an overlong '/': not UTF-8 either.
    const std::string line = bpv::to_json(r, "a\xED\xA0\x80-\xC0\xAF-b");
    EXPECT_TRUE(valid_utf8(line));
    const jv v = parse_ok(line);
    ASSERT_NE(v.get("source"), nullptr);
    const std::string& s = v.get("source")->text;
    EXPECT_TRUE(valid_utf8(s));
    EXPECT_EQ(s.substr(0, 4), "a\xEF\xBF\xBD");
    EXPECT_EQ(s.substr(s.size() - 2), "-b");
    EXPECT_EQ(s.find("\xED\xA0"), std::string::npos);
    EXPECT_EQ(s.find("\xC0"), std::string::npos);
  }
  {
    // Truncated multi-byte sequence at the end, valid characters kept.
    const std::string line = bpv::to_json(r, "\xC3\xA9-\xE2\x82");
    EXPECT_TRUE(valid_utf8(line));
    const jv v = parse_ok(line);
    ASSERT_NE(v.get("source"), nullptr);
    const std::string& s = v.get("source")->text;
    EXPECT_EQ(s.substr(0, 6), "\xC3\xA9-\xEF\xBF\xBD");
  }
}

TEST(JsonReport, ControlCharactersInMessagesAreEscaped) {
  // A name with control characters, quotes and backslashes is quoted in messages.
  const std::string b = R"({"backup_policy_name":"a\u0001\u001f\"\\\u007f<b","\u0002":1})";
  const report r = check(b);
  const std::string line = bpv::to_json(r, "-");
  expect_report_shape(r, line, "-");
  for (char c : line) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "raw control character in the report";
  const std::string resp = bpv::response_json(r);
  parse_ok(resp);
}

TEST(Messages, QuotedValuesEscapeLineBreakingAndReorderingCharacters) {
  // A message is also the response's error message, which a client shows as it is: a value it
  // quotes must not break its line (NEL, U+2028) or reorder it (U+202E, U+061C), as C0 controls
  // do not. Other characters, U+00E9 and those that share an escaped one's lead byte (U+2030,
  // U+00A0), are quoted as they are.
  const std::string nel = "\xC2\x85", ls = "\xE2\x80\xA8", rlo = "\xE2\x80\xAE", alm = "\xD8\x9C";
  const std::string e_acute = "\xC3\xA9", per_mille = "\xE2\x80\xB0", nbsp = "\xC2\xA0";
  const std::string value = "<" + nel + ls + e_acute + rlo + per_mille + alm + nbsp + "\\u0007";
  const report r = check(R"({"time_zone":"UTC+01:00","x":")" + value + R"("})");
  const diagnostic* d = find(r, "string.angle_brackets");
  ASSERT_NE(d, nullptr) << rules_of(r);
  const std::string shown = "\"<\\u0085\\u2028" + e_acute + "\\u202E" + per_mille + "\\u061C" + nbsp + "\\u0007\"";
  EXPECT_NE(d->message.find(shown), std::string::npos) << d->message;
  for (const std::string& raw : {nel, ls, rlo, alm}) EXPECT_EQ(d->message.find(raw), std::string::npos) << d->message;
  // Each escaped character counts as one of the 48 shown.
  const report l = check(R"({"time_zone":"UTC+01:00","x":"<)" + std::string(46, 'a') + ls + "bc" + R"("})");
  const diagnostic* ld = find(l, "string.angle_brackets");
  ASSERT_NE(ld, nullptr) << rules_of(l);
  EXPECT_NE(ld->message.find("\"<" + std::string(46, 'a') + "\\u2028...\""), std::string::npos) << ld->message;
}

TEST(JsonReport, LineBreakingCharactersAreEscapedSoAReportStaysOneLine) {
  // NEL (U+0085), U+2028 and U+2029 are valid raw in JSON, but Python's splitlines (which the
  // conformance runner reads reports with) and older JavaScript end a line at each of them.
  // Raw in values, in a name, and in the report's source; each must come back unchanged.
  const std::string nel = "\xC2\x85", ls = "\xE2\x80\xA8", ps = "\xE2\x80\xA9", c1 = "\xC2\x9F";
  const std::string tz = "UTC+08:00" + ls;
  const std::string status = "ON" + nel;
  const std::string name = "a" + ps + "b" + c1;
  const std::string body = R"({"time_zone":")" + tz + R"(","scheduled_policy":{"frequency":1,"status":")" + status +
                           R"("},")" + name + R"(":1})";
  const report r = check(body);
  const std::string source = "in" + ls + ".json";
  const std::string line = bpv::to_json(r, source);
  expect_report_shape(r, line, source);
  for (const std::string& raw : {nel, ls, ps, c1}) EXPECT_EQ(line.find(raw), std::string::npos) << line;
  EXPECT_NE(line.find("\\u2028"), std::string::npos) << line;
  EXPECT_NE(line.find("\\u0085"), std::string::npos) << line;
  // Read back, the strings are what was sent.
  const jv v = parse_ok(line);
  ASSERT_NE(v.get("source"), nullptr);
  EXPECT_EQ(v.get("source")->text, source);
  std::string messages;
  for (const diagnostic& d : r.diagnostics) messages += d.message + d.path;
  EXPECT_NE(messages.find("UTC+08:00\\u2028"), std::string::npos) << messages;  // a message quotes it escaped
  EXPECT_NE(messages.find(name), std::string::npos);  // a path holds the name as it is
  const std::string resp = bpv::response_json(r);
  for (const std::string& raw : {nel, ls, ps, c1}) EXPECT_EQ(resp.find(raw), std::string::npos) << resp;
  EXPECT_EQ(parse_ok(resp).get("error")->get("message")->text, r.first_error()->message);
}

// ---------------------------------------------------------------------------------------------
// to_text

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) out.emplace_back(text.substr(start));
      break;
    }
    out.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

/// For every output line that shows `line_text` whole, the column (in characters of
/// `line_text`) of the caret on the next output line.
std::vector<std::size_t> caret_columns(std::string_view text, std::string_view line_text) {
  std::vector<std::size_t> cols;
  const auto lines = lines_of(text);
  for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
    const std::size_t p = lines[k].find(line_text);
    if (p == std::string::npos) continue;
    const std::string& caret_line = lines[k + 1];
    const std::size_t c = caret_line.find('^');
    if (c == std::string::npos) continue;
    const std::size_t caret_col = code_points(std::string_view(caret_line).substr(0, c));
    const std::size_t prefix_col = code_points(std::string_view(lines[k]).substr(0, p));
    cols.push_back(caret_col >= prefix_col ? caret_col - prefix_col : static_cast<std::size_t>(-1));
  }
  return cols;
}

/// The column of `offset` in its line, in characters.
std::size_t column_of(std::string_view body, std::size_t offset) {
  const std::size_t nl = offset == 0 ? std::string_view::npos : body.rfind('\n', offset - 1);
  const std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
  return code_points(body.substr(start, offset - start));
}

std::string_view line_at(std::string_view body, std::size_t offset) {
  const std::size_t nl = offset == 0 ? std::string_view::npos : body.rfind('\n', offset - 1);
  const std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
  std::size_t end = body.find('\n', offset);
  if (end == std::string_view::npos) end = body.size();
  return body.substr(start, end - start);
}

TEST(Text, NamesEachFindingAndShowsTheLineWithACaret) {
  const std::string b =
      "{\n"
      "  \"backup_policy_name\": \"ok\",\n"
      "  \"scheduled_policy\": {\"frequency\": 1, \"start_time\": \"12:30\"}\n"
      "}\n";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  const diagnostic& d = r.diagnostics[0];
  ASSERT_TRUE(d.offset.has_value());
  ASSERT_EQ(*d.offset, b.find("12:30") + 3);
  const std::string text = bpv::to_text(r, b, "body.json");
  EXPECT_NE(text.find("body.json"), std::string::npos) << text;
  EXPECT_NE(text.find("/scheduled_policy/start_time"), std::string::npos) << text;
  EXPECT_NE(text.find("AutoBackup.0103"), std::string::npos) << text;
  EXPECT_NE(text.find("start_time.full_hour"), std::string::npos) << text;
  EXPECT_NE(text.find(d.message), std::string::npos) << text;
  const std::string_view line = line_at(b, *d.offset);
  EXPECT_EQ(line, R"(  "scheduled_policy": {"frequency": 1, "start_time": "12:30"})");
  const auto cols = caret_columns(text, line);
  ASSERT_EQ(cols.size(), 1u) << text;
  EXPECT_EQ(cols[0], column_of(b, *d.offset)) << text;
}

TEST(Text, ALongLineIsShownAsAWindowEndingInAnEllipsis) {
  const std::string b = R"({"scheduled_policy":{"frequency":99},"backup_policy_name":")" + std::string(100, 'a') + "\"}";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 2u) << rules_of(r);
  const std::string text = bpv::to_text(r, b, "-");
  std::string const first = R"(    1 | {"scheduled_policy":{"frequency":99},"backup_policy_name":")" + std::string(34, 'a') + "...";
  EXPECT_NE(text.find(first + "\n"), std::string::npos) << text;
  EXPECT_EQ(text.find(std::string(100, 'a')), std::string::npos) << "the line is cut: " << text;
}

// A path for a person keeps its two ends, 48 bytes each, around "...", once it is longer than
// the two and the dots would be; and cuts between characters, never inside one.
TEST(Text, ALongPathKeepsItsTwoEndsAndWholeCharacters) {
  auto at_of = [](const std::string& name) {
    const std::string b = "{\"" + name + "\":1,\"time_zone\":\"UTC+01:00\"}";
    const std::string text = bpv::to_text(check(b), b, "-");
    std::size_t const from = text.find("warning at ");
    std::size_t const to = text.find(", byte", from);
    return from == std::string::npos || to == std::string::npos ? text : text.substr(from + 11, to - from - 11);
  };
  EXPECT_EQ(at_of(std::string(98, 'x')), "/" + std::string(98, 'x'));  // 99 bytes: whole
  EXPECT_EQ(at_of(std::string(99, 'x')), "/" + std::string(47, 'x') + "..." + std::string(48, 'x'));
  // 60 two-byte characters: byte 48 of the path is the middle of one, so the head stops before
  // it; the tail starts at a character's first byte.
  std::string e_acute;
  for (int i = 0; i < 60; ++i) e_acute += "\xC3\xA9";
  std::string head = "/", tail;
  for (int i = 0; i < 23; ++i) head += "\xC3\xA9";
  for (int i = 0; i < 24; ++i) tail += "\xC3\xA9";
  EXPECT_EQ(at_of(e_acute), head + "..." + tail);
}

// to_text takes any report: diagnostics need not come in the order of their offsets.
TEST(Text, LineNumbersWhenOffsetsGoBackwards) {
  const std::string b = "{\n\"a\":1,\n\"b\":2}";
  report r;
  r.valid = true;
  r.http_status = 200;
  r.diagnostics.push_back({"member.unknown", bpv::severity::warning, "", "/b", b.find("\"b\""), "unknown member \"b\""});
  r.diagnostics.push_back({"member.unknown", bpv::severity::warning, "", "/a", b.find("\"a\""), "unknown member \"a\""});
  const std::string text = bpv::to_text(r, b, "-");
  EXPECT_NE(text.find("    3 | \"b\":2}"), std::string::npos) << text;
  EXPECT_NE(text.find("    2 | \"a\":1,"), std::string::npos) << text;
}

TEST(Text, CaretCountsCharactersNotBytes) {
  // Characters of one column each, of two, three and four bytes (U+00FC, U+20AC, U+10348).
  const std::string b =
      "{\"backup_policy_name\": \"ok\",\n"
      "  \"scheduled_policy\": {\"\xC3\xBC\": \"\xC3\xA9\xE2\x82\xAC\xC3\x9F\xF0\x90\x8D\x88\", "
      "\"start_time\": \"12:30\",\n"
      "  \"frequency\": 1}}";
  const report r = check(b);
  const std::size_t full_hour = b.find("12:30") + 3;
  ASSERT_NE(find(r, "start_time.full_hour"), nullptr) << rules_of(r);
  ASSERT_EQ(find(r, "start_time.full_hour")->offset, full_hour);
  const std::string text = bpv::to_text(r, b, "-");
  EXPECT_TRUE(valid_utf8(text));
  const std::string_view line = line_at(b, full_hour);
  std::set<std::size_t> want;
  for (const auto& d : r.diagnostics)
    if (d.offset && line_at(b, *d.offset) == line) want.insert(column_of(b, *d.offset));
  ASSERT_TRUE(want.count(column_of(b, full_hour)));
  const auto cols = caret_columns(text, line);
  EXPECT_EQ(cols.size(), want.size()) << text;
  for (std::size_t c : cols) EXPECT_TRUE(want.count(c)) << "caret at column " << c << "\n" << text;
  EXPECT_NE(std::find(cols.begin(), cols.end(), column_of(b, full_hour)), cols.end()) << text;
}

TEST(Text, CaretCountsTerminalColumns) {
  // On a terminal, CJK characters and emoji take two columns and combining marks none: the
  // caret is placed by columns, so that it stands under the '9' of 99.
  struct example {
    std::string name;  // the unknown member's name, before the error on the same line
    std::size_t columns;
  };
  for (const example& e : {example{"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 6},  // 日本語
                           example{"\xF0\x9F\x98\x80x", 3},                      // U+1F600, x
                           example{"e\xCC\x81", 1},                                // e, U+0301
                           example{"e\xCC\x80", 1},                                // e, U+0300: the first combining mark
                           example{"a\xE2\x80\x8B" "b", 2},                       // a, U+200B, b
                           example{"\xEF\xBD\xB1\xEF\xBC\xA1", 3},             // halfwidth ｱ, fullwidth Ａ
                           example{"\xE2\x98\x95x", 3},                          // U+2615 (wide since Unicode 9), x
                           example{"\xF0\x9F\x80\x84", 2},                      // U+1F004, outside the emoji blocks
                           example{"\xE0\xB8\x81\xE0\xB8\xB1", 1},            // Thai ko kai, vowel sign U+0E31
                           example{"\xE0\xA4\x95\xE0\xA5\x8D", 1},            // Devanagari ka, virama U+094D
                           example{"a\xC2\xAD" "b", 3}}) {                     // soft hyphen: shown
    const std::string b = "{\"" + e.name + "\":1,\"scheduled_policy\":{\"frequency\":99}}";
    const report r = check(b);
    const bpv::diagnostic* d = find(r, "frequency.range");
    ASSERT_NE(d, nullptr) << rules_of(r);
    ASSERT_TRUE(d->offset.has_value());
    std::size_t const ascii_before = *d->offset - e.name.size();  // every other byte before it is ASCII
    const std::string text = bpv::to_text(r, b, "-");
    const auto cols = caret_columns(text, "\":1,\"scheduled_policy\"");
    ASSERT_FALSE(cols.empty()) << text;
    // caret_columns counts the caret's column from where the text it is given starts, less the
    // characters before it ("{\"" and the name's code points): add them back.
    EXPECT_EQ(cols.back() + 2 + code_points(e.name), ascii_before + e.columns) << text;
  }
}

TEST(Text, CaretOnTheFirstLineAndAtOffsetZero) {
  const std::string b = "[1,\n2]";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  ASSERT_EQ(r.diagnostics[0].offset, 0u);
  const std::string text = bpv::to_text(r, b, "-");
  const auto cols = caret_columns(text, "[1,");
  ASSERT_EQ(cols.size(), 1u) << text;
  EXPECT_EQ(cols[0], 0u) << text;
}

TEST(Text, FindingsWithoutOffsetStillNamed) {
  context ctx;
  ctx.policy_id = "";
  const report r = check("", ctx);
  const std::string text = bpv::to_text(r, "", "-");
  EXPECT_NE(text.find("AutoBackup.0006"), std::string::npos) << text;
  EXPECT_NE(text.find("AutoBackup.0000"), std::string::npos) << text;
  EXPECT_NE(text.find("request.policy_id_empty"), std::string::npos) << text;
  EXPECT_NE(text.find("body.empty"), std::string::npos) << text;
  EXPECT_EQ(text.find('^'), std::string::npos) << text;
  // Both have the empty path; the URI's finding says it is the URI's.
  EXPECT_NE(text.find("AutoBackup.0006 at (URI) [request.policy_id_empty]"), std::string::npos) << text;
  EXPECT_NE(text.find("AutoBackup.0000 at (body) [body.empty]"), std::string::npos) << text;
  // A custom rule's ID may start with "request." too: its finding is the body's.
  report custom;
  custom.diagnostics.push_back(diagnostic{"request.acme_check", severity::warning, "", "", std::nullopt, "m"});
  EXPECT_NE(bpv::to_text(custom, "{}", "-").find("at (body) [request.acme_check]"), std::string::npos);
}

TEST(Text, LinesEndAtCarriageReturnsToo) {
  // JSON's white space has CR; a body whose lines end in CR alone (or CR LF) is shown line by
  // line, as an editor shows it.
  for (std::string_view end : {"\r", "\r\n", "\n"}) {
    const std::string b = cat({R"({"time_zone":"UTC+01:00",)", end, R"("x":1,)", end, R"("backup_policy_name":"a b"})"});
    const report r = check(b);
    const diagnostic* d = find(r, "backup_policy_name.characters");
    ASSERT_NE(d, nullptr) << rules_of(r);
    const std::string text = bpv::to_text(r, b, "-");
    EXPECT_NE(text.find("    3 | \"backup_policy_name\":\"a b\"}\n"), std::string::npos) << text;
    const auto cols = caret_columns(text, "\"backup_policy_name\"");
    ASSERT_EQ(cols.size(), 1u) << text;
    EXPECT_EQ(cols[0], std::string_view(R"("backup_policy_name":)").size()) << text;
    EXPECT_NE(text.find("    2 | \"x\":1,\n"), std::string::npos) << text;  // the warning's line, without its CR
  }
}

TEST(Text, AFindingAtTheLfOfACrLfIsShownAtItsLinesEnd) {
  // Written out by hand (the test after the next works the places out by a rule of its own).
  const std::string in = "ab\r\ncd";
  report r;
  r.diagnostics.push_back(diagnostic{"body.not_json", severity::error, "AutoBackup.0008", "", 3, "m"});
  const std::string text = bpv::to_text(r, in, "-");
  EXPECT_NE(text.find("    1 | ab\n      |   ^\n"), std::string::npos) << text;
  r.diagnostics[0].offset = 4;  // the 'c' after it: line 2
  const std::string next = bpv::to_text(r, in, "-");
  EXPECT_NE(next.find("    2 | cd\n      | ^\n"), std::string::npos) << next;
}

TEST(Text, AnErrorAtTheEndOfABodyShowsItsLastLine) {
  // A body cut short after its last line end: the caret stands after the last line that holds
  // something, not under an empty line; the byte named is still the end.
  for (std::string_view tail : {"\n", "\r\n", "\n\n\r"}) {
    const std::string b = cat({"{\n  \"time_zone\": \"UTC+01:00\"", tail});
    const report r = check(b);
    ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
    ASSERT_EQ(r.diagnostics[0].offset, b.size()) << rules_of(r);
    const std::string text = bpv::to_text(r, b, "-");
    EXPECT_NE(text.find(", byte " + std::to_string(b.size()) + " ["), std::string::npos) << text;
    EXPECT_NE(text.find("    2 |   \"time_zone\": \"UTC+01:00\"\n"), std::string::npos) << text;
    const auto cols = caret_columns(text, "\"time_zone\"");
    ASSERT_EQ(cols.size(), 1u) << text;
    EXPECT_EQ(cols[0], std::string_view(R"("time_zone": "UTC+01:00")").size()) << text;
  }
}

TEST(Text, EveryOffsetOfBodiesWithMixedLineEndsIsShownOnItsLine) {
  // Inputs of short lines ended by LF, CR or CR LF at random, each character one column (ASCII,
  // tabs aside, and two-byte Latin letters); a finding at every character's offset. Its excerpt is
  // the line that holds it, numbered as an editor numbers it (CR LF one line end, its LF shown
  // as its CR), with the caret after the characters before it; at the end of an input whose last
  // line ended, the last line that holds something.
  std::mt19937 rng(2112u);
  const std::vector<std::string> pieces = {"a", "{", "\"", ":", " ", "1", "\xC3\xA9", "\xC5\x82", "}", ","};
  const std::vector<std::string> ends = {"\n", "\r", "\r\n"};
  auto is_end = [](char c) { return c == '\n' || c == '\r'; };
  for (int round = 0; round < 60; ++round) {
    std::string in;
    std::size_t const lines = 1 + rng() % 5;
    for (std::size_t l = 0; l < lines; ++l) {
      for (std::size_t n = rng() % 12; n > 0; --n) in += pieces[rng() % pieces.size()];
      if (l + 1 < lines || rng() % 2) in += ends[rng() % ends.size()];
    }
    for (std::size_t k = 0; k <= in.size(); ++k) {
      if (k < in.size() && (static_cast<unsigned char>(in[k]) & 0xC0) == 0x80) continue;  // inside a character
      std::size_t at = k;  // where the caret goes
      if (k == in.size()) {
        while (at > 0 && is_end(in[at - 1])) --at;
        if (at == 0) at = k;
      }
      if (at > 0 && at < in.size() && in[at] == '\n' && in[at - 1] == '\r') --at;  // CR LF: one line end
      std::size_t line = 1, start = 0;
      for (std::size_t i = 0; i < at; ++i)
        if (in[i] == '\n' || (in[i] == '\r' && (i + 1 == in.size() || in[i + 1] != '\n'))) ++line, start = i + 1;
      std::size_t end = start;
      while (end < in.size() && !is_end(in[end])) ++end;
      report r;
      r.diagnostics.push_back(diagnostic{"body.not_json", severity::error, "AutoBackup.0008", "", k, "m"});
      const std::string text = bpv::to_text(r, in, "-");
      const std::string want = "    " + std::to_string(line) + " | " + in.substr(start, end - start) + "\n";
      ASSERT_NE(text.find(want), std::string::npos) << "offset " << k << " of " << testing::PrintToString(in) << "\n" << text;
      const std::string_view after = std::string_view(text).substr(text.find(want) + want.size());
      std::size_t const bar = after.find("| ");
      ASSERT_NE(bar, std::string_view::npos) << text;
      std::size_t const caret = after.find('^');
      ASSERT_NE(caret, std::string_view::npos) << text;
      EXPECT_EQ(caret - bar - 2, code_points(in.substr(start, at - start)))
          << "offset " << k << " of " << testing::PrintToString(in) << "\n" << text;
    }
  }
}

TEST(Text, ACaretOnACombiningMarkStandsUnderTheCharacterItJoins) {
  // U+0301 takes no column: it shows on the '1' before it, and so does the caret.
  const std::string b = "{\"scheduled_policy\":{\"frequency\":1,\"start_time\":\"1\xCC\x81" "2:00\"}}";
  const report r = check(b);
  const diagnostic* d = find(r, "start_time.syntax");
  ASSERT_NE(d, nullptr) << rules_of(r);
  ASSERT_EQ(d->offset, b.find("\xCC\x81"));
  const std::string text = bpv::to_text(r, b, "-");
  const auto cols = caret_columns(text, "\"start_time\"");
  ASSERT_EQ(cols.size(), 1u) << text;
  EXPECT_EQ(cols[0], std::string_view(R"("start_time":")").size()) << text;  // under the '1'
}

TEST(Text, LongSingleLineBodyKeepsExcerptsShortAndReadsOnlyTheInput) {
  const std::string head = R"({"x":")";
  const std::string b = cat({head, std::string(100000, 'a'), R"(","backup_policy_name":"a.b","y":")",
                             std::string(100000, 'b'), R"("})"});
  ASSERT_GT(b.size(), 200000u);
  // The bytes after the input must never show.
  const std::string buffer = cat({b, "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"});
  const std::string_view input(buffer.data(), b.size());
  bpv::validator v;
  const report r = v.validate(input);
  const std::size_t name_at = b.find("\"a.b\"");
  ASSERT_NE(find(r, "backup_policy_name.characters"), nullptr) << rules_of(r);
  ASSERT_EQ(find(r, "backup_policy_name.characters")->offset, name_at);
  const std::string text = bpv::to_text(r, input, "big.json");
  EXPECT_EQ(text.find("QQ"), std::string::npos);
  for (const auto& l : lines_of(text)) EXPECT_LT(code_points(l), 300u) << l.substr(0, 400);
  // The excerpt of the name's error shows "a.b" with the caret under its opening quote.
  bool found = false;
  const auto lines = lines_of(text);
  for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
    const std::size_t p = lines[k].find(R"("a.b")");
    const std::size_t c = lines[k + 1].find('^');
    if (p == std::string::npos || c == std::string::npos) continue;
    found = found || code_points(std::string_view(lines[k + 1]).substr(0, c)) ==
                         code_points(std::string_view(lines[k]).substr(0, p));
  }
  EXPECT_TRUE(found) << text.substr(0, 3000);
  EXPECT_LT(text.size(), 5000u);
}

TEST(Text, ErrorAtTheEndOfALongInputReadsNothingBeyondIt) {
  const std::string b = cat({R"({"backup_policy_name":"a","x":")", std::string(200000, 'a')});  // unterminated
  const std::string buffer = cat({b, "QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"});
  const std::string_view input(buffer.data(), b.size());
  const report r = check(input);
  ASSERT_FALSE(r.valid);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  const std::string text = bpv::to_text(r, input, "cut.json");
  EXPECT_EQ(text.find("QQ"), std::string::npos);
  EXPECT_NE(text.find('^'), std::string::npos) << text.substr(0, 2000);
  for (const auto& l : lines_of(text)) EXPECT_LT(code_points(l), 300u) << l.substr(0, 400);
}

TEST(Text, C1ControlsAndLineSeparatorsAreEscapedLikeControlCharacters) {
  // NEL (U+0085) and other C1 controls drive terminals as C0 controls do, and NEL, U+2028 and
  // U+2029 end lines for many readers: in a name (path and message), a value (message), the
  // input line and the source name, none goes out raw.
  const std::string nel = "\xC2\x85", c1 = "\xC2\x9B", ls = "\xE2\x80\xA8", ps = "\xE2\x80\xA9";
  const std::string b = "{\"a" + nel + "b" + c1 + "\":1,\"time_zone\":\"UTC+01:00" + ls + "\"}";
  const report r = check(b);
  ASSERT_FALSE(r.valid);
  const std::string text = bpv::to_text(r, b, "in" + ps);
  for (const std::string& raw : {nel, c1, ls, ps}) EXPECT_EQ(text.find(raw), std::string::npos) << text;
  EXPECT_TRUE(valid_utf8(text));
  for (std::string_view escaped : {"\\u0085", "\\u009B", "\\u2028", "\\u2029"})
    EXPECT_NE(text.find(escaped), std::string::npos) << escaped << " in\n" << text;
  // The carets still stand under their offsets: each such character is one column.
  const bpv::diagnostic* tz = find(r, "time_zone.syntax");
  ASSERT_NE(tz, nullptr);
  ASSERT_TRUE(tz->offset.has_value());
  const auto cols = caret_columns(text, "\"time_zone\"");
  ASSERT_FALSE(cols.empty()) << text;
  EXPECT_EQ(cols.back(), column_of(b, *tz->offset) - column_of(b, b.find("\"time_zone\""))) << text;
}

TEST(Text, BidirectionalFormattingCharactersAreEscaped) {
  // U+202E (right-to-left override) and its kin reorder what a terminal shows after them: a
  // member name holding one could make a report's line read otherwise than it says.
  const std::string rlo = "\xE2\x80\xAE", lri = "\xE2\x81\xA6", alm = "\xD8\x9C";
  const std::string b = "{\"ab" + rlo + "cd" + lri + alm + "\":1,\"scheduled_policy\":{\"frequency\":99}}";
  const report r = check(b);
  const std::string text = bpv::to_text(r, b, "x" + rlo);
  for (const std::string& raw : {rlo, lri, alm}) EXPECT_EQ(text.find(raw), std::string::npos) << text;
  for (std::string_view escaped : {"\\u202E", "\\u2066", "\\u061C"})
    EXPECT_NE(text.find(escaped), std::string::npos) << escaped << " in\n" << text;
  // Shown as one column each in the input line, the caret under the 99 stays in place.
  const bpv::diagnostic* d = find(r, "frequency.range");
  ASSERT_NE(d, nullptr);
  const auto cols = caret_columns(text, "\":1,\"scheduled_policy\"");
  ASSERT_FALSE(cols.empty()) << text;
  EXPECT_EQ(cols.back() + 2 + code_points("ab" + rlo + "cd" + lri + alm), column_of(b, *d->offset)) << text;
}

TEST(Text, TheResponseLineEscapesThemToo) {
  // The response is JSON, whose strings may hold U+202E raw (the policy ID from the URI here):
  // on the text report's line it is shown as its \u escape, which is JSON still.
  const std::string rlo = "\xE2\x80\xAE";
  const std::string b = R"({"time_zone":"UTC+01:00"})";
  const std::string id = "id" + rlo;
  context ctx;
  ctx.policy_id = id;
  const report r = check(b, ctx);
  ASSERT_TRUE(r.valid) << rules_of(r);
  ASSERT_NE(bpv::response_json(r).find(rlo), std::string::npos) << "the response holds the ID as it is";
  const std::string text = bpv::to_text(r, b, "-");
  EXPECT_EQ(text.find(rlo), std::string::npos) << text;
  const std::size_t at = text.find("  response: ");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string line = text.substr(at + 12, text.find('\n', at) - at - 12);
  EXPECT_NE(line.find("\\u202E"), std::string::npos) << line;
  EXPECT_TRUE(json_reader(line).parse().has_value()) << line;
}

TEST(Text, InvalidUtf8InTheInputLineStaysValidUtf8) {
  const std::string b = "{\"backup_policy_name\":\"a\xff\xfe\"}";
  const report r = check(b);
  ASSERT_FALSE(r.valid);
  const std::string text = bpv::to_text(r, b, "-");
  EXPECT_TRUE(valid_utf8(text));
}

// ---------------------------------------------------------------------------------------------
// Reuse

::testing::AssertionResult same(const report& a, const report& b) {
  const std::string da = describe(a), db = describe(b);
  if (da == db && a.effective == b.effective) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "reports differ:\n" << da << "---\n" << db;
}

TEST(Reuse, ValidatorGivesIdenticalReportsAcrossBodies) {
  const std::string a = R"({"backup_policy_name":"a.b","x":{"k":1,"k":2},"scheduled_policy":{"frequency":1,)"
                        R"("start_time":"14:00,10:00","rentention_day":7.9,"week_frequency":["MON"]}})";
  const std::string b = kSeed;
  const std::string c = "{\"scheduled_policy\":{\"frequency\":1,\"start_time\":\"22:00,00:00\"},\"time_zone\":\"UTC+02:00\"";
  context ctx;
  ctx.policy_id = "pid";
  bpv::validator v;
  const report a1 = v.validate(a, ctx);
  const report b1 = v.validate(b, ctx);
  const report c1 = v.validate(c);
  const report a2 = v.validate(a, ctx);
  const report b2 = v.validate(b, ctx);
  EXPECT_TRUE(same(a1, a2));
  EXPECT_TRUE(same(b1, b2));
  EXPECT_TRUE(same(a1, check(a, ctx)));
  EXPECT_TRUE(same(b1, check(b, ctx)));
  EXPECT_TRUE(same(c1, check(c)));
  EXPECT_TRUE(b1.valid);
  EXPECT_FALSE(a1.valid);
}

TEST(Reuse, ValidatorKeepsItsOptions) {
  options o;
  o.limits.max_body_bytes = 100;
  o.limits.max_depth = 5;
  bpv::validator v(o);
  EXPECT_EQ(v.config().limits.max_body_bytes, 100u);
  EXPECT_EQ(v.config().limits.max_depth, 5u);
  EXPECT_FALSE(v.validate(std::string(200, ' ') + "{}").valid);
  bpv::validator moved(std::move(v));
  EXPECT_EQ(moved.config().limits.max_body_bytes, 100u);
  const report r = moved.validate(kSeed);
  EXPECT_TRUE(same(r, check(kSeed, {}, o)));
}

TEST(Reuse, ValidateIntoAReportReplacesEverything) {
  bpv::validator v;
  report out;
  out.valid = true;
  out.http_status = 200;
  out.policy_id = "stale";
  out.effective.emplace().backup_policy_name = "stale";
  out.diagnostics.reserve(64);
  for (int i = 0; i < 5; ++i)
    out.diagnostics.push_back(diagnostic{"stale.rule", severity::warning, "", "/stale", 1, "stale"});
  const auto* storage = out.diagnostics.data();

  const std::string bad = R"({"backup_policy_name":"a b","x":1})";
  v.validate(bad, context{}, out);
  EXPECT_TRUE(same(out, check(bad)));
  EXPECT_FALSE(out.policy_id.has_value());
  EXPECT_EQ(out.diagnostics.data(), storage) << "the report's storage is reused";

  context ctx;
  ctx.policy_id = "p-1";
  v.validate(kSeed, ctx, out);
  EXPECT_TRUE(same(out, check(kSeed, ctx)));
  EXPECT_TRUE(out.valid);
  EXPECT_EQ(out.http_status, 200);
  EXPECT_TRUE(out.diagnostics.empty());
  EXPECT_TRUE(out.effective.has_value());
  EXPECT_EQ(out.policy_id, std::optional<std::string>("p-1"));

  v.validate("", context{}, out);
  EXPECT_TRUE(same(out, check("")));
  EXPECT_FALSE(out.effective.has_value());
  EXPECT_FALSE(out.policy_id.has_value());
  EXPECT_EQ(out.http_status, 400);
}

// ---------------------------------------------------------------------------------------------
// Bounded reports: limits::max_diagnostics, report::omitted, the first error always listed
// ---------------------------------------------------------------------------------------------

// `n` unknown members (warnings), then one bad status (an error) at the end.
std::string warnings_then_error(int n) {
  std::string body = "{";
  for (int i = 0; i < n; ++i) body += "\"u" + std::to_string(i) + "\":1,";
  body += R"("scheduled_policy":{"frequency":1,"status":"on"}})";
  return body;
}

TEST(Bounded, AtMostMaxDiagnosticsInDocumentOrderPlusTheFirstError) {
  const std::string body = warnings_then_error(150);
  options opts;
  opts.limits.max_diagnostics = 100;
  report r = check(body, {}, opts);
  ASSERT_EQ(r.diagnostics.size(), 101u) << "100 kept, and the first error after them";
  EXPECT_EQ(r.omitted, 50u);
  for (std::size_t i = 0; i < 100; ++i) {
    EXPECT_EQ(r.diagnostics[i].rule, "member.unknown");
    EXPECT_EQ(r.diagnostics[i].path, "/u" + std::to_string(i)) << "the earliest ones are kept";
  }
  EXPECT_EQ(r.diagnostics.back().rule, "status.value");
  EXPECT_FALSE(r.valid);
  ASSERT_NE(r.first_error(), nullptr);
  EXPECT_EQ(r.first_error()->code, "AutoBackup.0104");
  EXPECT_NE(bpv::response_json(r).find("AutoBackup.0104"), std::string::npos);
}

TEST(Bounded, UnderTheLimitNothingIsOmitted) {
  const std::string body = warnings_then_error(20);
  report r = check(body);
  EXPECT_EQ(r.diagnostics.size(), 21u);
  EXPECT_EQ(r.omitted, 0u);
  EXPECT_EQ(bpv::to_json(r, "-").find("\"omitted\""), std::string::npos) << "the key appears only when needed";
}

TEST(Bounded, ZeroListsOnlyTheFirstError) {
  options opts;
  opts.limits.max_diagnostics = 0;
  report r = check(warnings_then_error(5), {}, opts);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, "status.value");
  EXPECT_EQ(r.omitted, 5u);
  EXPECT_NE(bpv::to_json(r, "-").find("\"omitted\":5"), std::string::npos);
  const std::string text = bpv::to_text(r, warnings_then_error(5), "-");
  EXPECT_NE(text.find("5 more findings not listed"), std::string::npos);
  // The summary's counts are of what is listed, and say so when some are left out.
  EXPECT_EQ(text.substr(0, text.find('\n')), "-: invalid (HTTP 400), 1 error, 0 warnings, 0 info listed, 5 more findings not listed")
      << text;
  const std::string all = bpv::to_text(check(warnings_then_error(5)), warnings_then_error(5), "-");
  EXPECT_EQ(all.substr(0, all.find('\n')), "-: invalid (HTTP 400), 1 error, 5 warnings, 0 info") << all;

  report valid = check(R"({"backup_policy_name":"a","x":1})", {}, opts);
  EXPECT_TRUE(valid.valid) << "warnings left out do not change validity";
  EXPECT_TRUE(valid.diagnostics.empty());
  EXPECT_EQ(valid.omitted, 1u);
}

TEST(Bounded, AFirstErrorPushedOutByAnEarlierWarningIsStillListed) {
  // The near miss at the top level (an error) is found first; the unknown member inside
  // scheduled_policy (a warning, earlier in the body) is found after it and takes the one
  // place the cap leaves.
  const std::string body = R"({"scheduled_policy":{"frequency":1,"u":1},"time_zon":"UTC+01:00"})";
  options opts;
  opts.limits.max_diagnostics = 1;
  bpv::validator v(opts);
  report r;
  for (int round = 0; round < 2; ++round) {  // the second time into the same report
    v.validate(body, {}, r);
    ASSERT_EQ(r.diagnostics.size(), 2u) << rules_of(r);
    EXPECT_EQ(r.diagnostics[0].rule, "member.unknown");
    EXPECT_EQ(r.diagnostics[0].path, "/scheduled_policy/u");
    EXPECT_EQ(r.diagnostics[1].rule, "member.near_miss");
    EXPECT_EQ(r.diagnostics[1].path, "/time_zon");
    EXPECT_EQ(r.diagnostics[1].offset, std::optional<std::size_t>(body.find("\"time_zon")));
    EXPECT_EQ(r.omitted, 0u) << "the first error is listed, not counted as left out";
    ASSERT_NE(r.first_error(), nullptr);
    EXPECT_EQ(r.first_error()->code, "AutoBackup.0226");
  }
  // A report that listed more before lists exactly this afterwards.
  v.validate(warnings_then_error(3), {}, r);
  report fresh = check(warnings_then_error(3), {}, opts);
  EXPECT_TRUE(same(r, fresh)) << rules_of(r);
}

TEST(Bounded, TheFirstErrorIsListedWhenThePathsRoomRunsOut) {
  // Under a 2,000-byte name of DEL characters (each written \u007f in a report: 12,000 bytes a
  // path), 200 '<' items, lowered to warnings, fill the paths' room long before the one error,
  // at the end. It is listed all the same: the report says invalid and answers with it.
  const std::string body = "{\"" + std::string(2000, '\x7f') + "\":[" + [] {
    std::string items;
    for (int i = 0; i < 200; ++i) items += i == 0 ? "\"<\"" : ",\"<\"";
    return items;
  }() + R"(],"backup_policy_name":5})";
  options opts;
  opts.overrides.push_back({"string.angle_brackets", bpv::rule_level::warning});
  const report r = check(body, {}, opts);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.http_status, 400);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_LT(r.diagnostics.size(), 200u) << "the room, not max_diagnostics, cut the list";
  EXPECT_EQ(r.omitted, 202 - r.diagnostics.size()) << "the name (unknown), 200 items, the error";
  EXPECT_EQ(r.diagnostics.back().rule, "backup_policy_name.type");
  EXPECT_EQ(r.diagnostics.back().offset, std::optional<std::size_t>(body.size() - 2));
  ASSERT_NE(r.first_error(), nullptr);
  EXPECT_EQ(r.first_error()->code, "AutoBackup.0102");
  EXPECT_NE(bpv::response_json(r).find("AutoBackup.0102"), std::string::npos);
}

TEST(Bounded, ManyFindingsUnderALongNameStayProportionalToTheBody) {
  // 20,000 '<' items under a 100,000-character member name: listing every finding with its
  // path would be 2 GB; the report stays within a few times the body's size.
  std::string body = "{\"backup_policy_name\":\"a\",\"" + std::string(100000, 'A') + "\":[";
  for (int i = 0; i < 20000; ++i) body += i ? ",\"<\"" : "\"<\"";
  body += "]}";
  options opts;
  opts.limits.max_body_bytes = 4 << 20;
  report r = check(body, {}, opts);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.first_error()->code, "AutoBackup.0221");
  EXPECT_EQ(r.diagnostics.size() + r.omitted, 20001u) << "every finding is listed or counted (one warning, 20,000 errors)";
  std::size_t path_bytes = 0;
  for (const auto& d : r.diagnostics) path_bytes += d.path.size();
  EXPECT_LE(path_bytes, 2 * opts.limits.max_body_bytes + 200000);
  EXPECT_LT(bpv::to_json(r, "-").size(), 3 * opts.limits.max_body_bytes);
}

TEST(Bounded, ASmallBodyMakesASmallReportWhateverTheLimits) {
  // 2,000 '<' items under a name of 2,000 DEL characters (each raw in the body, 6 bytes as
  // \u007F in the report): 100 listed paths would be 1.2 MB of report for a 10 KB body, and
  // every one 24 MB. The paths' room is 8 times the body's own size, at least 64 KiB, not the
  // size limit's, and counts a path as the report writes it.
  std::string body = "{\"backup_policy_name\":\"a\",\"" + std::string(2000, '\x7f') + "\":[";
  for (int i = 0; i < 2000; ++i) body += i ? ",\"<\"" : "\"<\"";
  body += "]}";
  for (std::size_t cap : {std::size_t{100}, std::numeric_limits<std::size_t>::max()}) {
    SCOPED_TRACE(cap);
    options opts;
    opts.limits.max_diagnostics = cap;
    report r = check(body, {}, opts);
    EXPECT_FALSE(r.valid);
    EXPECT_EQ(r.first_error()->code, "AutoBackup.0221");
    EXPECT_EQ(r.diagnostics.size() + r.omitted, 2001u) << "every finding is listed or counted";
    EXPECT_LT(r.diagnostics.size(), 10u) << "each path is 12 KB in the report";
    EXPECT_LT(bpv::to_json(r, "-").size(), 12 * body.size());
    EXPECT_LT(bpv::to_text(r, body, "-").size(), 12 * body.size());
  }
}

// A path repeats its ancestors' names: one finding on each level of a body nested to the depth
// limit needs far more room than the body, and is no hostile structure. Every one is listed.
TEST(Bounded, FindingsOnEveryLevelOfADeepBodyAreAllListed) {
  for (std::size_t name_size : {2u, 12u, 30u}) {
    SCOPED_TRACE(name_size);
    std::string const name = "<" + std::string(name_size - 1, 'n');
    std::string body = R"({"backup_policy_name":"a",)";
    for (int level = 2; level <= 64; ++level) body += "\"" + name + "\":" + (level < 64 ? "{" : "1");
    body += std::string(63, '}');
    report r = check(body);
    EXPECT_EQ(r.omitted, 0u);
    EXPECT_EQ(count_rule(r, "string.angle_brackets"), 63u) << rules_of(r);
    std::size_t path_bytes = 0;
    for (const auto& d : r.diagnostics) path_bytes += d.path.size();
    if (name_size == 30) {
      EXPECT_GT(path_bytes, 20 * body.size()) << "far more than the body's own size";
    }
  }
}

TEST(Reuse, PolicyIdMayComeFromTheReportBeingFilled) {
  bpv::validator v;
  report r;
  context ctx;
  ctx.policy_id = "af8a20b0";
  v.validate(R"({"backup_policy_name":"a"})", ctx, r);
  ASSERT_TRUE(r.policy_id.has_value());
  ctx.policy_id = *r.policy_id;  // a view into the report that validate() refills
  v.validate(R"({"backup_policy_name":"b"})", ctx, r);
  EXPECT_EQ(r.policy_id, std::optional<std::string>("af8a20b0"));
  EXPECT_NE(bpv::response_json(r).find("\"af8a20b0\""), std::string::npos);
}

TEST(Text, ControlCharactersInNamesAndSourceAreShownEscaped) {
  const std::string body = "{\"backup_policy_name\":\"a\",\"\\u001b[31mX\\nY\":1}";
  report r = check(body);
  ASSERT_EQ(count_rule(r, "member.unknown"), 1u) << rules_of(r);
  std::string text = bpv::to_text(r, body, "in\x1b[0mput\n");
  for (char c : text) {
    if (c == '\n') continue;
    EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7F) << "raw control byte " << int(c) << " in: " << text;
  }
  EXPECT_NE(text.find("\\u001B[31mX\\u000AY"), std::string::npos) << text;
}

TEST(Messages, QuotesAndBackslashesInValuesAreEscaped) {
  report r = check(R"({"backup_policy_name":"a","x\"y\\z":1})");
  const diagnostic* d = find(r, "member.unknown");
  ASSERT_NE(d, nullptr) << rules_of(r);
  EXPECT_NE(d->message.find(R"("x\"y\\z")"), std::string::npos) << d->message;
}

}  // namespace
