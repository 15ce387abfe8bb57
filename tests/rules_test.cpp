// Every rule of bpv::rules(): a body where it fires (rule, severity, code, path, offset) and a
// near-identical body where it does not; then every row of ../shared/spec/decisions.md.
//
// Expectations come from the spec (decisions.md, the API page, error-codes.md), never from the
// program's output. Offsets are computed from the body text in the test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rules/members.hpp"
#include "rules/values.hpp"
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
using bpv::test::rules_of;
using bpv::test::sp;

constexpr severity E = severity::error, W = severity::warning, I = severity::info;
constexpr std::size_t not_found = static_cast<std::size_t>(-1);

// ---------------------------------------------------------------------------------------------
// Offsets, computed from the body text.

using offset_fn = std::function<std::optional<std::size_t>(std::string_view)>;

/// The first occurrence of `needle`, plus `plus` bytes.
offset_fn at(std::string needle, std::size_t plus = 0) {
  return [needle, plus](std::string_view body) -> std::optional<std::size_t> {
    auto p = body.find(needle);
    return p == std::string_view::npos ? not_found : p + plus;
  };
}
/// The last occurrence of `needle`, plus `plus` bytes.
offset_fn last(std::string needle, std::size_t plus = 0) {
  return [needle, plus](std::string_view body) -> std::optional<std::size_t> {
    auto p = body.rfind(needle);
    return p == std::string_view::npos ? not_found : p + plus;
  };
}
/// The byte just after the first occurrence of `needle` (the value after `"name":`).
offset_fn after(std::string needle) {
  return [needle](std::string_view body) -> std::optional<std::size_t> {
    auto p = body.find(needle);
    return p == std::string_view::npos ? not_found : p + needle.size();
  };
}
offset_fn null_offset() {
  return [](std::string_view) -> std::optional<std::size_t> { return std::nullopt; };
}

std::size_t pos(std::string_view body, std::string_view needle, std::size_t plus = 0) {
  auto p = body.find(needle);
  return p == std::string_view::npos ? not_found : p + plus;
}
std::size_t rpos(std::string_view body, std::string_view needle, std::size_t plus = 0) {
  auto p = body.rfind(needle);
  return p == std::string_view::npos ? not_found : p + plus;
}

std::string off_str(std::optional<std::size_t> o) { return o ? std::to_string(*o) : "null"; }

/// Some diagnostic of `r` has exactly this rule, severity, code, path and offset.
::testing::AssertionResult has(const report& r, std::string_view rule, severity sev, std::string_view code,
                               std::string_view path, std::optional<std::size_t> offset) {
  if (offset && *offset == not_found) return ::testing::AssertionFailure() << "test bug: needle not found in body";
  for (const diagnostic& d : r.diagnostics)
    if (d.rule == rule && d.severity == sev && d.code == code && d.path == path && d.offset == offset)
      return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no " << rule << " (" << bpv::to_string(sev) << ", code '" << code
                                       << "') at path '" << path << "' offset " << off_str(offset)
                                       << "; got: " << rules_of(r);
}

/// Some error diagnostic of `r` has this code, path and offset (any rule).
::testing::AssertionResult has_code(const report& r, std::string_view code, std::string_view path,
                                    std::optional<std::size_t> offset) {
  if (offset && *offset == not_found) return ::testing::AssertionFailure() << "test bug: needle not found in body";
  for (const diagnostic& d : r.diagnostics)
    if (d.severity == E && d.code == code && d.path == path && d.offset == offset)
      return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no error " << code << " at path '" << path << "' offset "
                                       << off_str(offset) << "; got: " << rules_of(r);
}

/// Some error diagnostic has this code and path (offset not checked).
::testing::AssertionResult has_code_at(const report& r, std::string_view code, std::string_view path) {
  for (const diagnostic& d : r.diagnostics)
    if (d.severity == E && d.code == code && d.path == path) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no error " << code << " at path '" << path << "'; got: " << rules_of(r);
}

std::size_t count_at_path(const report& r, std::string_view path) {
  std::size_t n = 0;
  for (const auto& d : r.diagnostics) n += d.path == path;
  return n;
}

bool any_whole_body_error(const report& r) {
  for (const auto& d : r.diagnostics)
    if (d.path.empty() && d.severity == E) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// The rule table.

struct rule_case {
  std::string_view rule;
  severity sev;
  std::string_view code;  ///< expected code ("" for warnings and info)
  std::string fire;       ///< a body where the rule fires (exactly once)
  std::string path;
  offset_fn offset;
  std::string quiet;       ///< a near-identical body where it does not fire
  bool quiet_valid = true;  ///< whether the quiet body is valid as a whole
  context fire_ctx{};
  context quiet_ctx{};
  options fire_opts{};
  options quiet_opts{};
};

void PrintTo(const rule_case& c, std::ostream* os) { *os << c.rule; }

std::string times(unsigned first, unsigned n) {
  std::string s;
  for (unsigned h = first; h < first + n; ++h) {
    if (!s.empty()) s += ',';
    const unsigned hh = h % 24;
    s += static_cast<char>('0' + hh / 10);
    s += static_cast<char>('0' + hh % 10);
    s += ":00";
  }
  return s;
}

std::vector<rule_case> rule_table() {
  std::vector<rule_case> t;
  const std::string name_p1 = R"({"backup_policy_name":"p1"})";

  // --- the request and the body as a whole
  {
    rule_case c{"request.policy_id_empty", E, "AutoBackup.0006", name_p1, "", null_offset(), name_p1};
    c.fire_ctx.policy_id = "";
    c.quiet_ctx.policy_id = "p1";
    t.push_back(c);
  }
  t.push_back({"body.empty", E, "AutoBackup.0000", " \n\t\r ", "", null_offset(), " " + name_p1 + " "});
  t.push_back({"body.not_json", E, "AutoBackup.0008", R"({"backup_policy_name":"p1" x})", "", at("x"),
               R"({"backup_policy_name":"p1"  })"});
  t.push_back({"body.not_object", E, "AutoBackup.0008", R"(  ["backup_policy_name"])", "", at("["),
               R"(  {"backup_policy_name":"p1"})"});
  {
    rule_case c{"body.too_large", E, "AutoBackup.0008", name_p1, "", null_offset(), name_p1};
    c.fire_opts.limits.max_body_bytes = name_p1.size() - 1;
    c.quiet_opts.limits.max_body_bytes = name_p1.size();
    t.push_back(c);
  }
  {
    const std::string b = R"({"backup_policy_name":"p1","x":[[1]]})";  // root 1, [ 2, [ 3
    rule_case c{"body.too_deep", E, "AutoBackup.0008", b, "", null_offset(), b};
    c.fire_opts.limits.max_depth = 2;
    c.quiet_opts.limits.max_depth = 3;
    t.push_back(c);
  }
  t.push_back({"body.nothing_to_modify", E, "AutoBackup.0001", R"(  {"backup_policy_id":"x"})", "", at("{"),
               R"(  {"backup_policy_name":"x"})"});

  // --- members
  t.push_back({"member.duplicate", E, "AutoBackup.0008", R"({"backup_policy_name":"a","backup_policy_name":"b"})",
               "/backup_policy_name", last(R"("backup_policy_name")"),
               R"({"backup_policy_name":"a","backup_policy_id":"b"})"});
  t.push_back({"member.near_miss", E, "AutoBackup.0107", sp(R"("frequency":1,"retention_num":5)"),
               "/scheduled_policy/retention_num", at(R"("retention_num")"), sp(R"("frequency":1,"rentention_num":5)")});
  t.push_back({"member.unknown", W, "", R"({"backup_policy_name":"a","backup_policy_id":"x"})", "/backup_policy_id",
               at(R"("backup_policy_id")"), R"({"backup_policy_name":"a"})"});
  t.push_back({"member.misplaced", W, "", sp(R"("frequency":1,"time_zone":"UTC+08:00")"),
               "/scheduled_policy/time_zone", at(R"("time_zone")"),
               R"({"scheduled_policy":{"frequency":1},"time_zone":"UTC+08:00"})"});
  t.push_back({"string.angle_brackets", E, "AutoBackup.0221", R"({"backup_policy_name":"a1","note":"a<b"})", "/note",
               at(R"("a<b")"), R"({"backup_policy_name":"a1","note":"a-b"})"});

  // --- backup_policy_name
  t.push_back({"backup_policy_name.type", E, "AutoBackup.0102", R"({"backup_policy_name":null})",
               "/backup_policy_name", at("null"), R"({"backup_policy_name":"n"})"});
  t.push_back({"backup_policy_name.length", E, "AutoBackup.0101", R"({"backup_policy_name":""})",
               "/backup_policy_name", at(R"("")"), R"({"backup_policy_name":"a"})"});
  t.push_back({"backup_policy_name.characters", E, "AutoBackup.0102", R"({"backup_policy_name":"policy.01"})",
               "/backup_policy_name", at(R"("policy.01")"), R"({"backup_policy_name":"policy_01"})"});
  t.push_back({"backup_policy_name.default_prefix", E, "AutoBackup.0102", R"({"backup_policy_name":"default-copy"})",
               "/backup_policy_name", at(R"("default-copy")"), R"({"backup_policy_name":"Default-copy"})"});
  {
    const std::string b = R"({"backup_policy_name":"daily"})";
    rule_case c{"backup_policy_name.default_policy", E, "AutoBackup.0100", b, "/backup_policy_name",
                at(R"("daily")"), b};
    c.fire_ctx.target_is_default = true;
    t.push_back(c);
  }

  // --- scheduled_policy
  t.push_back({"scheduled_policy.type", E, "AutoBackup.0008", R"({"scheduled_policy":"daily"})", "/scheduled_policy",
               at(R"("daily")"), R"({"scheduled_policy":{"frequency":1}})"});
  t.push_back({"scheduled_policy.interval_required", E, "AutoBackup.0106", R"({"scheduled_policy": {"status":"OFF"}})",
               "/scheduled_policy", at(R"({"status")"), R"({"scheduled_policy": {"status":"OFF","frequency":1}})"});

  // --- start_time
  const std::string st = "/scheduled_policy/start_time";
  auto with_start = [](std::string_view v) { return sp(cat({R"("frequency":1,"start_time":)", v})); };
  t.push_back({"start_time.type", E, "AutoBackup.0103", with_start("1200"), st, at("1200"), with_start(R"("12:00")")});
  t.push_back({"start_time.syntax", E, "AutoBackup.0103", with_start(R"("2x:00")"), st, at("2x:00", 1),
               with_start(R"("20:00")")});
  t.push_back({"start_time.hour", E, "AutoBackup.0103", with_start(R"("24:00")"), st, at("24:00"),
               with_start(R"("23:00")")});
  t.push_back({"start_time.full_hour", E, "AutoBackup.0103", with_start(R"("13:05")"), st, at("13:05", 3),
               with_start(R"("13:00")")});
  {
    // 25 entries: 00:00 .. 23:00, then 00:00 again. The 25th starts after 24 entries of 6 bytes.
    const std::string list = times(0, 25);
    const std::string b = with_start(cat({"\"", list, "\""}));
    const std::size_t twenty_fifth = b.find(list) + 24 * 6;
    t.push_back({"start_time.count", E, "AutoBackup.0103", b, st,
                 [twenty_fifth](std::string_view) -> std::optional<std::size_t> { return twenty_fifth; },
                 with_start(cat({"\"", times(0, 24), "\""}))});
  }
  t.push_back({"start_time.duplicate", E, "AutoBackup.0103", with_start(R"("10:00,12:00,10:00")"), st,
               last("10:00"), with_start(R"("10:00,12:00,14:00")")});
  t.push_back({"start_time.order", E, "AutoBackup.0103", with_start(R"("14:00,10:00")"), st, at("10:00"),
               with_start(R"("10:00,14:00")")});
  t.push_back({"start_time.utc_day_crossing", E, "AutoBackup.0106",
               R"({"scheduled_policy":{"frequency":1,"start_time":"22:00,00:00,02:00"},"time_zone":"UTC+02:00"})",
               "/scheduled_policy/frequency", at(R"("frequency")"),
               R"({"scheduled_policy":{"week_frequency":["MON"],"start_time":"22:00,00:00,02:00"},"time_zone":"UTC+02:00"})"});

  // --- frequency, week_frequency
  t.push_back({"frequency.type", E, "AutoBackup.0106", sp(R"("frequency":"1")"), "/scheduled_policy/frequency",
               at(R"("1")"), sp(R"("frequency":1)")});
  t.push_back({"frequency.range", E, "AutoBackup.0106", sp(R"("frequency":0)"), "/scheduled_policy/frequency",
               after(R"("frequency":)"), sp(R"("frequency":1)")});
  const std::string wf = "/scheduled_policy/week_frequency";
  t.push_back({"week_frequency.type", E, "AutoBackup.0106", sp(R"("week_frequency":"MON")"), wf, at(R"("MON")"),
               sp(R"("week_frequency":["MON"])")});
  t.push_back({"week_frequency.empty", E, "AutoBackup.0106", sp(R"("week_frequency":[])"), wf, at("[]"),
               sp(R"("week_frequency":["MON"])")});
  t.push_back({"week_frequency.day", E, "AutoBackup.0106", sp(R"("week_frequency":["MON","mon"])"), wf + "/1",
               at(R"("mon")"), sp(R"("week_frequency":["MON","TUE"])")});
  t.push_back({"week_frequency.duplicate", E, "AutoBackup.0106", sp(R"("week_frequency":["MON","TUE","MON"])"),
               wf + "/2", last(R"("MON")"), sp(R"("week_frequency":["MON","TUE","WED"])")});
  t.push_back({"week_frequency.ignored", I, "", sp(R"("frequency":2,"week_frequency":["MON"])"), wf,
               at(R"("week_frequency")"), sp(R"("week_frequency":["MON"])")});

  // --- rentention_num, rentention_day
  const std::string rn = "/scheduled_policy/rentention_num", rd = "/scheduled_policy/rentention_day";
  t.push_back({"rentention_num.type", E, "AutoBackup.0107", sp(R"("frequency":1,"rentention_num":2.0)"), rn,
               at("2.0"), sp(R"("frequency":1,"rentention_num":2)")});
  t.push_back({"rentention_num.range", E, "AutoBackup.0107", sp(R"("frequency":1,"rentention_num":15)"), rn,
               after(R"("rentention_num":)"), sp(R"("frequency":1,"rentention_num":14)")});
  t.push_back({"rentention_day.type", E, "AutoBackup.0107", sp(R"("frequency":1,"rentention_day":"30")"), rd,
               at(R"("30")"), sp(R"("frequency":1,"rentention_day":30)")});
  t.push_back({"rentention_day.range", E, "AutoBackup.0107", sp(R"("frequency":1,"rentention_day":1.9)"), rd,
               at("1.9"), sp(R"("frequency":1,"rentention_day":2)")});
  t.push_back({"rentention_day.ignored", I, "", sp(R"("frequency":1,"rentention_num":5,"rentention_day":30)"), rd,
               at(R"("rentention_day")"), sp(R"("frequency":1,"rentention_day":30)")});

  // --- remain_first_backup_of_curMonth, status, time_zone
  const std::string rf = "/scheduled_policy/remain_first_backup_of_curMonth";
  t.push_back({"remain_first_backup_of_curMonth.type", E, "AutoBackup.0105",
               sp(R"("frequency":1,"remain_first_backup_of_curMonth":true)"), rf, at("true"),
               sp(R"("frequency":1,"remain_first_backup_of_curMonth":"Y")")});
  t.push_back({"remain_first_backup_of_curMonth.value", E, "AutoBackup.0105",
               sp(R"("frequency":1,"remain_first_backup_of_curMonth":"y")"), rf, at(R"("y")"),
               sp(R"("frequency":1,"remain_first_backup_of_curMonth":"N")")});
  t.push_back({"status.type", E, "AutoBackup.0104", sp(R"("frequency":1,"status":1)"), "/scheduled_policy/status",
               after(R"("status":)"), sp(R"("frequency":1,"status":"ON")")});
  t.push_back({"status.value", E, "AutoBackup.0104", sp(R"("frequency":1,"status":"on")"), "/scheduled_policy/status",
               at(R"("on")"), sp(R"("frequency":1,"status":"OFF")")});
  auto with_tz = [](std::string_view v) {
    return cat({R"({"scheduled_policy":{"frequency":1},"time_zone":)", v, "}"});
  };
  t.push_back({"time_zone.type", E, "AutoBackup.0226", with_tz("8"), "/time_zone", after(R"("time_zone":)"),
               with_tz(R"("UTC+08:00")")});
  t.push_back({"time_zone.syntax", E, "AutoBackup.0226", with_tz(R"("GMT+08:00")"), "/time_zone", at("GMT"),
               with_tz(R"("UTC+08:00")")});
  t.push_back({"time_zone.range", E, "AutoBackup.0226", with_tz(R"("UTC+08:60")"), "/time_zone", at("08:60", 3),
               with_tz(R"("UTC+08:59")")});
  return t;
}

const std::vector<rule_case>& table() {
  static const std::vector<rule_case> t = rule_table();
  return t;
}

class RuleTable : public ::testing::TestWithParam<rule_case> {};

TEST_P(RuleTable, Fires) {
  const rule_case& c = GetParam();
  const report r = check(c.fire, c.fire_ctx, c.fire_opts);
  EXPECT_EQ(count_rule(r, c.rule), 1u) << "body: " << c.fire << "\ngot: " << rules_of(r);
  EXPECT_TRUE(has(r, c.rule, c.sev, c.code, c.path, c.offset(c.fire))) << "body: " << c.fire;
  const diagnostic* d = find(r, c.rule);
  ASSERT_NE(d, nullptr);
  EXPECT_FALSE(d->message.empty());
  // An error makes the request invalid; the warning and info rows are otherwise valid bodies.
  EXPECT_EQ(r.valid, c.sev != E) << rules_of(r);
}

TEST_P(RuleTable, DoesNotFireOnNearIdenticalBody) {
  const rule_case& c = GetParam();
  const report r = check(c.quiet, c.quiet_ctx, c.quiet_opts);
  EXPECT_EQ(count_rule(r, c.rule), 0u) << "body: " << c.quiet << "\ngot: " << rules_of(r);
  EXPECT_EQ(r.valid, c.quiet_valid) << "body: " << c.quiet << "\ngot: " << rules_of(r);
}

TEST_P(RuleTable, CatalogAgrees) {
  const rule_case& c = GetParam();
  const bpv::rule_info* info = bpv::find_rule(c.rule);
  ASSERT_NE(info, nullptr) << c.rule << " is not in bpv::rules()";
  EXPECT_EQ(info->severity, c.sev);
  // A near miss takes the code of the member it resembles; the table row has none.
  if (c.rule != "member.near_miss") {
    EXPECT_EQ(info->code, c.code);
  }
  EXPECT_FALSE(info->enforces.empty());
}

std::string case_name(const ::testing::TestParamInfo<rule_case>& info) {
  std::string s(info.param.rule);
  for (char& ch : s)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) ch = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(Every, RuleTable, ::testing::ValuesIn(table()), case_name);

// week_day_of's hash against the list of days: each day found, and no other text of three
// letters or bytes (every upper-case one, their lower-case forms, other sizes).
TEST(WeekDays, OnlyTheSevenDaysInUpperCase) {
  for (std::size_t i = 0; i < bpv::engine::week_days.size(); ++i)
    EXPECT_EQ(bpv::engine::week_day_of(bpv::engine::week_days[i]), static_cast<int>(i));
  std::size_t found = 0;
  for (char a = 'A'; a <= 'Z'; ++a)
    for (char b = 'A'; b <= 'Z'; ++b)
      for (char c = 'A'; c <= 'Z'; ++c) {
        std::string const upper{a, b, c}, lower{static_cast<char>(a | 0x20), static_cast<char>(b | 0x20), static_cast<char>(c | 0x20)};
        int const day = bpv::engine::week_day_of(upper);
        bool const listed = std::find(bpv::engine::week_days.begin(), bpv::engine::week_days.end(), upper) !=
                            bpv::engine::week_days.end();
        EXPECT_EQ(day >= 0, listed) << upper;
        found += day >= 0;
        EXPECT_EQ(bpv::engine::week_day_of(lower), -1) << lower;
      }
  EXPECT_EQ(found, 7u);
  for (std::string_view other : {"", "M", "MO", "MONDAY", "MON ", " MON", "SUNN"}) EXPECT_EQ(bpv::engine::week_day_of(other), -1);
}

TEST(RuleTableCoverage, EveryRuleHasARow) {
  std::set<std::string_view> rows;
  for (const auto& c : table()) rows.insert(c.rule);
  ASSERT_FALSE(bpv::rules().empty());
  for (const auto& info : bpv::rules()) EXPECT_TRUE(rows.count(info.id)) << "rule " << info.id << " has no test row";
}

TEST(RuleTableCoverage, EveryRowNamesARuleOnce) {
  std::set<std::string_view> seen;
  for (const auto& c : table()) {
    EXPECT_NE(bpv::find_rule(c.rule), nullptr) << c.rule;
    EXPECT_TRUE(seen.insert(c.rule).second) << "two rows for " << c.rule;
  }
}

TEST(RuleTableCoverage, RuleIdsAreUniqueAndNonEmpty) {
  std::set<std::string_view> ids;
  for (const auto& info : bpv::rules()) {
    EXPECT_FALSE(info.id.empty());
    EXPECT_TRUE(ids.insert(info.id).second) << "duplicate rule id " << info.id;
    EXPECT_EQ(bpv::find_rule(info.id), &info);
    if (info.severity == E && info.id != "member.near_miss") {
      EXPECT_TRUE(info.code.starts_with("AutoBackup.")) << info.id;
    }
    if (info.severity != E) {
      EXPECT_TRUE(info.code.empty()) << info.id;
    }
  }
  EXPECT_EQ(bpv::find_rule("no.such_rule"), nullptr);
}

// ---------------------------------------------------------------------------------------------
// The request: policy_id, empty bodies, {} and only unknown members, limits.

TEST(Request, EmptyPolicyIdIs0006WithoutPlace) {
  const std::string b = R"({"backup_policy_name":"p1"})";
  context ctx;
  ctx.policy_id = "";
  const report r = check(b, ctx);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "request.policy_id_empty", E, "AutoBackup.0006", "", std::nullopt));
  EXPECT_FALSE(r.valid);
  context none;
  EXPECT_TRUE(check(b, none).valid);
}

TEST(Request, EmptyBodyIs0000) {
  for (std::string b : {std::string(), std::string(" "), std::string("\n\r\t  \n")}) {
    const report r = check(b);
    ASSERT_EQ(r.diagnostics.size(), 1u) << "body '" << b << "': " << rules_of(r);
    EXPECT_TRUE(has_code(r, "AutoBackup.0000", "", std::nullopt));
    EXPECT_FALSE(r.valid);
  }
  // White space is JSON's four characters: a body of other blanks (form feed, vertical tab,
  // U+00A0, U+3000) is not JSON, at the first byte that is not JSON's white space.
  for (std::string b : {"\f", " \v", "\xC2\xA0", "\n\xE3\x80\x80"}) {
    const report r = check(b);
    ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
    EXPECT_EQ(r.diagnostics[0].rule, "body.not_json");
    EXPECT_TRUE(has_code(r, "AutoBackup.0008", "", b.find_first_not_of(" \n"))) << rules_of(r);
  }
}

// A blank body at the size limit is still empty (beyond it, refused for its size: README).
TEST(Request, ABlankBodyAtTheSizeLimitIsEmpty) {
  options o;
  o.limits.max_body_bytes = 2;
  const report r = check("  ", {}, o);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_EQ(r.diagnostics[0].rule, "body.empty");
}

TEST(Request, EmptyObjectIs0001AtTheRootBrace) {
  for (std::string b : {std::string("{}"), std::string(" \n {} "), std::string("{ \n }")}) {
    const report r = check(b);
    EXPECT_TRUE(has_code(r, "AutoBackup.0001", "", pos(b, "{"))) << "body '" << b << "'";
    EXPECT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  }
}

TEST(Request, OnlyUnknownMembersIs0001AtTheRootBrace) {
  const std::string b = R"(  {"foo":1,"bar":{"backup_policy_name":"nested"}})";
  const report r = check(b);
  EXPECT_TRUE(has_code(r, "AutoBackup.0001", "", pos(b, "{")));
  EXPECT_TRUE(has(r, "member.unknown", W, "", "/foo", pos(b, R"("foo")")));
  EXPECT_TRUE(has(r, "member.unknown", W, "", "/bar", pos(b, R"("bar")")));
  EXPECT_FALSE(r.valid);
  // One member of the API is enough.
  EXPECT_EQ(count_rule(check(R"({"foo":1,"time_zone":"UTC+01:00"})"), "body.nothing_to_modify"), 0u);
  EXPECT_EQ(count_rule(check(R"({"foo":1,"scheduled_policy":{"frequency":1}})"), "body.nothing_to_modify"), 0u);
  // A member of scheduled_policy at the top level is the API's, misplaced: the message, which
  // is also the response's, does not say the body holds no member of the API.
  const report misplaced = check(R"({"status":"OFF"})");
  const diagnostic* d = find(misplaced, "body.nothing_to_modify");
  ASSERT_NE(d, nullptr) << rules_of(misplaced);
  EXPECT_NE(d->message.find("none of the top-level members of the API"), std::string::npos) << d->message;
  EXPECT_TRUE(has(misplaced, "member.misplaced", W, "", "/status", 1));
}

TEST(Request, ErrorsBesidesNothingToModifyAreStillFound) {
  // An object of only unknown members still has its '<' checked.
  const std::string b = R"({"note":"a<b"})";
  const report r = check(b);
  EXPECT_TRUE(has_code(r, "AutoBackup.0001", "", 0));
  EXPECT_TRUE(has_code(r, "AutoBackup.0221", "/note", pos(b, R"("a<b")")));
}

TEST(Limits, BodyTooLargeIs0008WithNullOffsetAndNamesTheLimit) {
  const std::string b = R"({"backup_policy_name":"abcdefghij"})";
  options o;
  o.limits.max_body_bytes = 17;
  const report r = check(b, {}, o);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "body.too_large", E, "AutoBackup.0008", "", std::nullopt));
  EXPECT_NE(r.diagnostics[0].message.find("17"), std::string::npos) << r.diagnostics[0].message;
  o.limits.max_body_bytes = b.size();
  EXPECT_TRUE(check(b, {}, o).valid);
}

TEST(Limits, DefaultBodyLimitIsOneMiB) {
  std::string b = R"({"backup_policy_name":"p1"})";
  std::string at_limit = b + std::string((std::size_t{1} << 20) - b.size(), ' ');
  ASSERT_EQ(at_limit.size(), std::size_t{1} << 20);
  EXPECT_TRUE(check(at_limit).valid) << rules_of(check(at_limit));
  const report r = check(at_limit + " ");
  EXPECT_TRUE(has_code(r, "AutoBackup.0008", "", std::nullopt)) << rules_of(r);
}

TEST(Limits, TooDeepIs0008WithNullOffsetAndNamesTheLimit) {
  const std::string b = R"({"backup_policy_name":"p1","x":{"y":[{"z":1}]}})";  // levels 1, 2, 3, 4
  options o;
  o.limits.max_depth = 3;
  const report r = check(b, {}, o);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "body.too_deep", E, "AutoBackup.0008", "", std::nullopt));
  EXPECT_NE(r.diagnostics[0].message.find("3"), std::string::npos) << r.diagnostics[0].message;
  o.limits.max_depth = 4;
  EXPECT_TRUE(check(b, {}, o).valid);
  o.limits.max_depth = 1;
  EXPECT_TRUE(check(R"({"backup_policy_name":"p1"})", {}, o).valid);
  EXPECT_TRUE(has_code(check(R"({"scheduled_policy":{"frequency":1}})", {}, o), "AutoBackup.0008", "", std::nullopt));
}

// `levels` arrays, one inside the other, around `inner`.
std::string in_arrays(std::size_t levels, std::string_view inner = {}) {
  return cat({std::string(levels, '['), inner, std::string(levels, ']')});
}

// Past the limit the body is refused whole (decisions.md: 0008 at "" with offset null): a '<'
// or a repeated name read before the level too many is not reported beside it, whichever
// route reads the body (DOM reads 70 levels; 1e400 sends it to On-Demand; so does 1,100).
TEST(Limits, TooDeepIsTheBodysOnlyFinding) {
  for (const std::string& tail : {in_arrays(70), "[1e400," + in_arrays(70) + "]", in_arrays(1100)}) {
    for (const std::string& head : {std::string(R"("a":"<")"), std::string(R"("x":{"y":1,"y":2})"),
                                   std::string(R"("backup_policy_name":"a.b")")}) {
      const std::string b = "{" + head + R"(,"b":)" + tail + "}";
      const report r = check(b);
      ASSERT_EQ(r.diagnostics.size(), 1u) << b.substr(0, 60) << ": " << rules_of(r);
      EXPECT_TRUE(has(r, "body.too_deep", E, "AutoBackup.0008", "", std::nullopt));
    }
  }
}

TEST(Limits, DefaultDepthIs64WithTheRootAtLevel1) {
  auto nested = [](std::size_t arrays) { return cat({R"({"backup_policy_name":"p1","x":)", in_arrays(arrays), "}"}); };
  const report ok = check(nested(63));  // 1 + 63 = 64 levels
  EXPECT_TRUE(ok.valid) << rules_of(ok);
  const report deep = check(nested(64));  // 65 levels
  ASSERT_EQ(deep.diagnostics.size(), 1u) << rules_of(deep);
  EXPECT_TRUE(has_code(deep, "AutoBackup.0008", "", std::nullopt));
}

// ---------------------------------------------------------------------------------------------
// Not JSON, not an object: 0008 at path "", at the byte where reading failed.

TEST(NotJson, SyntaxErrorAtTheFailingByte) {
  const std::string b = R"({"backup_policy_name":"a",})";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has_code(r, "AutoBackup.0008", "", rpos(b, "}")));
}

TEST(NotJson, TrailingContent) {
  const std::string b = R"({"backup_policy_name":"a"} {})";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has_code(r, "AutoBackup.0008", "", rpos(b, "{")));
}

TEST(NotJson, UnterminatedFailsAtTheEnd) {
  const std::string b = R"({"backup_policy_name":"a")";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has_code(r, "AutoBackup.0008", "", b.size()));
}

TEST(NotJson, InvalidUtf8AtTheBadByte) {
  const std::string b = "{\"backup_policy_name\":\"ab\xff\"}";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has_code(r, "AutoBackup.0008", "", pos(b, "\xff")));
  // A byte that is not UTF-8 where a value should start is named as such, not as a missing value.
  for (const std::string& bad : {std::string("{\"a\":\xff}"), b}) {
    const report each = check(bad);
    ASSERT_EQ(each.diagnostics.size(), 1u) << rules_of(each);
    EXPECT_NE(each.diagnostics[0].message.find("not valid UTF-8"), std::string::npos) << each.diagnostics[0].message;
  }
}

TEST(NotJson, LoneSurrogateAndByteOrderMark) {
  const report lone = check(R"({"backup_policy_name":"\ud800"})");
  ASSERT_EQ(lone.diagnostics.size(), 1u) << rules_of(lone);
  EXPECT_TRUE(has_code_at(lone, "AutoBackup.0008", ""));
  const report bom = check("\xEF\xBB\xBF{\"backup_policy_name\":\"a\"}");
  ASSERT_EQ(bom.diagnostics.size(), 1u) << rules_of(bom);
  EXPECT_TRUE(has_code(bom, "AutoBackup.0008", "", 0));
  // Said as what it is: a reader who sees "expected a value" at byte 0 would look for the wrong thing.
  EXPECT_NE(bom.diagnostics[0].message.find("byte-order mark"), std::string::npos) << bom.diagnostics[0].message;
  // A surrogate pair is fine JSON (and then a non-ASCII name: 0102, not 0008).
  const std::string pair = R"({"backup_policy_name":"\ud83d\ude00"})";
  EXPECT_TRUE(has(check(pair), "backup_policy_name.characters", E, "AutoBackup.0102", "/backup_policy_name",
                  pos(pair, R"("\ud83d)")));
}

TEST(NotObject, EveryNonObjectRootIs0008AtItsFirstByte) {
  for (std::string b : {std::string("[]"), std::string(" \"x\""), std::string("1"), std::string("null"),
                        std::string("  true")}) {
    const report r = check(b);
    ASSERT_EQ(r.diagnostics.size(), 1u) << b << ": " << rules_of(r);
    EXPECT_TRUE(has_code(r, "AutoBackup.0008", "", b.find_first_not_of(' '))) << b;
  }
}

// decisions.md: '<' and '>' in any string "anywhere", and duplicate names "anywhere", besides
// any other finding; a body that is JSON but not an object is still a body with strings.
TEST(NotObject, TheRulesThatHoldAnywhereHoldInIt) {
  const std::string arr = R"( ["<",{"a":1,"a":2,"b>":"\u003c"}])";
  const report r = check(arr);
  ASSERT_EQ(r.diagnostics.size(), 5u) << rules_of(r);
  EXPECT_TRUE(has(r, "body.not_object", E, "AutoBackup.0008", "", pos(arr, "[")));
  EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/0", pos(arr, "\"<\"")));
  EXPECT_TRUE(has(r, "member.duplicate", E, "AutoBackup.0008", "/1/a", pos(arr, "\"a\":2")));
  EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/1/b>", pos(arr, "\"b>")));
  EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/1/b>", pos(arr, "\"\\u003c")));
  EXPECT_EQ(r.diagnostics.front().rule, "body.not_object");  // the response's error

  // A string at the root: both at its first byte, 0008 first (decisions.md's order at one offset).
  const report s = check(R"(  "a\u003eb" )");
  ASSERT_EQ(s.diagnostics.size(), 2u) << rules_of(s);
  EXPECT_EQ(s.diagnostics[0].rule, "body.not_object");
  EXPECT_TRUE(has(s, "string.angle_brackets", E, "AutoBackup.0221", "", 2));

  // Nothing to find: the one finding, as before.
  EXPECT_EQ(check(R"(["x",{"a":1,"b":2}])").diagnostics.size(), 1u);
}

TEST(NotObject, PastTheDepthLimitItIsOnlyNotAnObject) {
  // The root is level 1, as an object root is: 64 levels are read, 65 are beyond the limit.
  auto nested = [](std::size_t levels) { return in_arrays(levels, R"("<")"); };
  const report within = check(nested(64));
  ASSERT_EQ(within.diagnostics.size(), 2u) << rules_of(within);
  EXPECT_EQ(count_rule(within, "string.angle_brackets"), 1u);
  const report beyond = check(nested(65));
  ASSERT_EQ(beyond.diagnostics.size(), 1u) << rules_of(beyond);
  EXPECT_TRUE(has(beyond, "body.not_object", E, "AutoBackup.0008", "", 0));
  // Not JSON stays not JSON, where it breaks.
  const report broken = check(R"(["<",])");
  ASSERT_EQ(broken.diagnostics.size(), 1u) << rules_of(broken);
  EXPECT_EQ(broken.diagnostics[0].rule, "body.not_json");
  // ... also past the depth limit, which counts for an object root only (the limit is about
  // the request's nesting; a root that is no object is no request): a byte that is not UTF-8
  // inside 70 arrays is where this body breaks.
  const std::string deep_broken = std::string(70, '[') + "\"\xff\"" + std::string(70, ']');
  const report deep = check(deep_broken);
  ASSERT_EQ(deep.diagnostics.size(), 1u) << rules_of(deep);
  EXPECT_TRUE(has(deep, "body.not_json", E, "AutoBackup.0008", "", pos(deep_broken, "\xff")));
}

// ---------------------------------------------------------------------------------------------
// backup_policy_name

std::string name_body(std::string_view name) { return cat({R"({"backup_policy_name":")", name, "\"}"}); }

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(Name, AsciiLength64IsValid65IsNot) {
  EXPECT_TRUE(check(name_body(std::string(64, 'x'))).valid);
  EXPECT_TRUE(check(name_body("a")).valid);
  const std::string b = name_body(std::string(65, 'x'));
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "backup_policy_name.length", E, "AutoBackup.0101", "/backup_policy_name", pos(b, "\"x")));
}

TEST(Name, LengthCountsCodePointsNotBytes) {
  // 64 code points, some of them 2, 3 and 4 bytes long: no length error (only 0102, non-ASCII).
  for (std::string_view ch : {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}) {
    const std::string n64 = std::string(62, 'a') + std::string(ch) + std::string(ch);
    const std::string n65 = std::string(63, 'a') + std::string(ch) + std::string(ch);
    const report r64 = check(name_body(n64));
    EXPECT_EQ(count_rule(r64, "backup_policy_name.length"), 0u) << rules_of(r64);
    EXPECT_EQ(count_rule(r64, "backup_policy_name.characters"), 1u) << rules_of(r64);
    const std::string b65 = name_body(n65);
    EXPECT_TRUE(has(check(b65), "backup_policy_name.length", E, "AutoBackup.0101", "/backup_policy_name",
                    pos(b65, "\"a")));
    // All multi-byte.
    EXPECT_EQ(count_rule(check(name_body(repeat(ch, 64))), "backup_policy_name.length"), 0u);
    EXPECT_EQ(count_rule(check(name_body(repeat(ch, 65))), "backup_policy_name.length"), 1u);
  }
}

TEST(Name, LengthCountsCharactersAfterUnescaping) {
  // \u0061 is 'a': 64 of them are a valid 64-character name, though 384 bytes are written.
  EXPECT_TRUE(check(name_body(repeat("\\u0061", 64))).valid);
  const report r = check(name_body(repeat("\\u0061", 65)));
  EXPECT_EQ(count_rule(r, "backup_policy_name.length"), 1u) << rules_of(r);
  EXPECT_EQ(count_rule(check(name_body(repeat("\\u00e9", 64))), "backup_policy_name.length"), 0u);
  EXPECT_EQ(count_rule(check(name_body(repeat("\\u00e9", 65))), "backup_policy_name.length"), 1u);
}

TEST(Name, OnlyAsciiLettersDigitsUnderscoreHyphen) {
  EXPECT_TRUE(check(name_body("Az09_-zZ")).valid);
  EXPECT_TRUE(check(name_body("-_-")).valid);
  for (std::string n : {"policy.01", "my policy", "caf\xC3\xA9", "a\\u0001b", "a\\tb", "a/b", "a+b", "a:b",
                        "\xEF\xBC\xA1" /* fullwidth A */}) {
    const std::string b = name_body(n);
    const report r = check(b);
    EXPECT_TRUE(has(r, "backup_policy_name.characters", E, "AutoBackup.0102", "/backup_policy_name",
                    pos(b, cat({"\"", n.substr(0, 1)}))))
        << n;
    EXPECT_FALSE(r.valid);
  }
}

TEST(Name, MustNotStartWithDefaultCaseSensitive) {
  for (std::string n : {"default", "default-copy", "default_1", "defaultx"}) {
    const std::string b = name_body(n);
    EXPECT_TRUE(has(check(b), "backup_policy_name.default_prefix", E, "AutoBackup.0102", "/backup_policy_name",
                    pos(b, "\"default")))
        << n;
  }
  for (std::string n : {"Default", "DEFAULT-copy", "my-default", "defaul", "xdefault"})
    EXPECT_TRUE(check(name_body(n)).valid) << n;
  // Escaped: \u0064 is 'd'.
  EXPECT_EQ(count_rule(check(name_body("\\u0064efault")), "backup_policy_name.default_prefix"), 1u);
}

TEST(Name, WrongTypesAre0102) {
  for (std::string v : {"123", "true", "null", "[]", "{}", "[\"a\"]"}) {
    const std::string b = R"({"backup_policy_name":)" + v + "}";
    EXPECT_TRUE(has(check(b), "backup_policy_name.type", E, "AutoBackup.0102", "/backup_policy_name",
                    pos(b, v)))
        << v;
  }
}

// ---------------------------------------------------------------------------------------------
// The default-policy flag.

TEST(DefaultPolicy, AnyNameIsRefusedBesidesItsOwnFindings) {
  context def;
  def.target_is_default = true;
  {
    const std::string b = name_body("daily");
    const report r = check(b, def);
    ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
    EXPECT_TRUE(has(r, "backup_policy_name.default_policy", E, "AutoBackup.0100", "/backup_policy_name",
                    pos(b, "\"daily")));
  }
  {
    const std::string b = name_body("a.b");
    const report r = check(b, def);
    EXPECT_TRUE(has_code(r, "AutoBackup.0100", "/backup_policy_name", pos(b, "\"a.b")));
    EXPECT_TRUE(has_code(r, "AutoBackup.0102", "/backup_policy_name", pos(b, "\"a.b")));
  }
  {
    const std::string b = name_body("");
    const report r = check(b, def);
    EXPECT_TRUE(has_code(r, "AutoBackup.0100", "/backup_policy_name", pos(b, "\"\"")));
    EXPECT_TRUE(has_code(r, "AutoBackup.0101", "/backup_policy_name", pos(b, "\"\"")));
  }
  {
    const std::string b = R"({"backup_policy_name":null})";
    const report r = check(b, def);
    EXPECT_TRUE(has_code(r, "AutoBackup.0100", "/backup_policy_name", pos(b, "null")));
    EXPECT_TRUE(has_code(r, "AutoBackup.0102", "/backup_policy_name", pos(b, "null")));
  }
  {
    // "default<x": 0100, 0102 (characters), 0102 (prefix) and 0221, all at the value.
    const std::string b = name_body("default<x");
    const report r = check(b, def);
    const std::size_t v = pos(b, "\"default");
    EXPECT_TRUE(has(r, "backup_policy_name.default_policy", E, "AutoBackup.0100", "/backup_policy_name", v));
    EXPECT_TRUE(has(r, "backup_policy_name.characters", E, "AutoBackup.0102", "/backup_policy_name", v));
    EXPECT_TRUE(has(r, "backup_policy_name.default_prefix", E, "AutoBackup.0102", "/backup_policy_name", v));
    EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/backup_policy_name", v));
  }
}

TEST(DefaultPolicy, OtherChangesAreAllowed) {
  context def;
  def.target_is_default = true;
  const report r = check(
      R"({"scheduled_policy":{"frequency":1,"start_time":"12:00","status":"OFF"},"time_zone":"UTC+08:00"})", def);
  EXPECT_TRUE(r.valid) << rules_of(r);
  EXPECT_TRUE(r.diagnostics.empty()) << rules_of(r);
}

// ---------------------------------------------------------------------------------------------
// Wrong types, null included: each member's own code at the value's first byte.

struct type_case {
  std::string member;  // as in the body
  std::string body;    // with the value `null`
  std::string rule;
  std::string code;
  std::string path;
};

TEST(WrongType, NullIsAWrongTypeForEveryMember) {
  const std::vector<type_case> cases = {
      {"backup_policy_name", R"({"backup_policy_name":null})", "backup_policy_name.type", "AutoBackup.0102",
       "/backup_policy_name"},
      {"scheduled_policy", R"({"scheduled_policy":null})", "scheduled_policy.type", "AutoBackup.0008",
       "/scheduled_policy"},
      {"time_zone", R"({"backup_policy_name":"a","time_zone":null})", "time_zone.type", "AutoBackup.0226",
       "/time_zone"},
      {"start_time", sp(R"("frequency":1,"start_time":null)"), "start_time.type", "AutoBackup.0103",
       "/scheduled_policy/start_time"},
      {"frequency", sp(R"("week_frequency":["MON"],"frequency":null)"), "frequency.type", "AutoBackup.0106",
       "/scheduled_policy/frequency"},
      {"week_frequency", sp(R"("frequency":1,"week_frequency":null)"), "week_frequency.type", "AutoBackup.0106",
       "/scheduled_policy/week_frequency"},
      {"rentention_num", sp(R"("frequency":1,"rentention_num":null)"), "rentention_num.type", "AutoBackup.0107",
       "/scheduled_policy/rentention_num"},
      {"rentention_day", sp(R"("frequency":1,"rentention_day":null)"), "rentention_day.type", "AutoBackup.0107",
       "/scheduled_policy/rentention_day"},
      {"remain_first_backup_of_curMonth", sp(R"("frequency":1,"remain_first_backup_of_curMonth":null)"),
       "remain_first_backup_of_curMonth.type", "AutoBackup.0105", "/scheduled_policy/remain_first_backup_of_curMonth"},
      {"status", sp(R"("frequency":1,"status":null)"), "status.type", "AutoBackup.0104", "/scheduled_policy/status"},
  };
  for (const auto& c : cases) {
    const report r = check(c.body);
    EXPECT_TRUE(has(r, c.rule, E, c.code, c.path, pos(c.body, "null"))) << c.member;
    EXPECT_FALSE(r.valid) << c.member;
  }
}

TEST(WrongType, OtherWrongTypes) {
  struct wt {
    std::string body, needle, rule, code, path;
  };
  const std::vector<wt> cases = {
      {sp(R"("frequency":true)"), "true", "frequency.type", "AutoBackup.0106", "/scheduled_policy/frequency"},
      {sp(R"("frequency":[1])"), "[1]", "frequency.type", "AutoBackup.0106", "/scheduled_policy/frequency"},
      {sp(R"("week_frequency":{"MON":1})"), "{\"MON\"", "week_frequency.type", "AutoBackup.0106",
       "/scheduled_policy/week_frequency"},
      {sp(R"("frequency":1,"rentention_num":"5")"), "\"5\"", "rentention_num.type", "AutoBackup.0107",
       "/scheduled_policy/rentention_num"},
      {sp(R"("frequency":1,"rentention_day":false)"), "false", "rentention_day.type", "AutoBackup.0107",
       "/scheduled_policy/rentention_day"},
      {sp(R"("frequency":1,"status":true)"), "true", "status.type", "AutoBackup.0104", "/scheduled_policy/status"},
      {sp(R"("frequency":1,"start_time":["12:00"])"), "[\"12:00\"]", "start_time.type", "AutoBackup.0103",
       "/scheduled_policy/start_time"},
      {R"({"scheduled_policy":[{"frequency":1}]})", "[{", "scheduled_policy.type", "AutoBackup.0008",
       "/scheduled_policy"},
      {R"({"backup_policy_name":"a","time_zone":{"h":8}})", "{\"h\"", "time_zone.type", "AutoBackup.0226",
       "/time_zone"},
  };
  for (const auto& c : cases) EXPECT_TRUE(has(check(c.body), c.rule, E, c.code, c.path, pos(c.body, c.needle))) << c.body;
}

// ---------------------------------------------------------------------------------------------
// Numbers: ranges at both edges, integer literals only, huge numbers are field errors.

TEST(Frequency, Range1To14) {
  EXPECT_TRUE(check(sp(R"("frequency":1)")).valid);
  EXPECT_TRUE(check(sp(R"("frequency":14)")).valid);
  for (std::string v : {"0", "15", "-1", "100"}) {
    const std::string b = sp(R"("frequency":)" + v);
    EXPECT_TRUE(has(check(b), "frequency.range", E, "AutoBackup.0106", "/scheduled_policy/frequency",
                    pos(b, R"("frequency":)", 12)))
        << v;
  }
}

TEST(Frequency, FractionsAndExponentsAreErrors) {
  for (std::string v : {"2.0", "1e0", "1E1", "1.5", "1.0e0", "14.0"}) {
    const std::string b = sp(R"("frequency":)" + v);
    const report r = check(b);
    EXPECT_TRUE(has(r, "frequency.type", E, "AutoBackup.0106", "/scheduled_policy/frequency",
                    pos(b, R"("frequency":)", 12)))
        << v;
    EXPECT_EQ(r.diagnostics.size(), 1u) << v << ": " << rules_of(r);
  }
}

TEST(Frequency, HugeNumbersAreFieldErrorsNotWholeDocumentErrors) {
  for (std::string v : {"1e400", "-1e400", "123456789012345678901234567890", "-123456789012345678901234567890",
                        "18446744073709551616", "9223372036854775808"}) {
    const std::string b = sp(R"("frequency":)" + v);
    const report r = check(b);
    EXPECT_TRUE(has_code(r, "AutoBackup.0106", "/scheduled_policy/frequency", pos(b, R"("frequency":)", 12)))
        << v << ": " << rules_of(r);
    EXPECT_FALSE(any_whole_body_error(r)) << v << ": " << rules_of(r);
    EXPECT_EQ(count_rule(r, "frequency.type") + count_rule(r, "frequency.range"), 1u) << v << ": " << rules_of(r);
  }
}

TEST(RetentionNum, Range2To14) {
  EXPECT_TRUE(check(sp(R"("frequency":1,"rentention_num":2)")).valid);
  EXPECT_TRUE(check(sp(R"("frequency":1,"rentention_num":14)")).valid);
  for (std::string v : {"1", "15", "0", "-2"}) {
    const std::string b = sp(R"("frequency":1,"rentention_num":)" + v);
    EXPECT_TRUE(has(check(b), "rentention_num.range", E, "AutoBackup.0107", "/scheduled_policy/rentention_num",
                    pos(b, R"("rentention_num":)", 17)))
        << v;
  }
}

TEST(RetentionNum, FractionsExponentsAndHugeNumbers) {
  for (std::string v : {"2.0", "1e0", "5e0", "10.5"}) {
    const std::string b = sp(R"("frequency":1,"rentention_num":)" + v);
    EXPECT_TRUE(has(check(b), "rentention_num.type", E, "AutoBackup.0107", "/scheduled_policy/rentention_num",
                    pos(b, R"("rentention_num":)", 17)))
        << v;
  }
  for (std::string v : {"1e400", "123456789012345678901234567890", "-123456789012345678901234567890"}) {
    const std::string b = sp(R"("frequency":1,"rentention_num":)" + v);
    const report r = check(b);
    EXPECT_TRUE(has_code(r, "AutoBackup.0107", "/scheduled_policy/rentention_num", pos(b, R"("rentention_num":)", 17)))
        << v << ": " << rules_of(r);
    EXPECT_FALSE(any_whole_body_error(r)) << v;
  }
}

TEST(RetentionDay, Range2To99999AfterRoundingDown) {
  for (std::string v : {"2", "99999", "2.0", "2.5", "99999.9", "99999.99999999999999999", "1e3", "2E0", "30"})
    EXPECT_TRUE(check(sp(R"("frequency":1,"rentention_day":)" + v)).valid) << v;
  for (std::string v : {"1", "1.9", "100000", "0", "-1", "-0.5", "0.2", "100000.0", "1.99999999999999999999",
                        "1e5", "1e-400"}) {
    const std::string b = sp(R"("frequency":1,"rentention_day":)" + v);
    const report r = check(b);
    EXPECT_TRUE(has(r, "rentention_day.range", E, "AutoBackup.0107", "/scheduled_policy/rentention_day",
                    pos(b, R"("rentention_day":)", 17)))
        << v << ": " << rules_of(r);
  }
}

TEST(RetentionDay, HugeNumbersAreFieldErrors) {
  for (std::string v : {"1e400", "-1e400", "123456789012345678901234567890"}) {
    const std::string b = sp(R"("frequency":1,"rentention_day":)" + v);
    const report r = check(b);
    EXPECT_TRUE(has_code(r, "AutoBackup.0107", "/scheduled_policy/rentention_day", pos(b, R"("rentention_day":)", 17)))
        << v << ": " << rules_of(r);
    EXPECT_FALSE(any_whole_body_error(r)) << v;
  }
}

TEST(Numbers, HugeNumbersInUnknownMembersAreNotErrors) {
  const report r = check(R"({"backup_policy_name":"a","x":1e400,"y":123456789012345678901234567890})");
  EXPECT_TRUE(r.valid) << rules_of(r);
}

// ---------------------------------------------------------------------------------------------
// week_frequency, remain_first_backup_of_curMonth, status, time_zone

TEST(WeekFrequency, DaysAreUpperCaseNamesOfTheWeek) {
  EXPECT_TRUE(check(sp(R"("week_frequency":["SUN","MON","TUE","WED","THU","FRI","SAT"])")).valid);
  for (std::string v : {R"("Mon")", R"("MONDAY")", R"("MON ")", R"("")", "1", "null", R"(["MON"])"}) {
    const std::string b = sp(R"("week_frequency":["TUE",)" + v + "]");
    EXPECT_TRUE(has(check(b), "week_frequency.day", E, "AutoBackup.0106", "/scheduled_policy/week_frequency/1",
                    pos(b, "\"TUE\",", 6)))
        << v;
  }
}

TEST(WeekFrequency, EachDayRepeatedIsADuplicateAtItsSecondPlace) {
  for (std::string_view day : {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}) {
    const std::string b = sp(cat({R"("week_frequency":[")", day, R"(",")", day, R"("])"}));
    const report r = check(b);
    ASSERT_EQ(r.diagnostics.size(), 1u) << day << ": " << rules_of(r);
    EXPECT_TRUE(has(r, "week_frequency.duplicate", E, "AutoBackup.0106", "/scheduled_policy/week_frequency/1",
                    b.rfind(cat({"\"", day}))))
        << day;
  }
}

TEST(RemainFirstAndStatus, ExactValues) {
  for (std::string v : {"Y", "N"})
    EXPECT_TRUE(check(sp(R"("frequency":1,"remain_first_backup_of_curMonth":")" + v + "\"")).valid) << v;
  for (std::string v : {"ON", "OFF"}) EXPECT_TRUE(check(sp(R"("frequency":1,"status":")" + v + "\"")).valid) << v;
  for (std::string v : {"YES", "n", " Y", ""}) {
    const std::string b = sp(R"("frequency":1,"remain_first_backup_of_curMonth":")" + v + "\"");
    EXPECT_TRUE(has(check(b), "remain_first_backup_of_curMonth.value", E, "AutoBackup.0105",
                    "/scheduled_policy/remain_first_backup_of_curMonth",
                    pos(b, R"("remain_first_backup_of_curMonth":)", 34)))
        << v;
  }
  for (std::string v : {"On", "off", "ON ", "1"}) {
    const std::string b = sp(R"("frequency":1,"status":")" + v + "\"");
    EXPECT_TRUE(has(check(b), "status.value", E, "AutoBackup.0104", "/scheduled_policy/status",
                    pos(b, R"("status":)", 9)))
        << v;
  }
}

std::string tz_body(std::string_view tz) {
  return cat({R"({"scheduled_policy":{"frequency":1},"time_zone":")", tz, "\"}"});
}

TEST(TimeZone, CivilRangeAtBothEdges) {
  for (std::string tz : {"UTC+00:00", "UTC-12:00", "UTC+14:00", "UTC+05:30", "UTC+05:45", "UTC-09:30", "UTC+08:59"})
    EXPECT_TRUE(check(tz_body(tz)).valid) << tz;
  // Beyond the civil zones: the hour part breaks the rule.
  for (std::string tz : {"UTC+15:00", "UTC-13:00"}) {
    const std::string b = tz_body(tz);
    EXPECT_TRUE(has(check(b), "time_zone.range", E, "AutoBackup.0226", "/time_zone", pos(b, "UTC", 4))) << tz;
  }
  for (std::string tz : {"UTC+14:30", "UTC-12:01", "UTC+14:01"}) {
    const report r = check(tz_body(tz));
    EXPECT_EQ(count_rule(r, "time_zone.range"), 1u) << tz << ": " << rules_of(r);
    EXPECT_TRUE(has_code_at(r, "AutoBackup.0226", "/time_zone")) << tz;
  }
  // Minute 60: the minute's first digit.
  const std::string b = tz_body("UTC-03:60");
  EXPECT_TRUE(has(check(b), "time_zone.range", E, "AutoBackup.0226", "/time_zone", pos(b, "UTC", 7)));
  EXPECT_EQ(count_rule(check(b), "time_zone.range"), 1u);
  // Both parts broken, each on its own: each part's first digit (as start_time's "99:99").
  for (std::string tz : {"UTC+99:99", "UTC-13:60", "UTC+15:75"}) {
    const std::string both = tz_body(tz);
    const report r = check(both);
    EXPECT_EQ(count_rule(r, "time_zone.range"), 2u) << tz << ": " << rules_of(r);
    EXPECT_TRUE(has(r, "time_zone.range", E, "AutoBackup.0226", "/time_zone", pos(both, "UTC", 4))) << tz;
    EXPECT_TRUE(has(r, "time_zone.range", E, "AutoBackup.0226", "/time_zone", pos(both, "UTC", 7))) << tz;
  }
  // An hour in range with a minute past 59 is the minute's alone, even at the edge.
  for (std::string tz : {"UTC+14:60", "UTC-12:99"}) {
    const std::string edge = tz_body(tz);
    const report r = check(edge);
    EXPECT_EQ(count_rule(r, "time_zone.range"), 1u) << tz << ": " << rules_of(r);
    EXPECT_TRUE(has(r, "time_zone.range", E, "AutoBackup.0226", "/time_zone", pos(edge, "UTC", 7))) << tz;
  }
}

TEST(TimeZone, SyntaxErrorAtTheFirstBreakingCharacter) {
  struct sc {
    std::string tz;
    std::size_t breaking;  // index in the string value
  };
  for (const sc& c : {sc{"GMT+08:00", 0}, sc{"utc+08:00", 0}, sc{"UTC+8:00", 5}, sc{"UTC 08:00", 3},
                      sc{"UTC+08:00 ", 9}, sc{"UTC+0800", 6}, sc{"UTC+08:0", 8}, sc{"UTC", 3}, sc{"", 0},
                      sc{"UTC+08-00", 6}, sc{"UTC\xC2\xB1" "08:00", 3}}) {
    const std::string b = tz_body(c.tz);
    const std::size_t value = pos(b, R"("time_zone":")", 13);
    EXPECT_TRUE(has(check(b), "time_zone.syntax", E, "AutoBackup.0226", "/time_zone", value + c.breaking)) << c.tz;
  }
}

TEST(TimeZone, OffsetsInsideEscapedText) {
  // "UTC+08:\u00360" is UTC+08:60; the minute's first digit is written as \u0036.
  const std::string b = tz_body("UTC+08:\\u00360");
  EXPECT_TRUE(has(check(b), "time_zone.range", E, "AutoBackup.0226", "/time_zone", pos(b, "\\u0036")));
  // "\u0055TC+8:00": the syntax breaks at the ':' after one hour digit.
  const std::string s = tz_body("\\u0055TC+8:00");
  EXPECT_TRUE(has(check(s), "time_zone.syntax", E, "AutoBackup.0226", "/time_zone", pos(s, "+8:", 2)));
}

// ---------------------------------------------------------------------------------------------
// start_time: syntax and parts, offsets inside the string.

std::string st_body(std::string_view v, std::string_view extra = R"("frequency":1,)") {
  return sp(cat({extra, R"("start_time":")", v, "\""}));
}
const std::string kSt = "/scheduled_policy/start_time";

TEST(StartTime, WellFormedLists) {
  for (std::string v : {"00:00", "23:00", "12:00", "00:00,12:00", "01:00,02:00,03:00,23:00"})
    EXPECT_TRUE(check(st_body(v)).valid) << v;
}

TEST(StartTime, SyntaxErrorAtTheFirstBreakingCharacter) {
  struct sc {
    std::string v;
    std::size_t breaking;  // index in the string value
  };
  for (const sc& c : {sc{"2x:00", 1}, sc{"9:00", 1}, sc{"12:00,", 6}, sc{"12:00 ,13:00", 5}, sc{" 12:00", 0},
                      sc{"12.00", 2}, sc{"12:0", 4}, sc{"12:000", 5}, sc{"", 0}, sc{"12:00;13:00", 5},
                      sc{"12:00,,13:00", 6}, sc{"12:00,1\xC3\xA9:00", 7}}) {
    const std::string b = st_body(c.v);
    const std::size_t value = pos(b, R"("start_time":")", 14);
    const report r = check(b);
    EXPECT_TRUE(has(r, "start_time.syntax", E, "AutoBackup.0103", kSt, value + c.breaking)) << "'" << c.v << "'";
    EXPECT_EQ(count_at_path(r, kSt), 1u) << c.v << ": " << rules_of(r);
  }
}

TEST(StartTime, SyntaxMessagesPointAtACharacterOrAtTheEnd) {
  // "At character N" counts characters from 1, and only where the value has an Nth one.
  struct sc {
    std::string v;
    std::string_view says;
  };
  for (const sc& c : {sc{"2x:00", "(HH) at character 2"}, sc{"1\xC3\xA9:00", "(HH) at character 2"},
                      sc{"12:0\xC3\xA9", "(mm) at character 5"}, sc{"12:5", "(mm) at the end of the value"},
                      sc{"12:00,", "(two-digit hour) at the end of the value"},
                      sc{"", "(two-digit hour) (the value is empty)"}}) {
    const report r = check(st_body(c.v));
    const diagnostic* d = find(r, "start_time.syntax");
    ASSERT_NE(d, nullptr) << c.v << ": " << rules_of(r);
    EXPECT_TRUE(d->message.ends_with(c.says)) << c.v << ": " << d->message;
  }
}

TEST(StartTime, HourAndMinuteParts) {
  {
    const std::string b = st_body("13:05");
    EXPECT_TRUE(has(check(b), "start_time.full_hour", E, "AutoBackup.0103", kSt, pos(b, "13:05", 3)));
  }
  {
    const std::string b = st_body("12:00,13:30");  // the public conformance case
    EXPECT_TRUE(has(check(b), "start_time.full_hour", E, "AutoBackup.0103", kSt, pos(b, "13:30", 3)));
  }
  {
    const std::string b = st_body("24:00");
    EXPECT_TRUE(has(check(b), "start_time.hour", E, "AutoBackup.0103", kSt, pos(b, "24:00")));
  }
  {
    const std::string b = st_body("01:00,99:00");
    EXPECT_TRUE(has(check(b), "start_time.hour", E, "AutoBackup.0103", kSt, pos(b, "99:00")));
  }
  {
    const std::string b = st_body("10:00,12:60");
    EXPECT_TRUE(has(check(b), "start_time.full_hour", E, "AutoBackup.0103", kSt, pos(b, "12:60", 3)));
  }
}

// A list that breaks the syntax is read entry by entry (what the commas separate): each entry's
// first breaking character, and each part that is well-formed (two digits between its
// delimiters) and breaks a rule (decisions.md: "a well-formed part that breaks a rule: the first
// digit of that part"). Only more than 24 entries stops the list at one finding.
TEST(StartTime, EachEntryOfABrokenListOnItsOwn) {
  struct expected {
    std::string rule;
    std::size_t at;  // index in the string value
  };
  struct sc {
    std::string v;
    std::vector<expected> findings;  // in offset order
  };
  const sc cases[] = {
      {"25:00,1x:00", {{"start_time.hour", 0}, {"start_time.syntax", 7}}},
      {"12:30,1", {{"start_time.full_hour", 3}, {"start_time.syntax", 7}}},
      {"25:00:00", {{"start_time.hour", 0}, {"start_time.syntax", 5}}},  // no minute: ':' follows it
      {"1x:00,25:00", {{"start_time.syntax", 1}, {"start_time.hour", 6}}},
      {"25:0x", {{"start_time.hour", 0}, {"start_time.syntax", 4}}},
      {"2500", {{"start_time.syntax", 2}}},    // no part of two digits between delimiters
      {"250:00", {{"start_time.syntax", 2}}},
      {"12:300", {{"start_time.syntax", 5}}},
      {"12:30 ,25:00", {{"start_time.syntax", 5}, {"start_time.hour", 7}}},
      {"24:30,,13:15", {{"start_time.hour", 0}, {"start_time.full_hour", 3}, {"start_time.syntax", 6},
                        {"start_time.full_hour", 10}}},
      {"1:00,2:00", {{"start_time.syntax", 1}, {"start_time.syntax", 6}}},
      {"12:00 ,13:00", {{"start_time.syntax", 5}}},
  };
  for (const sc& c : cases) {
    const std::string b = st_body(c.v);
    const std::size_t value = pos(b, R"("start_time":")", 14);
    const report r = check(b);
    std::vector<const bpv::diagnostic*> at_path;
    for (const auto& d : r.diagnostics)
      if (d.path == kSt) at_path.push_back(&d);
    ASSERT_EQ(at_path.size(), c.findings.size()) << "'" << c.v << "': " << rules_of(r);
    for (std::size_t i = 0; i < at_path.size(); ++i) {
      EXPECT_EQ(at_path[i]->rule, c.findings[i].rule) << "'" << c.v << "' #" << i;
      EXPECT_EQ(at_path[i]->offset, value + c.findings[i].at) << "'" << c.v << "' #" << i;
      EXPECT_EQ(at_path[i]->code, "AutoBackup.0103");
    }
  }
  // Past 24 entries, one finding at the 25th, whatever the entries are.
  std::string many = "25:00";
  for (int i = 0; i < 24; ++i) many += ",1x:30";
  const std::string b = st_body(many);
  const report r = check(b);
  EXPECT_EQ(count_at_path(r, kSt), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "start_time.count", E, "AutoBackup.0103", kSt, pos(b, R"("start_time":")", 14) + 5 + 24 * 6 - 5));
}

TEST(StartTime, OffsetsInsideEscapedText) {
  {
    // "1\u0032:30" is 12:30: the minute's '3' comes after the 6-byte escape and the ':'.
    const std::string b = st_body("1\\u0032:30");
    EXPECT_TRUE(has(check(b), "start_time.full_hour", E, "AutoBackup.0103", kSt, pos(b, "\\u0032:30", 7)));
  }
  {
    // "13:\u00305" is 13:05: the minute's first digit is the escape itself.
    const std::string b = st_body("13:\\u00305");
    EXPECT_TRUE(has(check(b), "start_time.full_hour", E, "AutoBackup.0103", kSt, pos(b, "\\u0030")));
  }
  {
    // "\u00324:00" is 24:00: the hour's first digit is the escape.
    const std::string b = st_body("\\u00324:00");
    EXPECT_TRUE(has(check(b), "start_time.hour", E, "AutoBackup.0103", kSt, pos(b, "\\u0032")));
  }
  {
    // "2\u0078:00" is 2x:00: the escaped 'x' breaks the syntax.
    const std::string b = st_body("2\\u0078:00");
    EXPECT_TRUE(has(check(b), "start_time.syntax", E, "AutoBackup.0103", kSt, pos(b, "\\u0078")));
  }
  {
    // Escaped '/' and a 2-byte character before the error.
    const std::string b = R"({"backup_policy_name":"a","x":"\u00e9\/","scheduled_policy":{"frequency":1,)"
                          R"("start_time":"\u0031\u0030:00,11:05"}})";
    EXPECT_TRUE(has(check(b), "start_time.full_hour", E, "AutoBackup.0103", kSt, pos(b, "11:05", 3)));
  }
}

// ---------------------------------------------------------------------------------------------
// start_time: order by local time, duplicates, count, and the UTC day crossing.

TEST(StartTimeOrder, AscendingByLocalTime) {
  {
    const std::string b = st_body("22:00,00:00");  // no time_zone: UTC
    const report r = check(b);
    EXPECT_TRUE(has(r, "start_time.order", E, "AutoBackup.0103", kSt, pos(b, "00:00")));
  }
  {
    // At UTC+02:00, 00:00,22:00 is local 02:00, 00:00.
    const std::string b =
        R"({"scheduled_policy":{"week_frequency":["MON"],"start_time":"00:00,22:00"},"time_zone":"UTC+02:00"})";
    EXPECT_TRUE(has(check(b), "start_time.order", E, "AutoBackup.0103", kSt, pos(b, "22:00")));
  }
  {
    // At UTC-05:00, 23:00,01:00 is local 18:00, 20:00: ascending.
    const std::string b =
        R"({"scheduled_policy":{"week_frequency":["MON"],"start_time":"23:00,01:00"},"time_zone":"UTC-05:00"})";
    const report r = check(b);
    EXPECT_TRUE(r.valid) << rules_of(r);
  }
}

TEST(StartTimeOrder, TheMessageNamesTheTimeJustBefore) {
  // 01:00 comes after 03:00, the time listed just before it, not after the first.
  const std::string b = st_body("02:00,03:00,01:00");
  const report r = check(b);
  const diagnostic* d = find(r, "start_time.order");
  ASSERT_NE(d, nullptr) << rules_of(r);
  EXPECT_NE(d->message.find("01:00 (local 01:00) comes after 03:00 (local 03:00)"), std::string::npos) << d->message;
}

TEST(StartTimeOrder, OnlyOneOrderError) {
  const std::string b = st_body("14:00,10:00,08:00,03:00");
  const report r = check(b);
  EXPECT_EQ(count_rule(r, "start_time.order"), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "start_time.order", E, "AutoBackup.0103", kSt, pos(b, "10:00")));
}

TEST(StartTimeOrder, DuplicateReportedOnceAtTheLaterOneNotAsOrder) {
  {
    const std::string b = st_body("10:00,12:00,10:00");
    const report r = check(b);
    EXPECT_EQ(count_rule(r, "start_time.duplicate"), 1u) << rules_of(r);
    EXPECT_EQ(count_rule(r, "start_time.order"), 0u) << rules_of(r);
    EXPECT_TRUE(has(r, "start_time.duplicate", E, "AutoBackup.0103", kSt, rpos(b, "10:00")));
  }
  {
    const std::string b = st_body("12:00,12:00");
    const report r = check(b);
    EXPECT_EQ(count_at_path(r, kSt), 1u) << rules_of(r);
    EXPECT_TRUE(has(r, "start_time.duplicate", E, "AutoBackup.0103", kSt, rpos(b, "12:00")));
  }
  {
    const std::string b = R"({"scheduled_policy":{"week_frequency":["MON"],"start_time":"22:00,00:00,22:00"},)"
                          R"("time_zone":"UTC+02:00"})";
    const report r = check(b);
    EXPECT_EQ(count_at_path(r, kSt), 1u) << rules_of(r);
    EXPECT_TRUE(has(r, "start_time.duplicate", E, "AutoBackup.0103", kSt, rpos(b, "22:00")));
  }
}

TEST(StartTimeOrder, SkippedWhenAnEntryIsInvalid) {
  {
    const report r = check(st_body("14:00,10:30"));
    EXPECT_EQ(count_rule(r, "start_time.full_hour"), 1u) << rules_of(r);
    EXPECT_EQ(count_rule(r, "start_time.order"), 0u) << rules_of(r);
  }
  {
    const report r = check(st_body("10:00,10:00,24:00"));
    EXPECT_EQ(count_rule(r, "start_time.hour"), 1u) << rules_of(r);
    EXPECT_EQ(count_rule(r, "start_time.duplicate"), 0u) << rules_of(r);
  }
  {
    const report r = check(st_body("14:00,14:00,10:00,9:00"));
    EXPECT_EQ(count_rule(r, "start_time.syntax"), 1u) << rules_of(r);
    EXPECT_EQ(count_at_path(r, kSt), 1u) << rules_of(r);
  }
}

TEST(StartTimeOrder, SkippedWhenTimeZoneIsInvalid) {
  for (std::string tz : {"UTC+8:00", "UTC+15:00", "UTC+08:60"}) {
    const std::string b = R"({"scheduled_policy":{"frequency":1,"start_time":"14:00,10:00,10:00"},"time_zone":")" +
                          tz + "\"}";
    const report r = check(b);
    EXPECT_EQ(count_at_path(r, kSt), 0u) << tz << ": " << rules_of(r);
    EXPECT_TRUE(has_code_at(r, "AutoBackup.0226", "/time_zone")) << tz;
  }
  {
    const report r = check(R"({"scheduled_policy":{"frequency":1,"start_time":"14:00,10:00"},"time_zone":8})");
    EXPECT_EQ(count_at_path(r, kSt), 0u) << rules_of(r);
  }
}

TEST(StartTimeCount, MoreThan24IsOneErrorAtThe25th) {
  EXPECT_TRUE(check(st_body(times(0, 24))).valid);
  const std::string list = times(0, 26);
  const std::string b = st_body(list);
  const report r = check(b);
  ASSERT_EQ(count_at_path(r, kSt), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "start_time.count", E, "AutoBackup.0103", kSt, pos(b, list) + 24 * 6));
}

TEST(StartTimeCount, TwentyFourCommasAreTwentyFiveEntries) {
  // The shortest list of 25 entries: 24 bytes, all commas.
  const std::string b = st_body(std::string(24, ','));
  const report r = check(b);
  ASSERT_EQ(count_at_path(r, kSt), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "start_time.count", E, "AutoBackup.0103", kSt, pos(b, std::string(24, ',')) + 24));
}

TEST(StartTimeCount, NothingElseAboutTheList) {
  // 26 entries with disorder, a duplicate, an hour 24 and a half hour: only the count is reported.
  std::vector<std::string> entries = {"10:00", "09:00", "10:00", "24:00", "10:30"};
  while (entries.size() < 26) entries.push_back("11:00");
  std::string list;
  for (const auto& e : entries) list += (list.empty() ? "" : ",") + e;
  const std::string b = st_body(list);
  const report r = check(b);
  ASSERT_EQ(count_at_path(r, kSt), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "start_time.count", E, "AutoBackup.0103", kSt, pos(b, list) + 24 * 6));
}

TEST(DayCrossing, ThePagesExample) {
  const std::string week =
      R"({"scheduled_policy":{"week_frequency":["MON","THU"],"start_time":"22:00,00:00,02:00"},"time_zone":"UTC+02:00"})";
  const report ok = check(week);
  EXPECT_TRUE(ok.valid) << rules_of(ok);
  EXPECT_TRUE(ok.diagnostics.empty()) << rules_of(ok);

  const std::string freq =
      R"({"scheduled_policy":{"frequency":1,"start_time":"22:00,00:00,02:00"},"time_zone":"UTC+02:00"})";
  const report bad = check(freq);
  ASSERT_EQ(bad.diagnostics.size(), 1u) << rules_of(bad);
  EXPECT_TRUE(has(bad, "start_time.utc_day_crossing", E, "AutoBackup.0106", "/scheduled_policy/frequency",
                  pos(freq, R"("frequency")")));
}

TEST(DayCrossing, FrequencyPrevailsSoItStillCrosses) {
  const std::string b = R"({"scheduled_policy":{"week_frequency":["MON"],"frequency":1,)"
                        R"("start_time":"22:00,00:00,02:00"},"time_zone":"UTC+02:00"})";
  const report r = check(b);
  EXPECT_TRUE(has(r, "start_time.utc_day_crossing", E, "AutoBackup.0106", "/scheduled_policy/frequency",
                  pos(b, R"("frequency")")));
  EXPECT_TRUE(has(r, "week_frequency.ignored", I, "", "/scheduled_policy/week_frequency", pos(b, R"("week_frequency")")));
}

TEST(DayCrossing, AlsoWhenALaterTimeFallsOnAnEarlierUtcDay) {
  // UTC+02:00: 02:00 and 22:00 UTC are local 04:00 and 00:00; on a local day, 00:00 is UTC 22:00
  // of the day before. Out of order too (the order check does not skip the crossing).
  const std::string b = R"({"scheduled_policy":{"frequency":1,"start_time":"02:00,22:00"},"time_zone":"UTC+02:00"})";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 2u) << rules_of(r);
  EXPECT_TRUE(has(r, "start_time.utc_day_crossing", E, "AutoBackup.0106", "/scheduled_policy/frequency",
                  pos(b, R"("frequency")")));
  EXPECT_TRUE(has(r, "start_time.order", E, "AutoBackup.0103", "/scheduled_policy/start_time", pos(b, "22:00")));
  EXPECT_EQ(r.first_error()->rule, "start_time.utc_day_crossing");
}

TEST(DayCrossing, NegativeZone) {
  // UTC-05:00: 23:00 and 01:00 UTC are local 18:00 and 20:00 of one day, on two UTC days.
  const std::string b = R"({"scheduled_policy":{"frequency":2,"start_time":"23:00,01:00"},"time_zone":"UTC-05:00"})";
  EXPECT_TRUE(has(check(b), "start_time.utc_day_crossing", E, "AutoBackup.0106", "/scheduled_policy/frequency",
                  pos(b, R"("frequency")")));
}

TEST(DayCrossing, NoCrossing) {
  for (std::string b : {
           R"({"scheduled_policy":{"frequency":1,"start_time":"00:00,02:00"},"time_zone":"UTC+02:00"})",
           R"({"scheduled_policy":{"frequency":1,"start_time":"22:00"},"time_zone":"UTC+02:00"})",
           R"({"scheduled_policy":{"frequency":1,"start_time":"20:00"},"time_zone":"UTC+08:00"})",
           R"({"scheduled_policy":{"frequency":1,"start_time":"00:00,23:00"},"time_zone":"UTC+00:00"})",
           R"({"scheduled_policy":{"frequency":1,"start_time":"00:00,23:00"}})",
           R"({"scheduled_policy":{"frequency":1,"start_time":"05:00,06:00"},"time_zone":"UTC-05:00"})",
       }) {
    const report r = check(b);
    EXPECT_TRUE(r.valid) << b << ": " << rules_of(r);
  }
}

TEST(DayCrossing, NothingMoreWhenNeitherIntervalIsGiven) {
  const std::string b = R"({"scheduled_policy":{"start_time":"22:00,00:00,02:00"},"time_zone":"UTC+02:00"})";
  const report r = check(b);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "scheduled_policy.interval_required", E, "AutoBackup.0106", "/scheduled_policy",
                  pos(b, R"({"start_time")")));
}

TEST(DayCrossing, SkippedWhenAnEntryOrTheZoneIsInvalid) {
  {
    const report r =
        check(R"({"scheduled_policy":{"frequency":1,"start_time":"22:00,00:30"},"time_zone":"UTC+02:00"})");
    EXPECT_EQ(count_rule(r, "start_time.utc_day_crossing"), 0u) << rules_of(r);
    EXPECT_EQ(count_rule(r, "start_time.full_hour"), 1u) << rules_of(r);
    ASSERT_NE(r.first_error(), nullptr);
    EXPECT_EQ(r.first_error()->code, "AutoBackup.0103");
  }
  {
    const report r =
        check(R"({"scheduled_policy":{"frequency":1,"start_time":"22:00,00:00,02:00"},"time_zone":"UTC+2:00"})");
    EXPECT_EQ(count_rule(r, "start_time.utc_day_crossing"), 0u) << rules_of(r);
    EXPECT_EQ(count_rule(r, "time_zone.syntax"), 1u) << rules_of(r);
  }
}

// ---------------------------------------------------------------------------------------------
// Precedence: info diagnostics, and the ignored member is still validated.

TEST(Precedence, FrequencyOverWeekFrequency) {
  const std::string b = sp(R"("frequency":2,"week_frequency":["MON"])");
  const report r = check(b);
  EXPECT_TRUE(r.valid);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "week_frequency.ignored", I, "", "/scheduled_policy/week_frequency", pos(b, R"("week_frequency")")));
}

TEST(Precedence, IgnoredWeekFrequencyIsStillValidated) {
  const std::string b = sp(R"("frequency":2,"week_frequency":["mon"])");
  const report r = check(b);
  EXPECT_FALSE(r.valid);
  EXPECT_TRUE(has(r, "week_frequency.ignored", I, "", "/scheduled_policy/week_frequency", pos(b, R"("week_frequency")")));
  EXPECT_TRUE(has(r, "week_frequency.day", E, "AutoBackup.0106", "/scheduled_policy/week_frequency/0", pos(b, R"("mon")")));
  const std::string e = sp(R"("frequency":2,"week_frequency":[])");
  EXPECT_TRUE(has(check(e), "week_frequency.empty", E, "AutoBackup.0106", "/scheduled_policy/week_frequency", pos(e, "[]")));
}

TEST(Precedence, RetentionNumOverRetentionDay) {
  const std::string b = sp(R"("frequency":1,"rentention_num":5,"rentention_day":30)");
  const report r = check(b);
  EXPECT_TRUE(r.valid);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "rentention_day.ignored", I, "", "/scheduled_policy/rentention_day", pos(b, R"("rentention_day")")));
}

TEST(Precedence, IgnoredRetentionDayIsStillValidated) {
  const std::string b = sp(R"("frequency":1,"rentention_num":5,"rentention_day":0)");
  const report r = check(b);
  EXPECT_FALSE(r.valid);
  EXPECT_TRUE(has(r, "rentention_day.ignored", I, "", "/scheduled_policy/rentention_day", pos(b, R"("rentention_day")")));
  EXPECT_TRUE(has(r, "rentention_day.range", E, "AutoBackup.0107", "/scheduled_policy/rentention_day",
                  pos(b, R"("rentention_day":)", 17)));
  const std::string t = sp(R"("frequency":1,"rentention_num":5,"rentention_day":"30")");
  EXPECT_TRUE(has(check(t), "rentention_day.type", E, "AutoBackup.0107", "/scheduled_policy/rentention_day",
                  pos(t, R"("30")")));
}

// ---------------------------------------------------------------------------------------------
// '<' and '>': names and values, escaped, any depth, unknown members, besides other findings.

TEST(AngleBrackets, InANameValueBesidesItsOwnFindings) {
  const std::string b = name_body("a<b");
  const report r = check(b);
  const std::size_t v = pos(b, "\"a<b\"");
  EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/backup_policy_name", v));
  EXPECT_TRUE(has(r, "backup_policy_name.characters", E, "AutoBackup.0102", "/backup_policy_name", v));
}

TEST(AngleBrackets, EscapedCounts) {
  for (std::string esc : {"\\u003c", "\\u003C", "\\u003e", "\\u003E"}) {
    const std::string b = R"({"backup_policy_name":"a","note":"x)" + esc + "\"}";
    const report r = check(b);
    EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/note", pos(b, "\"x"))) << esc;
  }
  // An escaped backslash followed by "u003c" is the six characters \u003c, not '<'.
  const report lit = check(R"({"backup_policy_name":"a","note":"\\u003c"})");
  EXPECT_EQ(count_rule(lit, "string.angle_brackets"), 0u) << rules_of(lit);
  EXPECT_TRUE(check(R"({"backup_policy_name":"a","note":"&lt;b&gt;"})").valid);
}

TEST(AngleBrackets, InMemberNamesAndUnknownMembers) {
  const std::string b = R"({"backup_policy_name":"a","<x>":1})";
  const report r = check(b);
  EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/<x>", pos(b, R"("<x>")")));
  EXPECT_TRUE(has(r, "member.unknown", W, "", "/<x>", pos(b, R"("<x>")")));
  const std::string e = R"({"backup_policy_name":"a","\u003e":1})";
  EXPECT_TRUE(has(check(e), "string.angle_brackets", E, "AutoBackup.0221", "/>", pos(e, R"("\u003e")")));
}

TEST(AngleBrackets, AtAnyDepth) {
  const std::string b = R"({"backup_policy_name":"a","x":{"y":[1,{"z":"\u003e"}],"w<":null}})";
  const report r = check(b);
  EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/x/y/1/z", pos(b, R"("\u003e")")));
  EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/x/w<", pos(b, R"("w<")")));
  EXPECT_EQ(count_rule(r, "string.angle_brackets"), 2u) << rules_of(r);
  const std::string a = R"({"backup_policy_name":"a","x":["ok",["<"]]})";
  EXPECT_TRUE(has(check(a), "string.angle_brackets", E, "AutoBackup.0221", "/x/1/0", pos(a, R"("<")")));
}

TEST(AngleBrackets, InFieldValuesBesidesTheirFindings) {
  {
    const std::string b = sp(R"("frequency":1,"status":"<ON>")");
    const report r = check(b);
    EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/scheduled_policy/status", pos(b, R"("<ON>")")));
    EXPECT_TRUE(has(r, "status.value", E, "AutoBackup.0104", "/scheduled_policy/status", pos(b, R"("<ON>")")));
  }
  {
    const std::string b = st_body("12:00>");
    const report r = check(b);
    EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", kSt, pos(b, "\"12:00>")));
    EXPECT_TRUE(has(r, "start_time.syntax", E, "AutoBackup.0103", kSt, pos(b, ">")));
  }
  {
    const std::string b = sp(R"("week_frequency":["MON","<TUE"])");
    const report r = check(b);
    EXPECT_TRUE(has(r, "string.angle_brackets", E, "AutoBackup.0221", "/scheduled_policy/week_frequency/1",
                    pos(b, R"("<TUE")")));
    EXPECT_TRUE(has(r, "week_frequency.day", E, "AutoBackup.0106", "/scheduled_policy/week_frequency/1",
                    pos(b, R"("<TUE")")));
  }
}

// ---------------------------------------------------------------------------------------------
// Near misses, unknown and misplaced members.

TEST(Members, NearMissesOfRententionNum) {
  for (std::string n : {"retention_num", "Rentention_Num", "rentention-num", "retentionNum", "RENTENTION_NUM",
                        "rentention num", "rententoin_num"}) {
    const std::string b = sp(R"("frequency":1,")" + n + R"(":5)");
    const report r = check(b);
    EXPECT_TRUE(has(r, "member.near_miss", E, "AutoBackup.0107", cat({"/scheduled_policy/", n}), pos(b, cat({"\"", n, "\""}))))
        << n;
    EXPECT_EQ(count_rule(r, "member.unknown"), 0u) << n;
    const diagnostic* d = find(r, "member.near_miss");
    ASSERT_NE(d, nullptr);
    EXPECT_NE(d->message.find("rentention_num"), std::string::npos) << "no 'did you mean' hint: " << d->message;
  }
}

TEST(Members, NearMissesTakeTheResembledMembersCode) {
  {
    const std::string b = R"({"backup_policy_nam":"x"})";
    EXPECT_TRUE(has(check(b), "member.near_miss", E, "AutoBackup.0102", "/backup_policy_nam",
                    pos(b, R"("backup_policy_nam")")));
  }
  {
    const std::string b = R"({"backup_policy_name":"a","scheduled_polcy":{"frequency":1}})";
    EXPECT_TRUE(has(check(b), "member.near_miss", E, "AutoBackup.0008", "/scheduled_polcy",
                    pos(b, R"("scheduled_polcy")")));
  }
  {
    const std::string b = R"({"backup_policy_name":"a","timezone":"UTC+08:00"})";
    EXPECT_TRUE(has(check(b), "member.near_miss", E, "AutoBackup.0226", "/timezone", pos(b, R"("timezone")")));
  }
  {
    const std::string b = sp(R"("frequency":1,"starttime":"12:00")");
    EXPECT_TRUE(has(check(b), "member.near_miss", E, "AutoBackup.0103", "/scheduled_policy/starttime",
                    pos(b, R"("starttime")")));
  }
  {
    const std::string b = sp(R"("frequency":1,"Status":"ON")");
    EXPECT_TRUE(has(check(b), "member.near_miss", E, "AutoBackup.0104", "/scheduled_policy/Status",
                    pos(b, R"("Status")")));
  }
  {
    const std::string b = sp(R"("frequency":1,"remain_first_backup_of_curmonth":"Y")");
    EXPECT_TRUE(has(check(b), "member.near_miss", E, "AutoBackup.0105",
                    "/scheduled_policy/remain_first_backup_of_curmonth", pos(b, R"("remain_first_backup_of_curmonth")")));
  }
  {
    const std::string b = sp(R"("frequncy":1,"week_frequency":["MON"])");
    EXPECT_TRUE(has(check(b), "member.near_miss", E, "AutoBackup.0106", "/scheduled_policy/frequncy",
                    pos(b, R"("frequncy")")));
  }
}

TEST(Members, NearMissDistancesCountCharactersNotBytes) {
  // Two characters changed are two edits however many bytes they take; lowercasing is
  // Unicode's (Python's str.lower), whose only non-ASCII letters that become ASCII are the
  // Kelvin sign (k) and the dotted capital I (i and a combining dot).
  struct example {
    std::string name;
    const char* code;  // nullptr: no near miss
  };
  for (const example& e : {example{"st\xC3\xA4t\xC3\xBCs", "AutoBackup.0104"},             // stätüs
                           example{"retention_n\xC3\xBCm", "AutoBackup.0107"},             // retention_nüm
                           example{"\xE2\x84\xAA", nullptr},                               // a Kelvin sign alone
                           example{"st\xF0\x9F\x98\x80tus", "AutoBackup.0104"},           // an emoji inserted
                           example{"\xC3\xA4\xC3\xA4\xC3\xA4tatus", nullptr},           // three inserted
                           example{"rentention_num\xC4\xB0", "AutoBackup.0107"},            // İ: i and a dot, two
                           example{"rentention_num\xC4\xB0x", nullptr}}) {                  // and one more
    const std::string b = sp(R"("frequency":1,")" + e.name + R"(":5)");
    const report r = check(b);
    if (e.code) {
      EXPECT_TRUE(has(r, "member.near_miss", E, e.code, "/scheduled_policy/" + e.name, pos(b, "\"" + e.name + "\"")))
          << e.name << ": " << rules_of(r);
    } else {
      EXPECT_EQ(count_rule(r, "member.near_miss"), 0u) << e.name;
    }
  }
  // The Kelvin sign lowercases to 'k' inside a name at a distance too: "weeK_freqencyy" (K the
  // sign) is week_frequency with one letter dropped and one doubled.
  for (std::string_view sign : {"\xE2\x84\xAA", "\\u212a"}) {  // raw, and escaped (the document's reading)
    const std::string far = sp(cat({R"("frequency":1,"wee)", sign, R"(_freqencyy":["MON"])"}));
    const report r = check(far);
    EXPECT_TRUE(has(r, "member.near_miss", E, "AutoBackup.0106", "/scheduled_policy/wee\xE2\x84\xAA_freqencyy",
                    pos(far, "\"wee")))
        << far << ": " << rules_of(r);
  }
  const std::string kelvin = "bac\xE2\x84\xAAup_policy_name";  // lowercased: backup_policy_name
  const std::string b = R"({")" + kelvin + R"(":"x","time_zone":"UTC+08:00"})";
  EXPECT_TRUE(has(check(b), "member.near_miss", E, "AutoBackup.0102", "/" + kelvin, 1)) << rules_of(check(b));
}

// A member's name with more after it is another name, whatever part of it a lookup compares:
// for each length, one of the last letters a-z puts the longer name in the member's own slot of
// the lookup table (rules/members.hpp hashes the size and the end bytes).
TEST(Members, AMembersNameWithMoreAfterItIsNotTheMember) {
  for (const bpv::engine::member_spec& m : bpv::engine::members) {
    bool const inner = m.in == bpv::engine::object_id::scheduled_policy;
    const std::string path = cat({inner ? "/scheduled_policy/" : "/", m.name});
    for (std::size_t more = 1; more <= 12; ++more) {
      for (char last = 'a'; last <= 'z'; ++last) {
        const std::string name = cat({m.name, std::string(more - 1, 'x'), std::string(1, last)});
        const std::string b = inner ? sp(cat({"\"", name, "\":[]"})) : cat({"{\"", name, "\":[]}"});
        const report r = check(b);
        for (const diagnostic& d : r.diagnostics) ASSERT_NE(d.path, path) << b << ": " << rules_of(r);
        ASSERT_FALSE(r.effective) << b;  // (never valid: nothing of the API, or no interval)
      }
    }
  }
}

TEST(Members, UnknownMembersAreWarnings) {
  const std::string b = R"({"backup_policy_name":"p1","backup_policy_id":"af8a20b0"})";
  const report r = check(b);
  EXPECT_TRUE(r.valid);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  EXPECT_TRUE(has(r, "member.unknown", W, "", "/backup_policy_id", pos(b, R"("backup_policy_id")")));
  const std::string s = sp(R"("frequency":1,"comment":"x")");
  EXPECT_TRUE(has(check(s), "member.unknown", W, "", "/scheduled_policy/comment", pos(s, R"("comment")")));
  EXPECT_TRUE(check(s).valid);
}

TEST(Members, MisplacedMembersAreWarningsNotNearMisses) {
  {
    const std::string b = sp(R"("frequency":1,"time_zone":"UTC+08:00")");
    const report r = check(b);
    EXPECT_TRUE(r.valid) << rules_of(r);
    EXPECT_EQ(count_rule(r, "member.near_miss"), 0u);
    EXPECT_TRUE(has(r, "member.misplaced", W, "", "/scheduled_policy/time_zone", pos(b, R"("time_zone")")));
  }
  {
    const std::string b = R"({"backup_policy_name":"a","start_time":"12:00"})";
    const report r = check(b);
    EXPECT_TRUE(r.valid) << rules_of(r);
    EXPECT_EQ(count_rule(r, "member.near_miss"), 0u);
    EXPECT_TRUE(has(r, "member.misplaced", W, "", "/start_time", pos(b, R"("start_time")")));
  }
  {
    const std::string b = R"({"backup_policy_name":"a","frequency":1})";
    EXPECT_TRUE(has(check(b), "member.misplaced", W, "", "/frequency", pos(b, R"("frequency")")));
  }
  {
    // A misplaced member's value is not validated as the field it would be elsewhere.
    const report r = check(sp(R"("frequency":1,"time_zone":"nonsense")"));
    EXPECT_TRUE(r.valid) << rules_of(r);
  }
}

TEST(Members, PathsEscapeTildeAndSlash) {
  const std::string b = R"({"backup_policy_name":"a","a/b~c":1})";
  EXPECT_TRUE(has(check(b), "member.unknown", W, "", "/a~1b~0c", pos(b, R"("a/b~c")")));
}

// ---------------------------------------------------------------------------------------------
// Duplicates: after unescaping, at any depth; the first occurrence is validated.

TEST(Duplicates, ComparedAfterUnescaping) {
  const std::string b = R"({"backup_policy_name":"a","backup_policy_nam\u0065":"b"})";
  const report r = check(b);
  EXPECT_TRUE(has(r, "member.duplicate", E, "AutoBackup.0008", "/backup_policy_name",
                  pos(b, R"("backup_policy_nam\u0065")")));
  EXPECT_FALSE(r.valid);
}

TEST(Duplicates, TheFirstOccurrenceIsValidated) {
  const std::string b = R"({"backup_policy_name":"a.b","backup_policy_name":"ok"})";
  const report r = check(b);
  EXPECT_TRUE(has(r, "backup_policy_name.characters", E, "AutoBackup.0102", "/backup_policy_name", pos(b, "\"a.b\"")));
  EXPECT_TRUE(has(r, "member.duplicate", E, "AutoBackup.0008", "/backup_policy_name",
                  rpos(b, R"("backup_policy_name")")));
}

TEST(Duplicates, AtAnyDepth) {
  {
    const std::string b = sp(R"("frequency":1,"status":"ON","status":"OFF")");
    EXPECT_TRUE(has(check(b), "member.duplicate", E, "AutoBackup.0008", "/scheduled_policy/status",
                    rpos(b, R"("status")")));
  }
  {
    const std::string b = R"({"backup_policy_name":"a","x":[{"k":1},{"k":1,"k":2}]})";
    const report r = check(b);
    EXPECT_EQ(count_rule(r, "member.duplicate"), 1u) << rules_of(r);
    EXPECT_TRUE(has(r, "member.duplicate", E, "AutoBackup.0008", "/x/1/k", rpos(b, R"("k")")));
  }
  {
    // The same name in different objects is no duplicate.
    const report r = check(R"({"backup_policy_name":"a","x":{"backup_policy_name":"b"},"y":[{"k":1},{"k":2}]})");
    EXPECT_EQ(count_rule(r, "member.duplicate"), 0u) << rules_of(r);
    EXPECT_TRUE(r.valid) << rules_of(r);
  }
  {
    const std::string b = R"({"backup_policy_name":"a","scheduled_policy":{"frequency":1},"scheduled_policy":{}})";
    EXPECT_TRUE(has(check(b), "member.duplicate", E, "AutoBackup.0008", "/scheduled_policy",
                    rpos(b, R"("scheduled_policy")")));
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// near_miss_of skips most names with cheap lower bounds (length, letters, letter counts) before
// it computes a distance: against a plain search by distance alone, over names made from every
// member by a few random edits, it must pick the same member every time.
// ---------------------------------------------------------------------------------------------

namespace near_miss_property {

std::string normalized(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '_' || c == '-' || c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// Damerau-Levenshtein (unrestricted), the textbook recurrence, with a table per call.
std::size_t distance(const std::string& a, const std::string& b) {
  std::size_t const n = a.size(), m = b.size(), inf = n + m;
  std::vector<std::vector<std::size_t>> d(n + 2, std::vector<std::size_t>(m + 2, 0));
  std::vector<std::size_t> last(256, 0);
  d[0][0] = inf;
  for (std::size_t i = 0; i <= n; ++i) d[i + 1][0] = inf, d[i + 1][1] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j + 1] = inf, d[1][j + 1] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t match = 0;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t const i1 = last[static_cast<unsigned char>(b[j - 1])], j1 = match;
      std::size_t cost = 1;
      if (a[i - 1] == b[j - 1]) cost = 0, match = j;
      d[i + 1][j + 1] = std::min({d[i][j] + cost, d[i + 1][j] + 1, d[i][j + 1] + 1, d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1)});
    }
    last[static_cast<unsigned char>(a[i - 1])] = i;
  }
  return d[n + 1][m + 1];
}

// The member of `in` closest to `name` within distance 2 (the earlier one on a tie), or none:
// every member's distance worked out in full, no bound taken.
const bpv::engine::member_spec* by_distance_alone(bpv::engine::object_id in, const std::string& name) {
  const bpv::engine::member_spec* closest = nullptr;
  std::size_t best = 3;
  for (const auto& m : bpv::engine::members)
    if (m.in == in)
      if (std::size_t d = distance(normalized(name), normalized(m.name)); d < best) best = d, closest = &m;
  return closest;
}

TEST(NearMiss, SameAsASearchByDistanceAlone) {
  using bpv::engine::members;
  using bpv::engine::object_id;
  std::uint64_t state = 20261128;
  auto next = [&] {  // a fixed LCG: the same names on every run
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::size_t>(state >> 33);
  };
  const std::string_view alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_- ";
  std::size_t found = 0;
  for (int round = 0; round < 40000; ++round) {
    std::string name(members[next() % std::size(members)].name);
    for (std::size_t e = 0, edits = next() % 5; e < edits; ++e) {
      std::size_t const at = name.empty() ? 0 : next() % name.size();
      char const c = alphabet[next() % alphabet.size()];
      switch (next() % 4) {
        case 0: name.insert(name.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        case 1: if (!name.empty()) name.erase(at, 1); break;
        case 2: if (!name.empty()) name[at] = c; break;
        default: if (at + 1 < name.size()) std::swap(name[at], name[at + 1]); break;
      }
    }
    for (object_id in : {object_id::root, object_id::scheduled_policy}) {
      const bpv::engine::member_spec* const want = by_distance_alone(in, name);
      ASSERT_EQ(bpv::engine::near_miss_of(in, name), want) << name;
      found += want != nullptr;
    }
  }
  EXPECT_GT(found, 10000u) << "most edited names are near misses, so both sides are exercised";
}

// The distance near_miss_of asks for, "at most k" (worked out on a band about the diagonal, and
// no further than a row above k): the full table's answer, capped at k + 1, for every pair of
// strings of up to five letters of three, and for pairs of up to forty letters a few edits apart.
TEST(NearMiss, DistanceWithinIsTheFullTablesCapped) {
  std::vector<std::string> all{""};
  for (std::size_t from = 0; all.back().size() < 5;) {
    std::size_t const to = all.size();
    for (std::size_t i = from; i < to; ++i)
      for (char c : {'a', 'b', 'c'}) all.push_back(all[i] + c);
    from = to;
  }
  ASSERT_EQ(all.size(), 364u);
  std::size_t within[3] = {};
  for (const auto& a : all) {
    for (const auto& b : all) {
      std::size_t const d = distance(a, b);
      for (std::size_t k = 0; k <= 2; ++k) {
        ASSERT_EQ(bpv::engine::distance_within(a, b, k), std::min(d, k + 1)) << a << " " << b << " k=" << k;
        within[k] += d <= k;
      }
    }
  }
  EXPECT_EQ(within[0], all.size());
  EXPECT_GT(within[2], 10 * all.size());
  std::uint64_t state = 42;
  auto next = [&] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::size_t>(state >> 33);
  };
  for (int round = 0; round < 20000; ++round) {
    std::string a(1 + next() % 40, 'a');
    for (char& c : a) c = "abcd"[next() % 4];
    std::string b = a;
    for (std::size_t e = 0, edits = next() % 5; e < edits; ++e) {
      std::size_t const at = next() % b.size();
      switch (next() % 4) {
        case 0: if (b.size() < 40) b.insert(at, 1, "abcd"[next() % 4]); break;
        case 1: if (b.size() > 1) b.erase(at, 1); break;
        case 2: b[at] = "abcd"[next() % 4]; break;
        default: if (at + 1 < b.size()) std::swap(b[at], b[at + 1]); break;
      }
    }
    std::size_t const d = distance(a, b);
    for (std::size_t k = 0; k <= 2; ++k)
      ASSERT_EQ(bpv::engine::distance_within(a, b, k), std::min(d, k + 1)) << a << " " << b << " k=" << k;
  }
}

// The distance is worked out only as far as it decides "at most 2" (a band about the diagonal,
// no row past one above 2). Names with every letter of a member, in another order, pass every
// cheaper bound and reach it: those end the table early, and a few swaps and edits leave some
// within reach. The same member as the plain search, every time.
TEST(NearMiss, SameAsASearchByDistanceAloneForReorderedLetters) {
  using bpv::engine::members;
  using bpv::engine::object_id;
  std::uint64_t state = 20261206;
  auto next = [&] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::size_t>(state >> 33);
  };
  std::size_t found = 0, rounds = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string name(members[next() % std::size(members)].name);
    switch (next() % 3) {
      case 0:  // every letter moved
        for (std::size_t i = name.size(); i > 1; --i) std::swap(name[i - 1], name[next() % i]);
        break;
      case 1:  // a few letters moved, anywhere
        for (std::size_t e = 0, edits = 1 + next() % 3; e < edits; ++e)
          std::swap(name[next() % name.size()], name[next() % name.size()]);
        break;
      default:  // one block moved to the end
        std::rotate(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(next() % name.size()), name.end());
        break;
    }
    if (next() % 2 == 0) name.insert(next() % (name.size() + 1), 1, "abz_-"[next() % 5]);
    if (next() % 2 == 0) name.erase(next() % name.size(), 1);
    for (object_id in : {object_id::root, object_id::scheduled_policy}) {
      const bpv::engine::member_spec* const want = by_distance_alone(in, name);
      ASSERT_EQ(bpv::engine::near_miss_of(in, name), want) << name;
      found += want != nullptr;
      ++rounds;
    }
  }
  EXPECT_GT(found, rounds / 20) << "some reordered names are near misses, so both sides are exercised";
  EXPECT_LT(found, rounds / 2) << "most reordered names are not, so the table is cut short";
}

}  // namespace near_miss_property

// ---------------------------------------------------------------------------------------------
// Messages: the response's words (its "message" is the first error's), each saying what is
// wrong and what the page allows, with the value as written.

namespace messages {

struct said {
  std::string body;
  std::string_view rule;
  std::string message;
  options opts = {};
  context ctx = {};
};

// Each case's finding, with its words.
void expect_said(const std::vector<said>& cases) {
  for (const said& c : cases) {
    const report r = check(c.body, c.ctx, c.opts);
    const diagnostic* d = find(r, c.rule);
    ASSERT_NE(d, nullptr) << c.body << ": " << rules_of(r);
    EXPECT_EQ(d->message, c.message) << c.body;
  }
}

options raised(std::string id) {
  options o;
  o.overrides.push_back({std::move(id), bpv::rule_level::error});
  return o;
}

TEST(Messages, SayWhatIsWrongAndWhatThePageAllows) {
  const std::string digits48(48, '1'), digits49(49, '1');
  const std::string st25 = "00:00,01:00,02:00,03:00,04:00,05:00,06:00,07:00,08:00,09:00,10:00,11:00,12:00,13:00,"
                           "14:00,15:00,16:00,17:00,18:00,19:00,20:00,21:00,22:00,23:00,00:00";
  const std::vector<said> cases = {
      // A value is shown as written, up to 48 characters, then "...".
      {sp("\"frequency\":" + digits48), "frequency.range", "frequency must be 1 to 14 (days), not " + digits48},
      {sp("\"frequency\":" + digits49), "frequency.range", "frequency must be 1 to 14 (days), not " + digits48 + "..."},
      {sp(R"("frequency":15)"), "frequency.range", "frequency must be 1 to 14 (days), not 15"},
      // The first character a name may not hold: printable ASCII quoted, a space named, the rest as U+XXXX.
      {R"({"backup_policy_name":"a b"})", "backup_policy_name.characters",
       "backup_policy_name may hold only letters, digits, '_' and '-'; character 2 is a space (U+0020)"},
      {"{\"backup_policy_name\":\"a\xC3\xA9\"}", "backup_policy_name.characters",
       "backup_policy_name may hold only letters, digits, '_' and '-'; character 2 is U+00E9"},
      {"{\"backup_policy_name\":\"a\x7F\"}", "backup_policy_name.characters",
       "backup_policy_name may hold only letters, digits, '_' and '-'; character 2 is U+007F"},
      {R"({"backup_policy_name":"a.b"})", "backup_policy_name.characters",
       "backup_policy_name may hold only letters, digits, '_' and '-'; character 2 is '.'"},
      // The values allowed, and that case counts.
      {sp(R"("frequency":1,"status":"on")"), "status.value", R"(status must be "ON" or "OFF" (upper case), not "on")"},
      {sp(R"("frequency":1,"remain_first_backup_of_curMonth":"y")"), "remain_first_backup_of_curMonth.value",
       R"(remain_first_backup_of_curMonth must be "Y" or "N" (upper case), not "y")"},
      {sp(R"("week_frequency":["mon"])"), "week_frequency.day",
       R"(week_frequency items must be one of SUN, MON, TUE, WED, THU, FRI, SAT (upper case), not "mon")"},
      // The type wanted: rentention_day may be any number, the integer fields only integers.
      {sp(R"("frequency":1,"rentention_day":"5")"), "rentention_day.type", "rentention_day must be a number, not a string"},
      {sp(R"("frequency":1,"rentention_num":"5")"), "rentention_num.type", "rentention_num must be an integer, not a string"},
      // Rounding down, unless the value is so far out that rounding says nothing (2^53 and beyond)
      // or is an integer written as one, which rounding leaves as it is.
      {sp(R"("frequency":1,"rentention_day":1)"), "rentention_day.range", "rentention_day must be 2 to 99999 days, not 1"},
      {sp(R"("frequency":1,"rentention_day":100000)"), "rentention_day.range",
       "rentention_day must be 2 to 99999 days, not 100000"},
      {sp(R"("frequency":1,"rentention_day":1e5)"), "rentention_day.range",
       "rentention_day must be 2 to 99999 days, not 1e5 (1e5 is 100000)"},
      {sp(R"("frequency":1,"rentention_day":1.000)"), "rentention_day.range",
       "rentention_day must be 2 to 99999 days, not 1.000 (1.000 is 1)"},
      {sp(R"("frequency":1,"rentention_day":-0.5e1)"), "rentention_day.range",
       "rentention_day must be 2 to 99999 days, not -0.5e1 (-0.5e1 is -5)"},
      {sp(R"("frequency":1,"rentention_day":1.5)"), "rentention_day.range",
       "rentention_day must be 2 to 99999 days, not 1.5 (1.5 rounds down to 1)"},
      {sp(R"("frequency":1,"rentention_day":9007199254740991.5)"), "rentention_day.range",
       "rentention_day must be 2 to 99999 days, not 9007199254740991.5 (9007199254740991.5 rounds down to 9007199254740991)"},
      {sp(R"("frequency":1,"rentention_day":9007199254740992.5)"), "rentention_day.range",
       "rentention_day must be 2 to 99999 days, not 9007199254740992.5 (far outside the range)"},
      {sp(R"("frequency":1,"rentention_day":9007199254740992)"), "rentention_day.range",
       "rentention_day must be 2 to 99999 days, not 9007199254740992 (far outside the range)"},
      // How many there are, the minute as written, the local times of a crossing.
      {sp(R"("frequency":1,"start_time":")" + st25 + "\""), "start_time.count", "start_time may list at most 24 times; it lists 25"},
      {R"({"time_zone":"UTC+05:75"})", "time_zone.range", R"(time_zone "UTC+05:75" has minute 75; minutes run from 00 to 59)"},
      {R"({"scheduled_policy":{"frequency":1,"start_time":"23:00,01:00"},"time_zone":"UTC+08:00"})",
       "start_time.utc_day_crossing",
       "start times 23:00 and 01:00 (local 07:00 and 09:00) fall on different UTC days: schedule them with "
       "week_frequency and leave out frequency"},
      // A near miss: what it resembles, and what would become of it.
      {R"({"time_zone":"UTC+01:00","tim_zone":"x"})", "member.near_miss",
       R"(unknown member "tim_zone": did you mean time_zone? (as written it would be ignored))"},
      // Precedence as a note, and raised to an error (a 400 does not say "is ignored").
      {sp(R"("frequency":1,"week_frequency":["MON"])"), "week_frequency.ignored",
       "frequency and week_frequency are both set: frequency prevails and week_frequency is ignored"},
      {sp(R"("frequency":1,"week_frequency":["MON"])"), "week_frequency.ignored",
       "frequency and week_frequency are both set: set one (frequency would prevail and week_frequency be ignored)",
       raised("week_frequency.ignored")},
  };
  expect_said(cases);
}

TEST(Messages, EveryOtherFindingSaysWhatToDo) {
  options small;
  small.limits.max_body_bytes = 10;
  const std::vector<said> cases = {
      {"{}", "body.nothing_to_modify",
       "the request object is empty: give at least one of backup_policy_name, scheduled_policy, time_zone"},
      {R"({"x":1})", "body.nothing_to_modify",
       "the request holds none of the top-level members of the API (backup_policy_name, scheduled_policy, time_zone): "
       "nothing to modify"},
      {R"({"x":1})", "member.unknown", R"(unknown member "x" is ignored by the service)"},
      {R"({"scheduled_policy":{"frequency":1,"time_zone":"UTC+01:00"}})", "member.misplaced",
       "time_zone is ignored here: it belongs at the top level of the body"},
      {R"({"time_zone":"UTC+01:00","time_zone":"UTC+02:00"})", "member.duplicate",
       R"(member "time_zone" appears more than once in its object; parsers disagree on which one counts)"},
      {R"({"backup_policy_name":"<"})", "string.angle_brackets",
       R"(the value "<" contains '<' or '>', which the request cannot contain)"},
      {R"({"backup_policy_name":"x","a>":1})", "string.angle_brackets",
       R"(member name "a>" contains '<' or '>', which the request cannot contain)"},
      {"[]", "body.not_object", "the body must be a JSON object, not an array"},
      {R"({"a":)" + in_arrays(64, "1") + "}", "body.too_deep", "nesting is beyond the limit of 64 levels"},
      {R"({"backup_policy_name":"abcdefghijk"})", "body.too_large", "the body is larger than the limit of 10 bytes", small},
      {R"({"scheduled_policy":"x"})", "scheduled_policy.type", "scheduled_policy must be an object, not a string"},
      {R"({"scheduled_policy":{}})", "scheduled_policy.interval_required",
       "scheduled_policy must contain frequency (every N days) or week_frequency (days of the week)"},
      {R"({"backup_policy_name":""})", "backup_policy_name.length", "backup_policy_name must be 1 to 64 characters long, not 0"},
      {R"({"backup_policy_name":")" + std::string(65, 'a') + "\"}", "backup_policy_name.length",
       "backup_policy_name must be 1 to 64 characters long, not 65"},
      {R"({"backup_policy_name":"default1"})", "backup_policy_name.default_prefix",
       R"(backup_policy_name cannot start with "default")"},
      {R"({"time_zone":"UTC+8"})", "time_zone.syntax",
       R"(time_zone "UTC+8" is not in the UTC+HH:mm or UTC-HH:mm format: expected a second hour digit (HH))"},
      {R"({"time_zone":"UTC+15:00"})", "time_zone.range",
       R"(time_zone "UTC+15:00" is outside the civil time zones, UTC-12:00 to UTC+14:00)"},
      {R"({"time_zone":5})", "time_zone.type", "time_zone must be a string in the UTC+HH:mm or UTC-HH:mm format, not a number"},
      {sp(R"("week_frequency":[])"), "week_frequency.empty",
       "week_frequency must list at least one day: SUN, MON, TUE, WED, THU, FRI, SAT"},
      {sp(R"("week_frequency":["MON","MON"])"), "week_frequency.duplicate", "MON appears more than once in week_frequency"},
      {sp(R"("frequency":1,"start_time":"25:00")"), "start_time.hour", "start_time hour 25 is out of range: hours run from 00 to 23"},
      {sp(R"("frequency":1,"start_time":"12:30")"), "start_time.full_hour",
       "expected minute 00: backups start on the full hour, not at minute 30"},
      {sp(R"("frequency":1,"start_time":"1:00")"), "start_time.syntax",
       "start_time must be HH:mm times separated by ',' (no spaces): expected a second hour digit (HH) at character 2"},
      {sp(R"("frequency":1,"start_time":"01:00,01:00")"), "start_time.duplicate", "start_time lists 01:00 more than once"},
      {sp(R"("frequency":1,"rentention_num":3,"rentention_day":5)"), "rentention_day.ignored",
       "rentention_num and rentention_day are both set: rentention_num prevails and rentention_day is ignored"},
      {sp(R"("frequency":1,"rentention_num":1)"), "rentention_num.range", "rentention_num must be 2 to 14, not 1"},
      // A value of the wrong type: what the member wants, and what it got.
      {R"({"backup_policy_name":1})", "backup_policy_name.type", "backup_policy_name must be a string, not a number"},
      {sp(R"("frequency":"1")"), "frequency.type", "frequency must be an integer, not a string"},
      {sp(R"("frequency":1.5)"), "frequency.type", "frequency must be an integer written without fraction or exponent, not 1.5"},
      {sp(R"("frequency":1,"start_time":1)"), "start_time.type",
       R"(start_time must be a string of HH:mm times such as "02:00,14:00", not a number)"},
      {sp(R"("frequency":1,"status":true)"), "status.type", "status must be a string, not a boolean"},
      {sp(R"("week_frequency":"MON")"), "week_frequency.type", R"(week_frequency must be an array of days such as ["MON"], not a string)"},
      {sp(R"("frequency":1,"remain_first_backup_of_curMonth":null)"), "remain_first_backup_of_curMonth.type",
       "remain_first_backup_of_curMonth must be a string, not null"},
      // The body as a whole: empty, or not JSON (what was expected, where, and what is there).
      {" ", "body.empty", "the request body is empty: send a JSON object with the members to change"},
      {R"({"a":1,})", "body.not_json", "not JSON: expected a member name (a string in double quotes) at byte 7 ('}')"},
      {R"({"a":1)", "body.not_json",
       "not JSON: the body ends early: expected ',' or '}' after a member at byte 6 (the end of the body)"},
  };
  expect_said(cases);
  // What the caller says of the request: the URI's policy ID, the target being the default policy.
  context uri;
  uri.policy_id = "";
  context target;
  target.target_is_default = true;
  expect_said({{R"({"backup_policy_name":"x"})", "request.policy_id_empty",
                "the policy ID in the URI is empty: PUT /v2/{project_id}/backuppolicy/{policy_id} needs one", {}, uri},
               {R"({"backup_policy_name":"x"})", "backup_policy_name.default_policy",
                "the tenant's default backup policy cannot be renamed: leave out backup_policy_name", {}, target}});
}

// The same words whichever reading made the request: an escape anywhere sends a body through
// the document, whose values keep their raw text beside the unescaped one.
TEST(Messages, TheSameFromTheDocument) {
  expect_said({{R"({"backup_policy_name":"\u0061","scheduled_policy":{"frequency":)" + std::string(49, '1') + "}}",
                "frequency.range", "frequency must be 1 to 14 (days), not " + std::string(48, '1') + "..."}});
}

}  // namespace messages
