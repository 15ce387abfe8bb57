// Hostile input, through the library (the command line's hostile tests are in cli_test, the
// JSON walk's limits in json_walk_test): the naughty strings of ../shared/suites/blns as member
// names and as every string value, the 47 time cases of JSON-Schema-Test-Suite as start_time and
// time_zone, escaped member names, and control characters in each place a string can be.
// Expectations come from decisions.md through small independent checks written here. No test
// asserts a time.
#include <gtest/gtest.h>

#if defined(__unix__)
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cstring>

#include <string>
#include <string_view>
#include <vector>

#include "json_oracle.hpp"
#include "support.hpp"

namespace {

using bpv::report;
using bpv::test::cat;
using bpv::test::check;
using bpv::test::count_rule;
using bpv::test::find;
using bpv::test::jv;
using bpv::test::rules_of;

// ---------------------------------------------------------------------------------------------
// Helpers

using bpv::test::read_file;

/// A suite file of ../shared/suites parsed by the test's own JSON reader; skips when absent.
std::optional<jv> suite(const std::string& relative) {
  std::string const text = read_file(BPV_SHARED_DIR "/suites/" + relative);
  if (text.empty()) return std::nullopt;
  bpv::test::json_reader reader(text);
  return reader.parse();
}

/// A JSON string literal for UTF-8 text: '"', '\' and control characters escaped.
std::string quote(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    unsigned char const c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

/// A JSON value written back (for the non-string cases of time.json).
std::string write(const jv& v) {
  switch (v.kind) {
    case jv::kind_t::null: return "null";
    case jv::kind_t::boolean: return v.boolean ? "true" : "false";
    case jv::kind_t::number: return v.text;
    case jv::kind_t::string: return quote(v.text);
    case jv::kind_t::array: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) out.append(i ? "," : "").append(write(v.items[i]));
      return out + "]";
    }
    case jv::kind_t::object: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.items.size(); ++i)
        out.append(i ? "," : "").append(quote(v.keys[i])).append(":").append(write(v.items[i]));
      return out + "}";
    }
  }
  return "null";
}

bool has_angle_bracket(std::string_view s) { return s.find_first_of("<>") != std::string_view::npos; }
bool digit(char c) { return c >= '0' && c <= '9'; }

/// decisions.md, "Fields": 1..64 code points of ASCII letters, digits, '_' and '-' (so 1..64
/// bytes), not starting with "default".
bool good_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.starts_with("default")) return false;
  for (char c : s)
    if (!(digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) return false;
  return true;
}

/// decisions.md: "HH:00" entries, hour 00..23, ascending (no time_zone: local is UTC), at most 24.
bool good_start_time(std::string_view s) {
  if (s.size() < 5 || (s.size() + 1) % 6 != 0 || (s.size() + 1) / 6 > 24) return false;
  int previous = -1;
  for (std::size_t at = 0; at < s.size(); at += 6) {
    if (!(digit(s[at]) && digit(s[at + 1]) && s.substr(at + 2, 3) == ":00")) return false;
    if (at + 5 < s.size() && s[at + 5] != ',') return false;
    int const hour = (s[at] - '0') * 10 + (s[at + 1] - '0');
    if (hour > 23 || hour <= previous) return false;
    previous = hour;
  }
  return true;
}

/// decisions.md: "UTC+HH:mm" / "UTC-HH:mm", minute 00..59, within -12:00..+14:00.
bool good_time_zone(std::string_view s) {
  if (!(s.size() == 9 && s.starts_with("UTC") && (s[3] == '+' || s[3] == '-') && digit(s[4]) && digit(s[5]) &&
        s[6] == ':' && digit(s[7]) && digit(s[8])))
    return false;
  int const minutes = (s[7] - '0') * 10 + (s[8] - '0');
  int const total = ((s[4] - '0') * 10 + (s[5] - '0')) * 60 + minutes;
  return minutes <= 59 && (s[3] == '+' ? total <= 14 * 60 : total <= 12 * 60);
}

/// Every finding of `r` is an error at `path` with one of the codes, or 0221 when the text has
/// '<' or '>'; `r` is valid exactly when `good`.
void expect_field(const report& r, bool good, std::string_view text, std::string_view path,
                  std::initializer_list<std::string_view> codes, std::string_view what) {
  EXPECT_EQ(r.valid, good) << what << ": " << rules_of(r);
  for (const auto& d : r.diagnostics) {
    EXPECT_EQ(d.path, path) << what << ": " << rules_of(r);
    bool const allowed = std::find(codes.begin(), codes.end(), d.code) != codes.end() ||
                         (d.code == "AutoBackup.0221" && has_angle_bracket(text));
    EXPECT_TRUE(allowed) << what << ": " << d.rule << " " << d.code;
  }
  EXPECT_EQ(count_rule(r, "string.angle_brackets"), has_angle_bracket(text) ? 1u : 0u) << what;
}

// ---------------------------------------------------------------------------------------------
// The big list of naughty strings: 485 strings (Unicode, control characters, injection strings).

std::vector<std::string> naughty_strings() {
  std::vector<std::string> out;
  if (auto v = suite("blns/blns.json"); v && v->is_array())
    for (const auto& item : v->items)
      if (item.is_string()) out.push_back(item.text);
  return out;
}

class NaughtyStrings : public ::testing::Test {
 protected:
  void SetUp() override {
    strings = naughty_strings();
    if (strings.empty()) GTEST_SKIP() << "absent: " << BPV_SHARED_DIR "/suites/blns/blns.json";
    ASSERT_EQ(strings.size(), 485u);
  }
  std::vector<std::string> strings;
};

TEST_F(NaughtyStrings, AsThePolicyName) {
  std::size_t valid = 0;
  for (const auto& s : strings) {
    report const r = check(cat({R"({"backup_policy_name":)", quote(s), "}"}));
    expect_field(r, good_name(s), s, "/backup_policy_name", {"AutoBackup.0101", "AutoBackup.0102"}, s);
    if (r.valid) {
      ++valid;
      EXPECT_EQ(r.effective->backup_policy_name, std::optional<std::string>(s));
    }
  }
  EXPECT_EQ(valid, 54u);  // the plain words and numbers of the list (counted once with a regular expression)
}

TEST_F(NaughtyStrings, AsAMemberName) {
  // An unknown member is a warning; a near miss of a member of the API is an error; '<' or '>'
  // in the name is 0221 at the member's path.
  for (const auto& s : strings) {
    std::string const body = cat({"{", quote(s), R"(:1,"time_zone":"UTC+08:00"})"});
    report const r = check(body);
    bool const near = count_rule(r, "member.near_miss") != 0;
    EXPECT_EQ(r.valid, !has_angle_bracket(s) && !near) << s << ": " << rules_of(r);
    EXPECT_EQ(count_rule(r, "member.unknown") + count_rule(r, "member.near_miss"), 1u) << s << ": " << rules_of(r);
    EXPECT_EQ(count_rule(r, "string.angle_brackets"), has_angle_bracket(s) ? 1u : 0u) << s;
    for (const auto& d : r.diagnostics) EXPECT_EQ(d.offset, std::optional<std::size_t>(1)) << s << ": " << rules_of(r);
  }
}

TEST_F(NaughtyStrings, AsStartTime) {
  for (const auto& s : strings) {
    report const r = check(bpv::test::sp(cat({R"("week_frequency":["MON"],"start_time":)", quote(s)})));
    expect_field(r, good_start_time(s), s, "/scheduled_policy/start_time", {"AutoBackup.0103"}, s);
  }
}

TEST_F(NaughtyStrings, AsTimeZone) {
  for (const auto& s : strings) {
    report const r = check(cat({R"({"time_zone":)", quote(s), "}"}));
    expect_field(r, good_time_zone(s), s, "/time_zone", {"AutoBackup.0226"}, s);
  }
}

TEST_F(NaughtyStrings, AsEveryOtherStringValue) {
  // The enumerations accept exactly their words; anything else is that member's error.
  for (const auto& s : strings) {
    report const r = check(bpv::test::sp(cat({R"("frequency":1,"status":)", quote(s)})));
    expect_field(r, s == "ON" || s == "OFF", s, "/scheduled_policy/status", {"AutoBackup.0104"}, s);
    report const m = check(bpv::test::sp(cat({R"("frequency":1,"remain_first_backup_of_curMonth":)", quote(s)})));
    expect_field(m, s == "Y" || s == "N", s, "/scheduled_policy/remain_first_backup_of_curMonth", {"AutoBackup.0105"}, s);
    report const w = check(bpv::test::sp(cat({R"("week_frequency":[)", quote(s), "]"})));
    bool const day = s == "SUN" || s == "MON" || s == "TUE" || s == "WED" || s == "THU" || s == "FRI" || s == "SAT";
    expect_field(w, day, s, "/scheduled_policy/week_frequency/0", {"AutoBackup.0106"}, s);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-Schema-Test-Suite time.json: 47 RFC 3339 "time" cases, as start_time and as time_zone.
//
// Adapted expectations (RFC 3339 "full-time" against our syntax, as grammar_test explains):
// every one of the 41 strings carries seconds ("HH:MM:SS") and an RFC 3339 offset ("Z",
// "+08:00"), which neither start_time ("HH:mm" lists, no seconds, no offset) nor time_zone
// ("UTC+HH:mm" only) allows, so each is refused with 0103 / 0226 where the schema suite says
// "valid" or "invalid" alike. The 6 non-strings (number, fraction, object, array, boolean,
// null) are wrong types: 0103 / 0226 too, reported as the type rule.

TEST(TimeSchemaSuite, AllFortySevenCasesAreRefusedAsStartTimeAndAsTimeZone) {
  std::optional<jv> const groups = suite("JSON-Schema-Test-Suite/time.json");
  if (!groups) GTEST_SKIP() << "absent: " << BPV_SHARED_DIR "/suites/JSON-Schema-Test-Suite/time.json";
  std::size_t cases = 0, strings = 0;
  for (const auto& group : groups->items) {
    for (const auto& test : group.get("tests")->items) {
      const jv& data = *test.get("data");
      ++cases;
      strings += data.is_string();
      std::string const value = write(data);
      std::string const what = value + " (" + test.get("description")->text + ")";

      std::string const st_body = bpv::test::sp(cat({R"("week_frequency":["MON"],"start_time":)", value}));
      std::string const tz_body = cat({R"({"time_zone":)", value, "}"});
      report const st = check(st_body);
      EXPECT_FALSE(st.valid) << what;
      if (data.is_string()) {
        // Each entry's break (what the commas separate: "01:01:01,1111" has two), and the rules
        // of parts well-formed before a break ("08:30:06Z": minute 30), nothing else.
        EXPECT_GE(count_rule(st, "start_time.syntax"), 1u) << what << ": " << rules_of(st);
        EXPECT_LE(count_rule(st, "start_time.syntax"), static_cast<std::size_t>(std::count(value.begin(), value.end(), ',')) + 1) << what;
        for (const auto& d : st.diagnostics)
          EXPECT_TRUE(d.rule == "start_time.syntax" || d.rule == "start_time.hour" || d.rule == "start_time.full_hour")
              << what << ": " << rules_of(st);
      } else {
        EXPECT_EQ(count_rule(st, "start_time.type"), 1u) << what << ": " << rules_of(st);
        EXPECT_EQ(st.diagnostics.size(), 1u) << what << ": " << rules_of(st);
      }

      report const tz = check(tz_body);
      EXPECT_FALSE(tz.valid) << what;
      EXPECT_EQ(count_rule(tz, data.is_string() ? "time_zone.syntax" : "time_zone.type"), 1u) << what << ": " << rules_of(tz);
      EXPECT_EQ(tz.diagnostics.size(), 1u) << what << ": " << rules_of(tz);
      // A syntax error points into the string, past its opening quote; a wrong type at the value.
      for (const report* r : {&st, &tz}) {
        std::size_t const value_at = (r == &st ? st_body : tz_body).rfind(value);
        ASSERT_TRUE(r->diagnostics.front().offset.has_value()) << what;
        EXPECT_EQ(*r->diagnostics.front().offset > value_at, data.is_string()) << what;
        EXPECT_GE(*r->diagnostics.front().offset, value_at) << what;
      }
    }
  }
  EXPECT_EQ(cases, 47u);
  EXPECT_EQ(strings, 41u);
}

// ---------------------------------------------------------------------------------------------
// Escaped member names are read after unescaping ("\u0062ackup_policy_name" is
// backup_policy_name), everywhere: binding, checks, duplicates, near misses, the effective policy.

TEST(EscapedMemberNames, AreTheMembersTheyNameOnceUnescaped) {
  report const r = check(
      R"({"\u0062ackup_policy_name":"policy_01","\u0073cheduled_policy":{"\u0066requency":2,)"
      R"("start\u005ftime":"01:00","rentention\u005fday":7.5},"x\u0020y":1,"time\u005Fzone":"UTC+08:00"})");
  EXPECT_TRUE(r.valid) << rules_of(r);
  ASSERT_TRUE(r.effective);
  EXPECT_EQ(r.effective->backup_policy_name, std::optional<std::string>("policy_01"));
  ASSERT_TRUE(r.effective->scheduled_policy);
  EXPECT_EQ(r.effective->scheduled_policy->frequency, std::optional<std::int64_t>(2));
  EXPECT_EQ(r.effective->scheduled_policy->start_time, std::optional<std::string>("01:00"));
  EXPECT_EQ(r.effective->scheduled_policy->rentention_day, std::optional<std::int64_t>(7));
  EXPECT_EQ(r.effective->time_zone, std::optional<std::string>("UTC+08:00"));
  EXPECT_EQ(count_rule(r, "member.unknown"), 1u) << rules_of(r);
}

TEST(EscapedMemberNames, ValuesAreCheckedAndReportedAtTheirPlace) {
  std::string const body = R"({"\u0062ackup_policy_name":"default_x"})";
  report const r = check(body);
  const bpv::diagnostic* d = find(r, "backup_policy_name.default_prefix");
  ASSERT_NE(d, nullptr) << rules_of(r);
  EXPECT_EQ(d->path, "/backup_policy_name");
  EXPECT_EQ(d->offset, std::optional<std::size_t>(body.find("\"default_x")));
}

TEST(EscapedMemberNames, DuplicatesAfterUnescaping) {
  std::string const body = R"({"backup_policy_name":"a","\u0062ackup_policy_name":"b"})";
  report const r = check(body);
  const bpv::diagnostic* d = find(r, "member.duplicate");
  ASSERT_NE(d, nullptr) << rules_of(r);
  EXPECT_EQ(d->path, "/backup_policy_name");
  EXPECT_EQ(d->offset, std::optional<std::size_t>(body.find("\"\\u0062")));
  // the first occurrence is the one bound
  EXPECT_EQ(count_rule(check(R"({"\u0062ackup_policy_name":"a b","backup_policy_name":"ok"})"),
                       "backup_policy_name.characters"),
            1u);
}

TEST(EscapedMemberNames, NearMissesAndAngleBracketsAfterUnescaping) {
  report const r = check(R"({"scheduled_policy":{"frequency":1,"retention\u005fnum":3}})");
  const bpv::diagnostic* d = find(r, "member.near_miss");
  ASSERT_NE(d, nullptr) << rules_of(r);
  EXPECT_EQ(d->code, "AutoBackup.0107");
  EXPECT_EQ(count_rule(check(R"({"x\u003cy":1,"time_zone":"UTC+08:00"})"), "string.angle_brackets"), 1u);
}

// ---------------------------------------------------------------------------------------------
// Control characters: raw ones are not JSON (0008 where they stand); escaped ones are JSON and
// each field refuses them as its own error.

TEST(ControlCharacters, RawInAStringIsNotJsonAndEscapedIsAFieldError) {
  struct place {
    std::string_view before, after;  // the character goes between them
    std::string_view escaped_rule;   // the finding for the escaped character ("" when valid)
    std::size_t escaped_at;          // its offset
  };
  std::string const name = R"({"backup_policy_name":"a)", zone = R"({"time_zone":"UTC+08:00)",
                    start = R"({"scheduled_policy":{"frequency":1,"start_time":"01:00)", member = R"({"x)";
  const place places[] = {
      {name, R"("})", "backup_policy_name.characters", name.size() - 2},  // at the value's opening quote
      {zone, R"("})", "time_zone.syntax", zone.size()},                   // at the escape
      {start, R"("}})", "start_time.syntax", start.size()},               // at the escape
      {member, R"(":1,"time_zone":"UTC+08:00"})", "", 0},                 // an unknown member's name may hold anything
  };
  static constexpr char hex[] = "0123456789abcdef";
  for (int c = 0; c < 0x20; ++c) {
    std::string const escaped = std::string("\\u00") + hex[c >> 4] + hex[c & 15];
    for (const place& p : places) {
      report const r = check(cat({p.before, std::string(1, static_cast<char>(c)), p.after}));
      const bpv::diagnostic* d = find(r, "body.not_json");
      ASSERT_NE(d, nullptr) << c << " " << p.before << ": " << rules_of(r);
      EXPECT_EQ(d->offset, std::optional<std::size_t>(p.before.size())) << c << " " << p.before;

      report const e = check(cat({p.before, escaped, p.after}));
      EXPECT_EQ(e.valid, p.escaped_rule.empty()) << c << " " << p.before << ": " << rules_of(e);
      if (p.escaped_rule.empty()) continue;
      const bpv::diagnostic* f = find(e, p.escaped_rule);
      ASSERT_NE(f, nullptr) << c << " " << p.before << ": " << rules_of(e);
      EXPECT_EQ(f->offset, std::optional<std::size_t>(p.escaped_at)) << c << " " << p.before;
    }
  }
}

}  // namespace

#if defined(__unix__)
// The validator reads a body where it lies (simdjson's first stage and the request read from
// its index, no copy):
// it must read no byte past its end, on simdjson's SIMD kernels and on its fallback kernel
// (where the first stage runs over a padded copy). Each body here ends on the last byte before
// a page that may not be read, so one byte too far is a crash, not a silent read; bodies of
// every length mod 64 put the end in each place of simdjson's last, partial block.
TEST(BodyBounds, NoByteIsReadPastTheEndOfTheBody) {
  long const page = sysconf(_SC_PAGESIZE);
  ASSERT_GT(page, 0);
  auto const size = static_cast<std::size_t>(page);
  void* const map = mmap(nullptr, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(map, MAP_FAILED);
  char* const guard = static_cast<char*>(map) + size;
  ASSERT_EQ(mprotect(guard, size, PROT_NONE), 0);

  std::vector<std::string> bodies = {bpv::test::read_file(BPV_SOURCE_DIR "/examples/modify-request.json"),
                                     bpv::test::read_file(BPV_SOURCE_DIR "/examples/invalid-request.json")};
  ASSERT_FALSE(bodies[0].empty());
  for (std::size_t pad = 0; pad < 64; ++pad) {
    std::string const name(pad + 1, 'n');
    bodies.push_back(bpv::test::cat({R"({"backup_policy_name":")", name, R"("})"}));  // clean
    bodies.push_back(bpv::test::cat({R"({"x":")", name, R"("})"}));                   // findings: looked at whole
    bodies.push_back(bpv::test::cat({R"({"backup_policy_name":")", name}));          // cut off: not JSON
    bodies.push_back(bpv::test::cat({R"({"backup_policy_name":)", std::string(pad + 1, '1')}));
    // Findings on members read from the index, the last value and a repeat at the end.
    bodies.push_back(bpv::test::cat({R"({"scheduled_policy":{"week_frequency":[")", name, R"("]}})"}));
    bodies.push_back(bpv::test::cat({R"({"x":1,"backup_policy_name":")", name, R"(","x":)", std::string(pad + 1, '2'), "}"}));
  }
  // Cut off inside a string on an unfinished UTF-8 character: simdjson's scalar fallback kernel
  // reads past such an end (the ctest entry hostile_test_fallback runs this test on it).
  for (const char* end : {"\xC3", "\xE2\x82", "\xF0\x9F\x98", "\\", "\\u00"}) {
    bodies.push_back(bpv::test::cat({R"({"a":")", end}));
    bodies.push_back(bpv::test::cat({R"({"backup_policy_name":"p","description":")", std::string(40, 'd'), end}));
  }
  bpv::validator v;
  bpv::report r;
  std::size_t valid = 0;
  for (const std::string& body : bodies) {
    ASSERT_LE(body.size(), size);
    char* const at = guard - body.size();
    std::memcpy(at, body.data(), body.size());
    v.validate(std::string_view(at, body.size()), {}, r);
    EXPECT_EQ(r.valid, bpv::test::check(body).valid) << body;
    valid += r.valid;
  }
  EXPECT_GT(valid, 64u);
  munmap(map, 2 * size);
}
#endif
