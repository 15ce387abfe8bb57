// src/rules/fast.cpp: the fast acceptance must agree with the full rules on every body, since
// it answers for them when it says "clean". Each body is validated twice, with the fast path on
// and off, and the two reports must be equal in every field. The bodies: the conformance
// cases, the examples, JSONTestSuite, and requests built near every boundary of every field.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "bpv/bpv.hpp"
#include "internal_access.hpp"
#include "json_oracle.hpp"
#include "support.hpp"

namespace {

using bpv::test::cat;

using bpv::test::read_file;

// Near every boundary: each field's values around its limits and types, in requests that are
// otherwise clean, alone and together, with names escaped and members repeated.
std::vector<std::string> boundary_bodies() {
  // cat, not operator+: GCC 12 warns falsely (-Wrestrict) on "\"" + std::string(n, 'a') here.
  std::string const a64(64, 'a'), a65(65, 'a');
  std::vector<std::string> names = {"\"p\"", "\"policy_01\"", cat({"\"", a64, "\""}),
                                    cat({"\"", a65, "\""}), "\"default_x\"", "\"Default_x\"", "\"\"",
                                    "\"p.q\"", "\"p<q\"", "\"\\u0070olicy\"", "\"p\\u00e9\"", "1", "null"};
  std::vector<std::string> zones = {"\"UTC+08:00\"", "\"UTC+14:00\"", "\"UTC+14:01\"", "\"UTC-12:00\"", "\"UTC-12:30\"",
                                    "\"UTC+05:45\"", "\"UTC+5:00\"", "\"UTC+08:60\"", "\"utc+08:00\"", "\"UTC-00:00\"", "8"};
  std::vector<std::string> intervals = {
      "\"frequency\":1", "\"frequency\":14", "\"frequency\":0", "\"frequency\":15", "\"frequency\":1.0",
      "\"frequency\":-0", "\"frequency\":\"1\"", "\"frequency\":1e0", "\"week_frequency\":[\"MON\"]",
      "\"week_frequency\":[\"SUN\",\"SAT\"]", "\"week_frequency\":[]", "\"week_frequency\":[\"MON\",\"MON\"]",
      "\"week_frequency\":[\"mon\"]", "\"week_frequency\":\"MON\"", "\"frequency\":2,\"week_frequency\":[\"MON\"]", ""};
  std::vector<std::string> starts = {"",
                                     ",\"start_time\":\"00:00\"",
                                     ",\"start_time\":\"23:00\"",
                                     ",\"start_time\":\"22:00,00:00,02:00\"",
                                     ",\"start_time\":\"02:00,01:00\"",
                                     ",\"start_time\":\"02:00,02:00\"",
                                     ",\"start_time\":\"12:30\"",
                                     ",\"start_time\":\"24:00\"",
                                     ",\"start_time\":\"1:00\"",
                                     ",\"start_time\":\"\"",
                                     ",\"start_time\":\"00:00,01:00,02:00,03:00,04:00,05:00,06:00,07:00,08:00,09:00,10:00,"
                                     "11:00,12:00,13:00,14:00,15:00,16:00,17:00,18:00,19:00,20:00,21:00,22:00,23:00\"",
                                     ",\"start_time\":\"00:00,01:00,02:00,03:00,04:00,05:00,06:00,07:00,08:00,09:00,10:00,"
                                     "11:00,12:00,13:00,14:00,15:00,16:00,17:00,18:00,19:00,20:00,21:00,22:00,23:00,00:00\"",
                                     ",\"start_time\":12"};
  std::vector<std::string> retention = {"",
                                        ",\"rentention_num\":2",
                                        ",\"rentention_num\":14",
                                        ",\"rentention_num\":1",
                                        ",\"rentention_num\":2.0",
                                        ",\"rentention_day\":2",
                                        ",\"rentention_day\":99999",
                                        ",\"rentention_day\":100000",
                                        ",\"rentention_day\":2.5",
                                        ",\"rentention_day\":1.9",
                                        ",\"rentention_day\":99999.99",
                                        ",\"rentention_day\":9223372036854775808",
                                        ",\"rentention_num\":3,\"rentention_day\":3"};
  std::vector<std::string> others = {"",
                                     ",\"status\":\"ON\"",
                                     ",\"status\":\"OFF\"",
                                     ",\"status\":\"on\"",
                                     ",\"remain_first_backup_of_curMonth\":\"Y\"",
                                     ",\"remain_first_backup_of_curMonth\":\"n\"",
                                     ",\"remain_first_backup_of_curMonth\":true",
                                     ",\"time_zone\":\"UTC+08:00\"",
                                     ",\"retention_num\":3",
                                     ",\"status\":\"ON\",\"status\":\"OFF\"",
                                     ",\"\\u0073tatus\":\"ON\""};
  std::vector<std::string> out;
  for (const auto& iv : intervals)
    for (const auto& st : starts)
      for (const auto& zone : {std::string(), std::string(",\"time_zone\":\"UTC+02:00\""), std::string(",\"time_zone\":\"UTC-05:00\"")})
        out.push_back(cat({"{\"scheduled_policy\":{", iv.empty() ? "\"status\":\"ON\"" : iv, st, "}", zone, "}"}));
  for (const auto& r : retention)
    for (const auto& o : others) out.push_back(cat({"{\"scheduled_policy\":{\"frequency\":3", r, o, "}}"}));
  for (const auto& n : names)
    for (const auto& z : zones) out.push_back(cat({"{\"backup_policy_name\":", n, ",\"time_zone\":", z, "}"}));
  for (const auto& n : names) out.push_back(cat({"{\"backup_policy_name\":", n, "}"}));
  for (const char* whole :
       {"{}", "[]", "{\"a\":1}", "{\"backup_policy_name\":\"p\",\"backup_policy_name\":\"q\"}",
        "{\"\\u0062ackup_policy_name\":\"p\"}", "{\"backup_policy_name\":\"p\",\"extra\":{\"x\":[1,2,{}]}}",
        "{\"scheduled_policy\":[]}", "{\"scheduled_policy\":{\"frequency\":1,\"time_zone\":\"UTC+08:00\"}}",
        "{\"time_zone\":\"UTC+08:00\",\"scheduled_policy\":{\"frequency\":1,\"start_time\":\"22:00,23:00\"}}",
        "{\"time_zone\":\"UTC+02:00\",\"scheduled_policy\":{\"frequency\":1,\"start_time\":\"21:00,22:00\"}}",
        " {\"backup_policy_name\":\"p\"} ", "{\"backup_policy_name\":\"p\"} {}", "{\"backup_policy_name\":\"p\"",
        "{\"scheduled_policy\":{\"frequency\":18446744073709551616}}", "{\"scheduled_policy\":{\"frequency\":1e400}}"})
    out.emplace_back(whole);
  return out;
}

std::vector<std::string> all_bodies() {
  std::vector<std::string> bodies = boundary_bodies();
  std::string const cases = read_file(std::filesystem::path(BPV_SHARED_DIR) / "conformance" / "cases.json");
  if (auto v = bpv::test::json_reader(cases).parse())
    for (const auto& c : v->items)
      if (const auto* body = c.get("body"); body && body->is_string()) bodies.push_back(body->text);
  for (const char* example : {"examples/modify-request.json", "examples/invalid-request.json"})
    bodies.push_back(read_file(std::filesystem::path(BPV_SOURCE_DIR) / example));
  std::filesystem::path const suite = std::filesystem::path(BPV_SHARED_DIR) / "suites" / "JSONTestSuite" / "test_parsing";
  if (std::filesystem::exists(suite))
    for (const auto& f : std::filesystem::directory_iterator(suite)) bodies.push_back(read_file(f.path()));
  return bodies;
}

void expect_same(const bpv::report& fast, const bpv::report& full, const std::string& body) {
  EXPECT_EQ(fast.valid, full.valid) << body;
  EXPECT_EQ(fast.http_status, full.http_status) << body;
  EXPECT_EQ(fast.omitted, full.omitted) << body;
  EXPECT_EQ(fast.effective, full.effective)
      << body << "\nfast: " << (fast.effective ? bpv::to_json(*fast.effective) : "none")
      << "\nfull: " << (full.effective ? bpv::to_json(*full.effective) : "none");
  EXPECT_EQ(bpv::to_json(fast, "-"), bpv::to_json(full, "-")) << body;
}

// A validator with the fast path and one without, under the same options, each with a report
// reused from one body to the next (as services reuse them: stale storage must not leak
// through). compare() validates a body with both and requires the same report.
struct fast_and_full {
  bpv::validator fast, full;
  bpv::report a, b;  // the fast path's report, the full rules'
  explicit fast_and_full(const bpv::options& opts = {}) : fast(opts), full(opts) {
    bpv::internal_access::use_fast_path(full, false);
  }
  const bpv::report& compare(const std::string& body, const bpv::context& ctx = {}) {
    fast.validate(body, ctx, a);
    full.validate(body, ctx, b);
    expect_same(a, b, body);
    return a;
  }
  bool answered_fast() const noexcept { return bpv::internal_access::answered_fast(fast); }
};

struct setting {
  const char* name;
  bpv::context ctx;
  bpv::options opts;
};

std::vector<setting> settings() {
  std::vector<setting> s(8);
  s[0].name = "no context";
  s[1].name = "policy id";
  s[1].ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  s[2].name = "empty policy id";
  s[2].ctx.policy_id = "";
  s[3].name = "default policy";
  s[3].ctx.target_is_default = true;
  s[4].name = "max depth 2";
  s[4].opts.limits.max_depth = 2;
  s[5].name = "max depth 1";
  s[5].opts.limits.max_depth = 1;
  // A request clean under the page's rules is clean under any profile and overrides.
  s[6].name = "lenient profile";
  s[6].opts.profile = bpv::profile::lenient;
  s[7].name = "overrides";
  s[7].opts.overrides = {{"member.unknown", bpv::rule_level::error}, {"week_frequency.ignored", bpv::rule_level::off}};
  return s;
}

TEST(FastPath, AgreesWithTheFullRulesOnEveryBody) {
  std::vector<std::string> const bodies = all_bodies();
  ASSERT_GT(bodies.size(), 1000u);
  std::size_t clean = 0;
  for (const setting& s : settings()) {
    fast_and_full v(s.opts);
    for (const auto& body : bodies) {
      SCOPED_TRACE(s.name);
      const bpv::report& a = v.compare(body, s.ctx);
      clean += a.valid && a.diagnostics.empty();
    }
  }
  // Not vacuous: many bodies are clean, so the fast path answered for them.
  EXPECT_GT(clean, 300u);
}

// The fast path reads simdjson's first stage alone, which finds strings and checks UTF-8 but
// not the grammar between tokens: every separator and every token's whole text is the fast
// path's to check. Clean requests, compact and spaced out, each broken one byte at a time
// (deleted, replaced by one of the bytes that make or break JSON's grammar, or that byte put
// before it): the two must agree on every one, and none with a grammar error may pass.
TEST(FastPath, AgreesOnCleanRequestsBrokenOneByteAtATime) {
  std::vector<std::string> const clean = {
      R"({"backup_policy_name":"p_1","time_zone":"UTC+08:00","scheduled_policy":{"week_frequency":["MON","SUN"],)"
      R"("start_time":"01:00,03:00","rentention_num":3,"remain_first_backup_of_curMonth":"Y","status":"ON"}})",
      R"({"scheduled_policy":{"status":"OFF","frequency":14,"rentention_day":99999},"backup_policy_name":"x"})",
      "{ \"time_zone\" : \"UTC-05:00\" ,\n  \"scheduled_policy\" : {\n    \"frequency\" : 2 ,\n"
      "    \"start_time\" : \"22:00\"\n  }\n}\n",
  };
  std::string const inserts = ",:[]{}\"\\ 1-.e";
  fast_and_full v;
  std::size_t bodies = 0, passed = 0;
  auto both = [&](const std::string& body) {
    passed += v.compare(body).valid;
    ++bodies;
  };
  for (const std::string& c : clean) {
    both(c);
    ASSERT_TRUE(v.a.valid && v.a.diagnostics.empty()) << c;
    bpv::test::for_each_one_byte_change(c, inserts, both);
  }
  EXPECT_GT(bodies, 5000u);
  EXPECT_GT(passed, 100u) << "some changes keep a request valid (white space, a digit more)";
}

// Members the API does not have: the fast path lets through those whose only findings are
// about being one (other_members), and leaves the rest to the full rules. Either way the report
// is the full rules' own, in every setting; and each body here is answered by the route it
// names, so that the letting through is tested, not assumed.
TEST(FastPath, LetsThroughMembersTheApiDoesNotHave) {
  std::string const sp_ok = R"("scheduled_policy":{"frequency":2,"start_time":"01:00")";
  auto body = [&](std::string_view root_extra, std::string_view sp_extra) {
    return cat({R"({"backup_policy_name":"p",)", sp_ok, sp_extra, "}", root_extra, "}"});
  };
  std::string many;
  for (int i = 0; i < 8; ++i) many += cat({",\"x", std::to_string(i), "\":", std::to_string(i)});
  struct example {
    std::string body;
    bool fast;  // answered by the fast path
  };
  std::vector<example> const examples = {
      {body(R"(,"description":"nightly")", ""), true},
      {body(R"(,"enabled":true,"n":null,"f":false)", ""), true},
      {body(R"(,"count":-1.5e3,"zero":0)", ""), true},
      {body("", R"(,"note":"x")"), true},
      {body(R"(,"a":1)", R"(,"a":2)"), true},                       // the same name in two objects
      {body(R"(,"frequency":3)", ""), true},                        // misplaced: an error
      {body("", R"(,"time_zone":"UTC+08:00")"), true},              // misplaced the other way
      {body("", R"(,"retention_num":3)"), true},                    // a near miss: an error with its code
      {body(R"(,"backup_policy_nam":"q")", ""), true},              // a near miss at the top
      {body(R"(,"a/b~c":1)", ""), true},                            // escaped in its path
      {body(R"(,"x":"")", ""), true},
      {body(R"(,"":1)", ""), true},
      {body(many, ""), true},                                       // as many as the fast path holds
      {body(many + R"(,"x8":8)", ""), false},                       // one more
      {body(R"(,"a":1,"a":2)", ""), false},                         // a duplicate
      {body(R"(,"tags":["a"])", ""), false},                        // not a scalar
      {body(R"(,"extra":{})", ""), false},
      {body(R"(,"a<b":1)", ""), false},                             // '<': a finding of its own
      {body(R"(,"a":"b>c")", ""), false},
      {body(R"(,"a\u0062":1)", ""), false},                        // escapes: the full rules unescape
      {body(R"(,"a":"\n")", ""), false},
      {body(R"(,"a":01)", ""), false},                              // not JSON
      {body(R"(,"a":tru)", ""), false},
      {body(R"(,"a":1 2)", ""), false},
      {R"({"description":"only"})", false},                         // nothing to modify: an error of its own
      {R"({"scheduled_policy":{"note":1}})", false},
  };
  std::size_t with_findings = 0;
  for (const setting& s : settings()) {
    fast_and_full v(s.opts);
    for (const example& e : examples) {
      SCOPED_TRACE(s.name);
      const bpv::report& a = v.compare(e.body, s.ctx);
      if (std::string_view(s.name) == "no context") {
        EXPECT_EQ(v.answered_fast(), e.fast) << e.body;
        with_findings += e.fast && !a.diagnostics.empty();
      }
    }
  }
  EXPECT_EQ(with_findings, 13u);
}

// Requests with members the API does not have, broken one byte at a time, as above.
TEST(FastPath, AgreesOnRequestsWithOtherMembersBrokenOneByteAtATime) {
  std::string const noted =
      R"({"backup_policy_name":"p_1","description":"nightly","scheduled_policy":{"frequency":1,"note":-2.5e1,)"
      R"("status":"ON","enabled":true},"time_zone":"UTC+08:00","owner":null})";
  fast_and_full v;
  std::size_t bodies = 0, answered = 0;
  auto both = [&](const std::string& body) {
    v.compare(body);
    ++bodies;
    answered += v.answered_fast();
  };
  both(noted);
  ASSERT_TRUE(v.a.valid && v.a.diagnostics.size() == 4 && v.answered_fast()) << bpv::test::rules_of(v.a);
  bpv::test::for_each_one_byte_change(noted, ",:[]{}\"\\ 1-.e<", both);
  EXPECT_GT(bodies, 3000u);
  EXPECT_GT(answered, 100u);
}

TEST(FastPath, ReusedReportsHoldNothingStale) {
  // A clean request with every member, then one with few: the second's effective policy must
  // not keep members of the first (its fields keep storage, not values).
  bpv::validator v;
  bpv::report r;
  v.validate(R"({"backup_policy_name":"a_long_enough_name_to_leave_the_small_buffer","time_zone":"UTC+01:00",
    "scheduled_policy":{"week_frequency":["MON","TUE"],"start_time":"01:00,02:00,03:00","rentention_num":3,
    "remain_first_backup_of_curMonth":"Y","status":"ON"}})",
             {}, r);
  ASSERT_TRUE(r.valid && r.effective && r.effective->scheduled_policy);
  v.validate(R"({"scheduled_policy":{"frequency":2}})", {}, r);
  ASSERT_TRUE(r.valid && r.effective && r.effective->scheduled_policy);
  EXPECT_EQ(bpv::to_json(*r.effective), R"({"scheduled_policy":{"frequency":2}})");
  v.validate(R"({"time_zone":"UTC+01:00"})", {}, r);
  EXPECT_EQ(bpv::to_json(*r.effective), R"({"time_zone":"UTC+01:00"})");
  v.validate(R"({"time_zone":"UTC+99:00"})", {}, r);
  EXPECT_FALSE(r.effective.has_value());
}

}  // namespace
