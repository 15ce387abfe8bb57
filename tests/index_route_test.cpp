// The two readings of a body (rules/bind.hpp): the request straight from simdjson's structural
// index, which answers most bodies, must give the report the walked document gives, since the
// rules are the same code on either. Each body is validated twice, with the index reading on and
// off, and the two reports must be equal in every field. The bodies: the conformance cases, the
// examples, JSONTestSuite, and requests built near every boundary of every field.
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

void expect_same(const bpv::report& index, const bpv::report& doc, const std::string& body) {
  EXPECT_EQ(index.valid, doc.valid) << body;
  EXPECT_EQ(index.http_status, doc.http_status) << body;
  EXPECT_EQ(index.omitted, doc.omitted) << body;
  EXPECT_EQ(index.effective, doc.effective)
      << body << "\nindex: " << (index.effective ? bpv::to_json(*index.effective) : "none")
      << "\ndocument: " << (doc.effective ? bpv::to_json(*doc.effective) : "none");
  EXPECT_EQ(bpv::to_json(index, "-"), bpv::to_json(doc, "-")) << body;
}

// A validator that reads bodies from the structural index where it can and one that always
// walks the document, under the same options, each with a report reused from one body to the
// next (as services reuse them: stale storage must not leak through). compare() validates a
// body with both and requires the same report.
struct both_readings {
  bpv::validator index, doc;
  bpv::report a, b;  // the index reading's report, the document's
  explicit both_readings(const bpv::options& opts = {}) : index(opts), doc(opts) {
    bpv::internal_access::use_index_route(doc, false);
  }
  const bpv::report& compare(const std::string& body, const bpv::context& ctx = {}) {
    index.validate(body, ctx, a);
    doc.validate(body, ctx, b);
    expect_same(a, b, body);
    return a;
  }
  bool answered_from_index() const noexcept { return bpv::internal_access::answered_from_index(index); }
};

// A clean request with every member of the API.
const std::string every_member =
    R"({"backup_policy_name":"p_1","time_zone":"UTC+08:00","scheduled_policy":{"week_frequency":["MON","SUN"],)"
    R"("start_time":"01:00,03:00","rentention_num":3,"remain_first_backup_of_curMonth":"Y","status":"ON"}})";

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

TEST(IndexRoute, AgreesWithTheDocumentOnEveryBody) {
  std::vector<std::string> const bodies = all_bodies();
  ASSERT_GT(bodies.size(), 1000u);
  std::size_t from_index = 0, with_findings = 0;
  for (const setting& s : settings()) {
    both_readings v(s.opts);
    for (const auto& body : bodies) {
      SCOPED_TRACE(s.name);
      const bpv::report& a = v.compare(body, s.ctx);
      from_index += v.answered_from_index();
      with_findings += v.answered_from_index() && !a.diagnostics.empty();
    }
  }
  // Not vacuous: many bodies are read from the index, findings and all.
  EXPECT_GT(from_index, 3000u);
  EXPECT_GT(with_findings, 2000u);
}

// The index reading sees simdjson's first stage alone, which finds strings and checks UTF-8 but
// not the grammar between tokens: every separator and every token's whole text is its to
// check. Clean requests, compact and spaced out, each broken one byte at a time (deleted,
// replaced by one of the bytes that make or break JSON's grammar, or that byte put before it):
// the two must agree on every one, and none with a grammar error may pass.
TEST(IndexRoute, AgreesOnCleanRequestsBrokenOneByteAtATime) {
  std::vector<std::string> const clean = {
      every_member,
      R"({"scheduled_policy":{"status":"OFF","frequency":14,"rentention_day":99999},"backup_policy_name":"x"})",
      "{ \"time_zone\" : \"UTC-05:00\" ,\n  \"scheduled_policy\" : {\n    \"frequency\" : 2 ,\n"
      "    \"start_time\" : \"22:00\"\n  }\n}\n",
  };
  std::string const inserts = ",:[]{}\"\\ 1-.e<";
  both_readings v;
  std::size_t bodies = 0, passed = 0, from_index = 0;
  auto both = [&](const std::string& body) {
    passed += v.compare(body).valid;
    from_index += v.answered_from_index();
    ++bodies;
  };
  for (const std::string& c : clean) {
    both(c);
    ASSERT_TRUE(v.a.valid && v.a.diagnostics.empty() && v.answered_from_index()) << c;
    bpv::test::for_each_one_byte_change(c, inserts, both);
  }
  EXPECT_GT(bodies, 5000u);
  EXPECT_GT(passed, 100u) << "some changes keep a request valid (white space, a digit more)";
  EXPECT_GT(from_index, 2000u) << "most changes leave JSON that the index reading answers, findings and all";
}

// Which reading answers which body: the index, for every JSON object but those with a '\', a
// name repeated or a '<' or '>' below scheduled_policy's members and week_frequency's items, or
// nesting beyond the limit; the document for those. Either way the report is the document's
// own, in every setting; and each body here is answered by the reading it names, so that the
// choice is tested, not assumed.
TEST(IndexRoute, AnswersWhatItCanAndHandsOnTheRest) {
  std::string const sp_ok = R"("scheduled_policy":{"frequency":2,"start_time":"01:00")";
  auto body = [&](std::string_view root_extra, std::string_view sp_extra) {
    return cat({R"({"backup_policy_name":"p",)", sp_ok, sp_extra, "}", root_extra, "}"});
  };
  std::string many;
  for (int i = 0; i < 40; ++i) many += cat({",\"x", std::to_string(i), "\":", std::to_string(i)});
  struct example {
    std::string body;
    bool from_index;  // answered from the structural index
    bool valid;
  };
  std::vector<example> const examples = {
      {body("", ""), true, true},
      {body(R"(,"description":"nightly")", ""), true, true},
      {body(R"(,"enabled":true,"n":null,"f":false)", ""), true, true},
      {body(R"(,"count":-1.5e3,"zero":0)", ""), true, true},
      {body("", R"(,"note":"x")"), true, true},
      {body(R"(,"a":1)", R"(,"a":2)"), true, true},                  // the same name in two objects
      {body(R"(,"frequency":3)", ""), true, true},                   // misplaced: a warning
      {body("", R"(,"time_zone":"UTC+08:00")"), true, true},         // misplaced the other way
      {body("", R"(,"retention_num":3)"), true, false},              // a near miss: an error with its code
      {body(R"(,"backup_policy_nam":"q")", ""), true, false},        // a near miss at the top
      {body(R"(,"a/b~c":1)", ""), true, true},                       // escaped in its path
      {body(R"(,"x":"")", ""), true, true},
      {body(R"(,"":1)", ""), true, true},
      {body(many, ""), true, true},
      {body(R"(,"tags":["a",{"b":[null]}])", ""), true, true},        // containers stepped over
      {body(R"(,"extra":{})", ""), true, true},
      {body(R"(,"extra":{"a":1,"b":{"a":2}})", ""), true, true},      // a name again, one level down
      {body("", R"(,"frequency":15)"), true, false},                  // a repeat: the first binds
      {body(R"(,"a":1,"a":2)", ""), true, false},
      {body(R"(,"backup_policy_name":"q","scheduled_policy":[])", ""), true, false},
      {body(R"(,"extra":{"a":1,"a":2})", ""), false, false},          // one deeper: the document
      {body(R"(,"scheduled_policy":{"a":1,"a":2})", ""), false, false},
      {body(R"(,"a<b":1)", ""), true, false},                         // '<': a finding of its own
      {body(R"(,"a":"b>c")", ""), true, false},
      {body(R"(,"a":"b>c","a":"<")", ""), true, false},               // a repeat with one
      {body(R"(,"a":["b>c"])", ""), false, false},                    // one deeper: the document
      {body(R"(,"a":{"<":1})", ""), false, false},
      {body(R"(,"a<":{"b":[1]})", ""), true, false},
      {body(R"(,"a\u0062":1)", ""), false, true},                    // escapes: the document unescapes
      {body(R"(,"a":"\n")", ""), false, true},
      {body(R"(,"a":01)", ""), false, false},                         // not JSON
      {body(R"(,"a":tru)", ""), false, false},
      {body(R"(,"a":1 2)", ""), false, false},
      {body(R"(,"a":[1,])", ""), false, false},
      {R"({"description":"only"})", true, false},                     // nothing to modify
      {R"({})", true, false},
      {R"({"scheduled_policy":{"note":1}})", true, false},
      {R"({"scheduled_policy":{"frequency":1.5,"start_time":"1:00"},"time_zone":"UTC+15:00"})", true, false},
      {R"({"scheduled_policy":{"week_frequency":["MON",["x"],"MON",1],"status":"on"}})", true, false},
      {R"({"scheduled_policy":{"frequency":1,"week_frequency":"MON","rentention_num":3,"rentention_day":4}})", true, false},
      {R"({"backup_policy_name":{"a":[1]},"scheduled_policy":[1,2],"time_zone":null})", true, false},
      {R"({"backup_policy_name":"p\u0041"})", false, true},           // an escape in a value of the API
      {R"({"backup_policy_name":"p<"})", true, false},
      {R"({"scheduled_policy":{"week_frequency":["<MON",">"]}})", true, false},
      {R"({"scheduled_policy":{"week_frequency":[["<"]]}})", false, false},
      {R"({"backup_policy_name":"<","backup_policy_name":">"})", true, false},
      {R"({"backup_policy_name":"p","x":{"y":{"z":{}}}})", true, true},
      {R"([1])", false, false},                                       // not an object
  };
  for (const setting& s : settings()) {
    both_readings v(s.opts);
    for (const example& e : examples) {
      SCOPED_TRACE(s.name);
      const bpv::report& a = v.compare(e.body, s.ctx);
      if (std::string_view(s.name) == "no context") {
        EXPECT_EQ(v.answered_from_index(), e.from_index) << e.body;
        EXPECT_EQ(a.valid, e.valid) << e.body << "\n" << bpv::test::rules_of(a);
      }
    }
  }
}

// Nesting at the limit and one past it, in each place the index reading binds or steps over:
// the limit is the document's, so the two agree on where it is. And the index reading answers
// every one of these bodies that is within the limit, up to the limit itself: giving up a
// level early would hand the body to the document, with the same report, only slower.
TEST(IndexRoute, CountsDepthAsTheDocumentDoes) {
  std::vector<std::string> const bodies = {
      R"({"scheduled_policy":{"frequency":1,"status":"ON"}})",
      R"({"scheduled_policy":{"week_frequency":["MON"],"status":"ON"}})",
      R"({"scheduled_policy":{"week_frequency":[["MON"]]}})",
      R"({"backup_policy_name":"p","x":[[[1]]]})",
      R"({"backup_policy_name":"p","x":{"y":{"z":{}}}})",
      R"({"scheduled_policy":{"frequency":1,"x":{"y":[]}}})",
      R"({"scheduled_policy":[[{}]]})",
  };
  auto nesting = [](std::string_view b) {  // (no string here holds a bracket)
    std::size_t level = 0, most = 0;
    for (char c : b) {
      if (c == '{' || c == '[') most = std::max(most, ++level);
      if (c == '}' || c == ']') --level;
    }
    return most;
  };
  for (std::size_t depth = 1; depth <= 6; ++depth) {
    bpv::options opts;
    opts.limits.max_depth = depth;
    both_readings v(opts);
    for (const auto& b : bodies) {
      SCOPED_TRACE("max_depth " + std::to_string(depth));
      v.compare(b);
      EXPECT_EQ(v.answered_from_index(), nesting(b) <= depth) << b;
    }
  }
}

// A body that breaks only at its end is refused without a node made for each value before the
// break: the index reading, which has read the whole body, knows it is not JSON, so neither the
// document from the index nor the On-Demand walk is tried before the locator (they made a node
// per value, 50 ms and 40 MB for a megabyte, to be thrown away). So too when something in it
// (a name repeated deep down, an escape, a '<' deep down) would send a sound body to the document.
TEST(IndexRoute, ABodyBrokenAtItsEndMakesNoDocument) {
  std::string members;
  for (int i = 0; i < 5000; ++i) members += cat({",\"m", std::to_string(i), "\":[1,{\"a\":\"b\"}]"});
  std::vector<std::string> const heads = {
      R"({"backup_policy_name":"p","x":{"y":1)",
      R"({"backup_policy_name":"p","x":{"d":{"q":1,"q":2},"y":1)",
      R"({"backup_policy_name":"p\u0071","x":{"y":1)",
      R"({"backup_policy_name":"p","x":{"d":{"q":"<"},"y":1)",
  };
  for (const auto& head : heads) {
    for (const char* tail : {"}", "},", "}}}", "} x", "}]"}) {
      std::string const body = cat({head, members, tail});
      SCOPED_TRACE(head + std::string(" ... ") + tail);
      bpv::validator v;
      bpv::report const r = v.validate(body);
      ASSERT_FALSE(r.diagnostics.empty());
      EXPECT_EQ(r.diagnostics[0].rule, "body.not_json");
      ASSERT_TRUE(r.diagnostics[0].offset.has_value());
      EXPECT_GE(*r.diagnostics[0].offset, body.size() - 2);
      EXPECT_LT(bpv::internal_access::document_room(v), 100u);
    }
  }
  // A sound body with a name repeated deep down is still read whole into its document.
  bpv::validator v;
  bpv::report const r = v.validate(cat({heads[1], members, "}}"}));
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].path, "/x");  // unknown
  EXPECT_EQ(r.diagnostics[1].path, "/x/d/q");  // repeated
  EXPECT_EQ(r.diagnostics[1].rule, "member.duplicate");
  EXPECT_GT(bpv::internal_access::document_room(v), 5000u);
}

// Requests with members the API does not have, broken one byte at a time, as above.
TEST(IndexRoute, AgreesOnRequestsWithOtherMembersBrokenOneByteAtATime) {
  std::string const noted =
      R"({"backup_policy_name":"p_1","description":"nightly","scheduled_policy":{"frequency":1,"note":-2.5e1,)"
      R"("status":"ON","enabled":true,"tags":["a",{"b":null}]},"time_zone":"UTC+08:00","owner":null})";
  both_readings v;
  std::size_t bodies = 0, answered = 0;
  auto both = [&](const std::string& body) {
    v.compare(body);
    ++bodies;
    answered += v.answered_from_index();
  };
  both(noted);
  ASSERT_TRUE(v.a.valid && v.a.diagnostics.size() == 5 && v.answered_from_index()) << bpv::test::rules_of(v.a);
  bpv::test::for_each_one_byte_change(noted, ",:[]{}\"\\ 1-.e<", both);
  EXPECT_GT(bodies, 3000u);
  EXPECT_GT(answered, 1000u);
}

// The index reading takes each string as written, which is right only without '\'; and '<' and
// '>' have findings of their own, which it makes where it knows the string's path (members of
// the root and scheduled_policy, items of week_frequency). A clean request is sure to have
// neither; any other is looked at. Each string of requests clean, noted and invalid, given an
// escape (the document must answer) or an angle bracket (the index, but in the array of tags):
// the reports must be the document's.
TEST(IndexRoute, EscapesGoToTheDocumentAngleBracketsWhereTheirPathIsKnown) {
  std::vector<std::string> const bodies = {
      every_member,
      R"({"backup_policy_name":"p_1","description":"nightly","scheduled_policy":{"frequency":1,"note":"x"}})",
      R"({"backup_policy_name":"default","scheduled_policy":{"frequency":0,"status":"on"},"tags":["a"]})",
  };
  both_readings v;
  std::size_t changed = 0;
  for (const std::string& b : bodies) {
    v.compare(b);
    ASSERT_TRUE(v.answered_from_index()) << b;
    // After each opening quote (every other one: these bodies have no escape), an escaped
    // letter, a '<', a '>'.
    std::size_t quotes = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (b[i] != '"' || quotes++ % 2 != 0) continue;
      bool const in_tags = b.find("[\"a\"]") == i - 1;
      for (std::string_view put : {std::string_view("\\u0041"), std::string_view("<"), std::string_view(">")}) {
        std::string const c = cat({std::string_view(b).substr(0, i + 1), put, std::string_view(b).substr(i + 1)});
        v.compare(c);
        EXPECT_EQ(v.answered_from_index(), put.size() == 1 && !in_tags) << c;
        ++changed;
      }
    }
  }
  EXPECT_GT(changed, 80u);
}

TEST(IndexRoute, ReusedReportsHoldNothingStale) {
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
