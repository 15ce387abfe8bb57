// Profiles, per-rule overrides and custom rules change results exactly as README "Profiles and
// rules" says, and nothing else. Expectations are computed from the body text and the README.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "support.hpp"

namespace {

using bpv::diagnostic;
using bpv::options;
using bpv::profile;
using bpv::report;
using bpv::rule_level;
using bpv::severity;
using bpv::test::check;
using bpv::test::count_rule;
using bpv::test::find;
using bpv::test::rules_of;
using bpv::test::sp;

options with_profile(profile p) {
  options o;
  o.profile = p;
  return o;
}

options with_override(std::string id, rule_level level, profile p = profile::modify) {
  options o = with_profile(p);
  o.overrides.push_back({std::move(id), level});
  return o;
}

std::size_t pos(std::string_view body, std::string_view needle) { return body.find(needle); }

// The row of rule `id` in a validator's table, or nullptr (a rule that is off has none).
const bpv::rule_info* rule_in(const bpv::validator& v, std::string_view id) {
  for (const auto& r : v.rules())
    if (r.id == id) return &r;
  return nullptr;
}

// Bodies that exercise most rules (the rules suite covers each one alone).
const std::vector<std::string>& mixed_bodies() {
  static const std::vector<std::string> bodies = {
      R"({"backup_policy_name":"policy_01","scheduled_policy":{"remain_first_backup_of_curMonth":"Y","rentention_num":10,"week_frequency":["MON"],"start_time":"12:00","status":"ON"},"time_zone":"UTC+08:00"})",
      R"({"backup_policy_name":"default policy","scheduled_policy":{"rentention_num":1,"retention_day":30,"frequency":1,"start_time":"22:00,00:30","status":"on","time_zone":"UTC+02:00"},"time_zone":"UTC+2:00"})",
      sp(R"("status":"OFF")"),
      sp(R"("status":"ON","frequncy":2)"),
      sp(R"("status":"ON","start_time":"12:00")"),
      sp(R"("status":"ON","rentention_num":5)"),
      sp(R"("status":"ON","Rentention_Num":5)"),
      sp(R"("status":"OFF","status":"ON")"),
      sp(R"("status":"maybe")"),
      sp(R"("frequency":3,"retention_num":4,"rentention_day":2.5)"),
      sp(R"("week_frequency":["MON","MON","sun"],"frequency":2,"rentention_num":3,"rentention_day":9)"),
      sp(R"("start_time":"22:00,00:00,02:00","frequency":1)") + "",
      R"({"scheduled_policy":{"start_time":"22:00,00:00,02:00","frequency":1},"time_zone":"UTC+02:00"})",
      R"({"backup_policy_nam":"x"})",
      R"({"backup_policy_name":"a<b","<x>":1})",
      R"({"backup_policy_name":5,"scheduled_policy":[],"time_zone":null})",
      R"({"scheduled_policy":{"time_zone":"UTC+01:00","status":"ON"}})",
      R"({})",
      R"([1,2])",
      R"({"a":)",
      "",
      R"({"unknown":1})",
  };
  return bodies;
}

// A diagnostic as a comparable tuple.
using diag_key = std::tuple<std::string, severity, std::string, std::string, std::optional<std::size_t>, std::string>;
diag_key key(const diagnostic& d) {
  return {std::string(d.rule), d.severity, std::string(d.code), d.path, d.offset, d.message};
}
std::vector<diag_key> sorted_keys(const report& r) {
  std::vector<diag_key> k;
  for (const auto& d : r.diagnostics) k.push_back(key(d));
  std::sort(k.begin(), k.end());
  return k;
}

// ---------------------------------------------------------------------------------------------
// The default profile

TEST(Profiles, DefaultIsModifyWithTheTableAsItIs) {
  EXPECT_EQ(options{}.profile, profile::modify);
  bpv::validator v;
  auto table = bpv::rules();
  ASSERT_EQ(v.rules().size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(v.rules()[i].id, table[i].id);
    EXPECT_EQ(v.rules()[i].severity, table[i].severity) << table[i].id;
    EXPECT_EQ(v.rules()[i].code, table[i].code) << table[i].id;
    EXPECT_EQ(v.rules()[i].enforces, table[i].enforces) << table[i].id;
  }
}

TEST(Profiles, ExplicitModifyAndEmptyOverridesChangeNothing) {
  for (const auto& body : mixed_bodies()) {
    report a = check(body), b = check(body, {}, with_profile(profile::modify));
    EXPECT_EQ(bpv::to_json(a, "-"), bpv::to_json(b, "-")) << body;
  }
}

TEST(Profiles, NamesRoundTrip) {
  EXPECT_EQ(bpv::find_profile("modify"), profile::modify);
  EXPECT_EQ(bpv::find_profile("lenient"), profile::lenient);
  EXPECT_FALSE(bpv::find_profile("Lenient").has_value());
  EXPECT_FALSE(bpv::find_profile("").has_value());
  EXPECT_EQ(bpv::to_string(profile::lenient), "lenient");
  EXPECT_EQ(bpv::to_string(profile::modify), "modify");
  for (auto l : {rule_level::off, rule_level::error, rule_level::warning, rule_level::info})
    EXPECT_EQ(bpv::find_rule_level(bpv::to_string(l)), l);
  EXPECT_FALSE(bpv::find_rule_level("warn").has_value());
}

// ---------------------------------------------------------------------------------------------
// lenient

TEST(Lenient, StatusAloneNeedsNoInterval) {
  std::string const body = sp(R"("status":"OFF")");
  report m = check(body);
  EXPECT_FALSE(m.valid);
  ASSERT_TRUE(find(m, "scheduled_policy.interval_required")) << rules_of(m);
  EXPECT_EQ(find(m, "scheduled_policy.interval_required")->offset, pos(body, "{\"status"));

  report l = check(body, {}, with_profile(profile::lenient));
  EXPECT_TRUE(l.valid) << rules_of(l);
  EXPECT_TRUE(l.diagnostics.empty()) << rules_of(l);
  ASSERT_TRUE(l.effective);
  EXPECT_EQ(bpv::to_json(*l.effective), R"({"scheduled_policy":{"status":"OFF"}})");
}

TEST(Lenient, StatusAloneBesideMembersTheServiceIgnores) {
  // Unknown, misplaced and near-miss members are ignored by the service: status is still alone.
  for (std::string inner : {R"("status":"ON","note":"x")", R"("status":"ON","time_zone":"UTC+01:00")",
                            R"("status":"ON","frequncy":2)"}) {
    report l = check(sp(inner), {}, with_profile(profile::lenient));
    EXPECT_TRUE(l.valid) << inner << ": " << rules_of(l);
    EXPECT_EQ(count_rule(l, "scheduled_policy.interval_required"), 0u) << inner;
  }
}

TEST(Lenient, AnyOtherMemberStillNeedsAnInterval) {
  for (std::string inner : {R"("status":"ON","start_time":"12:00")", R"("status":"ON","rentention_num":5)",
                            R"("status":"ON","rentention_day":5)", R"("status":"ON","remain_first_backup_of_curMonth":"Y")",
                            R"("start_time":"12:00")", R"("note":1)", "", R"("status":"OFF","status":"ON","rentention_num":3)"}) {
    std::string const body = sp(inner);
    report l = check(body, {}, with_profile(profile::lenient));
    EXPECT_FALSE(l.valid) << inner;
    const diagnostic* d = find(l, "scheduled_policy.interval_required");
    ASSERT_TRUE(d) << inner << ": " << rules_of(l);
    EXPECT_EQ(d->code, "AutoBackup.0106");
    EXPECT_EQ(d->path, "/scheduled_policy");
    EXPECT_EQ(d->offset, body.find('{', 1));
  }
}

TEST(Lenient, AStatusOfTheWrongValueIsStillAnError) {
  report l = check(sp(R"("status":"off")"), {}, with_profile(profile::lenient));
  EXPECT_FALSE(l.valid);
  EXPECT_EQ(count_rule(l, "status.value"), 1u);
  EXPECT_EQ(count_rule(l, "scheduled_policy.interval_required"), 0u);
}

TEST(Lenient, NearMissesAreWarningsWithoutCode) {
  std::string const body = sp(R"("frequency":3,"retention_num":4)");
  report m = check(body);
  const diagnostic* dm = find(m, "member.near_miss");
  ASSERT_TRUE(dm);
  EXPECT_EQ(dm->severity, severity::error);
  EXPECT_EQ(dm->code, "AutoBackup.0107");
  EXPECT_FALSE(m.valid);

  report l = check(body, {}, with_profile(profile::lenient));
  const diagnostic* dl = find(l, "member.near_miss");
  ASSERT_TRUE(dl);
  EXPECT_EQ(dl->severity, severity::warning);
  EXPECT_EQ(dl->code, "");
  EXPECT_EQ(dl->path, dm->path);
  EXPECT_EQ(dl->offset, dm->offset);
  EXPECT_EQ(dl->message, dm->message);
  EXPECT_TRUE(l.valid) << rules_of(l);
  ASSERT_TRUE(l.effective);
  EXPECT_EQ(bpv::to_json(*l.effective), R"({"scheduled_policy":{"frequency":3}})") << "the near miss is ignored";
}

TEST(Lenient, ANearMissIsNotAMemberOfTheApi) {
  report l = check(R"({"backup_policy_nam":"x"})", {}, with_profile(profile::lenient));
  EXPECT_FALSE(l.valid);
  ASSERT_TRUE(l.first_error());
  EXPECT_EQ(l.first_error()->rule, "body.nothing_to_modify");
}

TEST(Lenient, ChangesNothingElse) {
  // For every body: the same findings, except near misses (warning, no code) and the interval
  // finding of a status-only scheduled_policy; valid exactly when no error is left.
  for (const auto& body : mixed_bodies()) {
    report m = check(body), l = check(body, {}, with_profile(profile::lenient));
    report expected = m;
    // status alone: no other member of the API in scheduled_policy (these bodies have no
    // interval finding otherwise).
    bool const status_alone = body.find(R"("status")") != std::string::npos &&
                              body.find(R"("start_time")") == std::string::npos &&
                              body.find(R"("rentention_num")") == std::string::npos &&
                              body.find(R"("rentention_day")") == std::string::npos &&
                              body.find(R"("remain_first_backup_of_curMonth")") == std::string::npos;
    std::erase_if(expected.diagnostics,
                  [&](const diagnostic& d) { return status_alone && d.rule == "scheduled_policy.interval_required"; });
    for (auto& d : expected.diagnostics)
      if (d.rule == "member.near_miss") {
        d.severity = severity::warning;
        d.code = "";
      }
    EXPECT_EQ(sorted_keys(l), sorted_keys(expected)) << body << "\nmodify: " << rules_of(m) << "\nlenient: " << rules_of(l);
    bool const no_error = std::none_of(expected.diagnostics.begin(), expected.diagnostics.end(),
                                       [](const diagnostic& d) { return d.severity == severity::error; });
    EXPECT_EQ(l.valid, no_error) << body;
    if (m.valid) {
      EXPECT_EQ(bpv::to_json(l, "-"), bpv::to_json(m, "-")) << body;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Overrides

TEST(Overrides, OffRemovesTheRulesFindingsOnly) {
  std::string const body = R"({"time_zone":"UTC+08:00","note":1,"other":2})";
  report m = check(body);
  EXPECT_EQ(count_rule(m, "member.unknown"), 2u);
  report r = check(body, {}, with_override("member.unknown", rule_level::off));
  EXPECT_TRUE(r.valid);
  EXPECT_TRUE(r.diagnostics.empty()) << rules_of(r);
  EXPECT_EQ(r.omitted, 0u) << "a rule that is off is not counted as left out";
}

TEST(Overrides, AnErrorTurnedOffMakesTheRequestValid) {
  std::string const body = sp(R"("frequency":30)");
  report r = check(body, {}, with_override("frequency.range", rule_level::off));
  EXPECT_TRUE(r.valid) << rules_of(r);
  ASSERT_TRUE(r.effective);
  EXPECT_EQ(r.effective->scheduled_policy->frequency, 30);
}

// With the rules on their values off, members take any value of their type, of any size: the
// effective policy holds each as sent, whole (the values a valid request has are copied with
// their size written out; these must not be cut to it, nor read past their end).
TEST(Overrides, ValuesLetThroughByRulesOffAreKeptWhole) {
  options o;
  for (const char* id : {"time_zone.syntax", "time_zone.range", "status.value", "remain_first_backup_of_curMonth.value",
                         "week_frequency.day", "week_frequency.duplicate"})
    o.overrides.push_back({id, rule_level::off});
  std::vector<std::tuple<std::string, std::string, std::string, std::vector<std::string>>> const values = {
      {"Z", "DISABLED", "yes", {"MONDAY", "T", "SUN"}},
      {"UTC+8", "on", "", {"", "MO"}},
      {"UTC+08:00:00", "OFFLINE", "YY", {"mon", "SUNDAY", "SAT"}},
      {"UTC+08:00", "ON", "N", {"SAT"}},
  };
  bpv::validator v(o);
  report r;
  for (const auto& [tz, status, remain, days] : values) {
    std::string list;
    for (const auto& d : days) list += (list.empty() ? "\"" : ",\"") + d + "\"";
    std::string const body = R"({"time_zone":")" + tz + R"(","scheduled_policy":{"week_frequency":[)" + list +
                             R"(],"status":")" + status + R"(","remain_first_backup_of_curMonth":")" + remain + R"("}})";
    v.validate(body, {}, r);
    ASSERT_TRUE(r.valid) << body << "\n" << rules_of(r);
    ASSERT_TRUE(r.effective && r.effective->scheduled_policy) << body;
    EXPECT_EQ(r.effective->time_zone, tz);
    EXPECT_EQ(r.effective->scheduled_policy->status, status);
    EXPECT_EQ(r.effective->scheduled_policy->remain_first_backup_of_curMonth, remain);
    EXPECT_EQ(r.effective->scheduled_policy->week_frequency, days);
  }
}

// With the range rules lowered, numbers outside the page's ranges reach the effective policy as
// sent; one beyond what JSON carries exactly (2^53) is left out, never written as another value.
TEST(Overrides, NumbersLetThroughByRangeRulesLoweredAreExactOrLeftOut) {
  options o;
  for (const char* id : {"frequency.range", "rentention_num.range", "rentention_day.range"})
    o.overrides.push_back({id, rule_level::warning});
  bpv::validator v(o);
  report r;
  auto policy_of = [&](const std::string& members) -> const bpv::scheduled_policy& {
    std::string const body = R"({"scheduled_policy":{)" + members + "}}";
    v.validate(body, {}, r);
    EXPECT_TRUE(r.valid) << body << "\n" << rules_of(r);
    EXPECT_TRUE(r.effective && r.effective->scheduled_policy) << body;
    return *r.effective->scheduled_policy;
  };
  const auto& wide = policy_of(R"("frequency":30,"rentention_num":9007199254740991)");
  EXPECT_EQ(wide.frequency, 30);
  EXPECT_EQ(wide.rentention_num, std::int64_t{9007199254740991});
  EXPECT_EQ(policy_of(R"("frequency":-9007199254740991,"rentention_day":123456.9)").frequency,
            std::int64_t{-9007199254740991});
  EXPECT_EQ(r.effective->scheduled_policy->rentention_day, 123456);

  const auto& beyond = policy_of(R"("frequency":9223372036854775807,"rentention_num":-9007199254740992)");
  EXPECT_FALSE(beyond.frequency) << *beyond.frequency;
  EXPECT_FALSE(beyond.rentention_num) << *beyond.rentention_num;
  ASSERT_EQ(r.diagnostics.size(), 2u) << rules_of(r);  // still named, as warnings
  EXPECT_EQ(r.diagnostics[0].rule, "frequency.range");
  EXPECT_EQ(r.diagnostics[1].rule, "rentention_num.range");
  const auto& far_day = policy_of(R"("frequency":1,"rentention_day":1e30)");
  EXPECT_EQ(far_day.frequency, 1);
  EXPECT_FALSE(far_day.rentention_day) << *far_day.rentention_day;
  // Precedence goes by what was sent: a rentention_num left out still prevails.
  const auto& both = policy_of(R"("week_frequency":["MON"],"rentention_num":99999999999999999999,"rentention_day":5)");
  EXPECT_FALSE(both.rentention_num);
  EXPECT_FALSE(both.rentention_day) << *both.rentention_day;
  EXPECT_EQ(both.week_frequency, std::vector<std::string>{"MON"});
}

// With week_frequency.day lowered, items that are not strings are let through: the effective
// list keeps the strings as sent and leaves the others out, never written as text.
TEST(Overrides, DaysThatAreNotStringsAreLeftOutOfTheEffectiveList) {
  for (rule_level level : {rule_level::warning, rule_level::off}) {
    bpv::validator v(with_override("week_frequency.day", level));
    report r;
    v.validate(R"({"scheduled_policy":{"week_frequency":["MON",[1,2],{"a":"b"},true,1.5e3,null,"sun",""]}})", {}, r);
    ASSERT_TRUE(r.valid) << rules_of(r);
    ASSERT_TRUE(r.effective && r.effective->scheduled_policy);
    EXPECT_EQ(r.effective->scheduled_policy->week_frequency, (std::vector<std::string>{"MON", "sun", ""}));
    EXPECT_EQ(r.diagnostics.size(), level == rule_level::off ? 0u : 7u) << rules_of(r);
  }
}

TEST(Overrides, LoweredErrorsKeepTheirPlaceAndMessageAndLoseTheirCode) {
  std::string const body = sp(R"("frequency":1,"start_time":"12:30")");
  report m = check(body);
  const diagnostic* e = find(m, "start_time.full_hour");
  ASSERT_TRUE(e);
  for (auto [level, sev] : {std::pair{rule_level::warning, severity::warning}, std::pair{rule_level::info, severity::info}}) {
    report r = check(body, {}, with_override("start_time.full_hour", level));
    const diagnostic* d = find(r, "start_time.full_hour");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->severity, sev);
    EXPECT_EQ(d->code, "");
    EXPECT_EQ(d->path, e->path);
    EXPECT_EQ(d->offset, e->offset);
    EXPECT_EQ(d->message, e->message);
    EXPECT_TRUE(r.valid);
    EXPECT_EQ(bpv::response_json(r), R"({"backup_policy_id":null})");
    ASSERT_TRUE(r.effective);
    EXPECT_EQ(r.effective->scheduled_policy->start_time, "12:30");
  }
}

TEST(Overrides, RaisedRulesCarryTheCodeOfWhatTheyAreAbout) {
  struct row {
    const char* id;
    std::string body;
    const char* code;
  };
  const row rows[] = {
      {"member.unknown", R"({"time_zone":"UTC+08:00","note":1})", "AutoBackup.0008"},
      {"member.misplaced", sp(R"("frequency":1,"time_zone":"UTC+01:00")"), "AutoBackup.0008"},
      {"week_frequency.ignored", sp(R"("frequency":1,"week_frequency":["MON"])"), "AutoBackup.0106"},
      {"rentention_day.ignored", sp(R"("frequency":1,"rentention_num":3,"rentention_day":9)"), "AutoBackup.0107"},
  };
  for (const row& x : rows) {
    report before = check(x.body);
    EXPECT_TRUE(before.valid) << x.id;
    report r = check(x.body, {}, with_override(x.id, rule_level::error));
    EXPECT_FALSE(r.valid) << x.id;
    const diagnostic* d = find(r, x.id);
    ASSERT_TRUE(d) << x.id;
    EXPECT_EQ(d->severity, severity::error);
    EXPECT_EQ(d->code, x.code) << x.id;
    EXPECT_EQ(d->offset, find(before, x.id)->offset);
    ASSERT_EQ(r.first_error(), d);
    EXPECT_NE(bpv::response_json(r).find(x.code), std::string::npos);
    EXPECT_FALSE(r.effective);
    // The message, which is the 400's, says the body is refused: not that the member is
    // ignored, as it says at the rule's own level.
    EXPECT_NE(find(before, x.id)->message.find(" ignored"), std::string::npos) << find(before, x.id)->message;
    EXPECT_EQ(d->message.find(" is ignored"), std::string::npos) << d->message;
    EXPECT_EQ(d->message.find("ignored by"), std::string::npos) << d->message;
    EXPECT_TRUE(d->message.find("not accepted") != std::string::npos || d->message.find("set one") != std::string::npos)
        << d->message;
  }
}

TEST(Overrides, NearMissRaisedBackInLenientTakesItsMembersCode) {
  report r = check(sp(R"("frequency":1,"frequncy":2)"), {}, with_override("member.near_miss", rule_level::error, profile::lenient));
  const diagnostic* d = find(r, "member.near_miss");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->severity, severity::error);
  EXPECT_EQ(d->code, "AutoBackup.0106");
}

TEST(Overrides, OrderFollowsTheNewSeverity) {
  // At one offset: 0102 errors, then 0221, then warnings (decisions.md).
  std::string const body = R"({"backup_policy_name":"default<x"})";
  report m = check(body);
  ASSERT_EQ(m.diagnostics.size(), 3u) << rules_of(m);
  EXPECT_EQ(m.diagnostics[2].rule, "string.angle_brackets");
  report r = check(body, {}, with_override("backup_policy_name.characters", rule_level::warning));
  ASSERT_EQ(r.diagnostics.size(), 3u) << rules_of(r);
  EXPECT_EQ(r.diagnostics[0].rule, "backup_policy_name.default_prefix");
  EXPECT_EQ(r.diagnostics[1].rule, "string.angle_brackets");
  EXPECT_EQ(r.diagnostics[2].rule, "backup_policy_name.characters");
  EXPECT_EQ(r.diagnostics[2].severity, severity::warning);
}

TEST(Overrides, TheLastOverrideOfAnIdWins) {
  options o;
  o.overrides = {{"member.unknown", rule_level::off}, {"member.unknown", rule_level::info}};
  report r = check(R"({"time_zone":"UTC+08:00","note":1})", {}, o);
  ASSERT_EQ(count_rule(r, "member.unknown"), 1u);
  EXPECT_EQ(find(r, "member.unknown")->severity, severity::info);
}

TEST(Overrides, AffectTheFirstErrorAndTheResponse) {
  std::string const body = R"({"backup_policy_name":"default","time_zone":"UTC+99:00"})";
  report m = check(body);
  EXPECT_EQ(m.first_error()->rule, "backup_policy_name.default_prefix");
  report r = check(body, {}, with_override("backup_policy_name.default_prefix", rule_level::off));
  ASSERT_TRUE(r.first_error());
  EXPECT_EQ(r.first_error()->rule, "time_zone.range");
  EXPECT_NE(bpv::response_json(r).find("AutoBackup.0226"), std::string::npos);
}

TEST(Overrides, BoundedListsCountOnlyRulesThatAreOn) {
  options o = with_override("member.unknown", rule_level::off);
  o.limits.max_diagnostics = 1;
  report r = check(R"({"a":1,"b":2,"c":3,"time_zone":"x"})", {}, o);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, "time_zone.syntax");
  EXPECT_EQ(r.omitted, 0u);
}

TEST(Overrides, TheValidatorsRuleTableShowsThem) {
  options o = with_profile(profile::lenient);
  o.overrides = {{"member.unknown", rule_level::error}, {"frequency.range", rule_level::off},
                 {"start_time.order", rule_level::warning}};
  bpv::validator v(o);
  EXPECT_EQ(v.rules().size(), bpv::rules().size() - 1);
  EXPECT_FALSE(rule_in(v, "frequency.range"));
  ASSERT_TRUE(rule_in(v, "member.unknown"));
  EXPECT_EQ(rule_in(v, "member.unknown")->severity, severity::error);
  EXPECT_EQ(rule_in(v, "member.unknown")->code, "AutoBackup.0008");
  EXPECT_EQ(rule_in(v, "start_time.order")->severity, severity::warning);
  EXPECT_EQ(rule_in(v, "start_time.order")->code, "");
  EXPECT_EQ(rule_in(v, "member.near_miss")->severity, severity::warning);
  EXPECT_EQ(rule_in(v, "frequency.type")->code, "AutoBackup.0106");
}

TEST(Overrides, UnknownIdsAreRefusedClearly) {
  options o = with_override("start_time.fullhour", rule_level::off);
  std::string const problem = bpv::options_problem(o);
  EXPECT_EQ(problem, "unknown rule ID 'start_time.fullhour' ('bpv rules' lists them)");
  // A long ID is quoted by its first 128 bytes (no ID is longer).
  std::string const problem_long = bpv::options_problem(with_override(std::string(130, 'a'), rule_level::off));
  EXPECT_EQ(problem_long, "unknown rule ID '" + std::string(128, 'a') + "' ('bpv rules' lists them)");
  try {
    bpv::validator v(o);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), problem);
  }
  EXPECT_EQ(bpv::options_problem(options{}), "");
}

// Overrides apply in order, the later of one ID winning; each is checked on its own, so a
// refused one is refused even when a later one would undo it (validator.hpp).
TEST(Overrides, TheLaterWinsAndEachIsCheckedOnItsOwn) {
  options o = with_override("member.unknown", rule_level::error);
  o.overrides.push_back({"member.unknown", rule_level::info});
  bpv::validator const v(o);
  const bpv::rule_info* const unknown = rule_in(v, "member.unknown");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->severity, severity::info);
  EXPECT_EQ(unknown->code, "");

  options undone = with_override("body.empty", rule_level::off);
  undone.overrides.push_back({"body.empty", rule_level::error});
  EXPECT_EQ(bpv::options_problem(undone),
            "rule 'body.empty' cannot be turned off or lowered: without it the value cannot be read");
  EXPECT_THROW(bpv::validator{undone}, std::invalid_argument);
}

// An ID the caller got wrong is shown in the message with its control characters escaped: the
// message stays one line, and the exception's what(), a C string, holds all of it.
TEST(Overrides, ControlCharactersInAnUnknownIdAreEscaped) {
  options o = with_override(std::string("member.unknown\0x\n", 17), rule_level::off);
  std::string const problem = bpv::options_problem(o);
  EXPECT_NE(problem.find("unknown rule ID 'member.unknown\\u0000x\\u000A'"), std::string::npos) << problem;
  EXPECT_TRUE(std::none_of(problem.begin(), problem.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
      << problem;
  try {
    bpv::validator v(o);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), problem);
  }
}

TEST(Options, LimitsOfZeroAndLevelsOutOfRangeAreRefused) {
  // What the command line and the C API refuse, the library refuses too.
  options body;
  body.limits.max_body_bytes = 0;
  EXPECT_EQ(bpv::options_problem(body), "limits.max_body_bytes must be at least 1");
  EXPECT_THROW(bpv::validator{body}, std::invalid_argument);
  options depth;
  depth.limits.max_depth = 0;
  EXPECT_NE(bpv::options_problem(depth).find("max_depth"), std::string::npos);
  EXPECT_THROW(bpv::validator{depth}, std::invalid_argument);
  options level = with_override("member.unknown", static_cast<rule_level>(9));
  EXPECT_EQ(bpv::options_problem(level), "override of 'member.unknown' has no level of off, error, warning or info");
  EXPECT_THROW(bpv::validator{level}, std::invalid_argument);
  options odd_profile;
  odd_profile.profile = static_cast<profile>(7);
  EXPECT_EQ(bpv::options_problem(odd_profile), "unknown profile (modify or lenient)");
  EXPECT_THROW(bpv::validator{odd_profile}, std::invalid_argument);
  // The least usable limits and the four levels are fine.
  options least;
  least.limits.max_body_bytes = 1;
  least.limits.max_depth = 1;
  least.limits.max_diagnostics = 0;
  EXPECT_EQ(bpv::options_problem(least), "");
  for (auto l : {rule_level::off, rule_level::error, rule_level::warning, rule_level::info})
    EXPECT_EQ(bpv::options_problem(with_override("member.unknown", l)), "");
}

TEST(Options, WithoutTheEffectivePolicyEverythingElseIsTheSame) {
  // Valid ones besides: with notes, read from the index and (an escape) from the document.
  std::vector<std::string> bodies = mixed_bodies();
  bodies.push_back(sp(R"("frequency":2,"week_frequency":["MON"],"rentention_num":3,"rentention_day":9,"x":1)"));
  bodies.push_back(R"({"backup_policy_name":"p\u006flicy","time_zone":"UTC-03:00"})");
  std::size_t valid = 0;
  for (profile p : {profile::modify, profile::lenient}) {
    options verdict_only = with_profile(p);
    verdict_only.effective_policy = false;
    bpv::validator full(with_profile(p)), verdict(verdict_only);
    bpv::context ctx;
    ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
    for (const std::string& body : bodies) {
      report const a = full.validate(body, ctx);
      // Into a report that holds a policy from before: it does not stay.
      report b = full.validate(mixed_bodies().front(), ctx);
      ASSERT_TRUE(b.effective.has_value());
      verdict.validate(body, ctx, b);
      SCOPED_TRACE(body);
      EXPECT_EQ(a.valid, b.valid);
      EXPECT_EQ(a.http_status, b.http_status);
      EXPECT_EQ(a.omitted, b.omitted);
      EXPECT_EQ(a.policy_id, b.policy_id);
      ASSERT_EQ(a.diagnostics.size(), b.diagnostics.size());
      for (std::size_t i = 0; i < a.diagnostics.size(); ++i) EXPECT_EQ(key(a.diagnostics[i]), key(b.diagnostics[i]));
      EXPECT_EQ(a.effective.has_value(), a.valid);
      EXPECT_FALSE(b.effective.has_value());
      EXPECT_EQ(bpv::response_json(a), bpv::response_json(b));
      valid += a.valid;
    }
  }
  EXPECT_GE(valid, 6u);  // the comparison covers valid requests, not only refused ones
}

TEST(Overrides, RulesThatReadValuesStayErrors) {
  for (std::string_view id : {"body.empty", "body.not_json", "body.not_object", "body.too_large", "body.too_deep",
                              "backup_policy_name.type", "scheduled_policy.type", "start_time.type", "frequency.type",
                              "week_frequency.type", "rentention_num.type", "rentention_day.type",
                              "remain_first_backup_of_curMonth.type", "status.type", "time_zone.type"}) {
    for (auto level : {rule_level::off, rule_level::warning, rule_level::info}) {
      std::string const p = bpv::options_problem(with_override(std::string(id), level));
      EXPECT_NE(p.find("cannot be turned off or lowered"), std::string::npos) << id << ": " << p;
    }
    EXPECT_EQ(bpv::options_problem(with_override(std::string(id), rule_level::error)), "") << id;
  }
  // Every other rule can be turned off.
  std::size_t fixed = 0;
  for (const auto& r : bpv::rules()) fixed += !bpv::options_problem(with_override(std::string(r.id), rule_level::off)).empty();
  EXPECT_EQ(fixed, 15u);
}

// ---------------------------------------------------------------------------------------------
// Custom rules

// "Keep backups at least 7 days": rentention_day, when it is what the service applies.
bpv::custom_rule retention_min_7(std::shared_ptr<std::atomic<int>> calls = nullptr) {
  return {"acme.retention_min_days", severity::error, "AutoBackup.0107",
          "Backups are kept at least 7 days.", [calls](const bpv::request_view& v, bpv::finding_sink& out) {
            if (calls) ++*calls;
            if (!v.rentention_day || v.rentention_num) return;
            if (auto days = v.rentention_day->floor(); days && *days < 7)
              out.add(*v.rentention_day, "rentention_day must be at least 7 days, not " + std::to_string(*days));
          }};
}

options with_custom(bpv::custom_rule c) {
  options o;
  o.custom_rules.push_back(std::move(c));
  return o;
}

TEST(CustomRules, AnErrorMakesTheRequestInvalidAndAnswers) {
  std::string const body = sp(R"("frequency":1,"rentention_day":5.9)");
  EXPECT_TRUE(check(body).valid);
  report r = check(body, {}, with_custom(retention_min_7()));
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.http_status, 400);
  ASSERT_EQ(r.diagnostics.size(), 1u) << rules_of(r);
  const diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.rule, "acme.retention_min_days");
  EXPECT_EQ(d.severity, severity::error);
  EXPECT_EQ(d.code, "AutoBackup.0107");
  EXPECT_EQ(d.path, "/scheduled_policy/rentention_day");
  EXPECT_EQ(d.offset, pos(body, "5.9"));
  EXPECT_EQ(d.message, "rentention_day must be at least 7 days, not 5");
  EXPECT_EQ(bpv::response_json(r),
            R"({"error":{"code":"AutoBackup.0107","message":"rentention_day must be at least 7 days, not 5"}})");
  EXPECT_FALSE(r.effective);
  EXPECT_TRUE(check(sp(R"("frequency":1,"rentention_day":7.5)"), {}, with_custom(retention_min_7())).valid);
}

TEST(CustomRules, FindingsAreOrderedAmongTheBuiltInOnes) {
  // The custom error comes first in the body: it is listed first and answers.
  std::string const body = sp(R"("rentention_day":3,"frequency":99)");
  report r = check(body, {}, with_custom(retention_min_7()));
  ASSERT_EQ(r.diagnostics.size(), 2u) << rules_of(r);
  EXPECT_EQ(r.diagnostics[0].rule, "acme.retention_min_days");
  EXPECT_EQ(r.diagnostics[1].rule, "frequency.range");
  EXPECT_EQ(r.first_error()->rule, "acme.retention_min_days");
  // After the built-in one at a later offset.
  std::string const later = sp(R"("frequency":99,"rentention_day":3)");
  report r2 = check(later, {}, with_custom(retention_min_7()));
  ASSERT_EQ(r2.diagnostics.size(), 2u);
  EXPECT_EQ(r2.diagnostics[0].rule, "frequency.range");
  EXPECT_EQ(r2.diagnostics[1].rule, "acme.retention_min_days");
  std::string const json = bpv::to_json(r2, "-");
  EXPECT_NE(json.find(R"("rule":"acme.retention_min_days","severity":"error","code":"AutoBackup.0107")"), std::string::npos) << json;
}

// decisions.md: "At one offset the order is: 0101, 0102, 0100, any other field code, then 0221,
// then warnings, then info." No two built-in findings put 0100 beside another code, or a
// warning beside a note, at one byte; a custom rule can.
TEST(CustomRules, AtOneOffsetTheyTakeTheirPlaceInDecisionsOrder) {
  // An error with code 0100 before another field code (0106) at frequency's value.
  bpv::custom_rule const frozen{"acme.frozen_frequency", severity::error, "AutoBackup.0100",
                                "The frequency of this tenant's policies is fixed.",
                                [](const bpv::request_view& v, bpv::finding_sink& out) {
                                  if (v.frequency) out.add(*v.frequency, "the frequency cannot be changed");
                                }};
  report r = check(sp(R"("frequency":99)"), {}, with_custom(frozen));
  ASSERT_EQ(r.diagnostics.size(), 2u) << rules_of(r);
  EXPECT_EQ(r.diagnostics[0].offset, r.diagnostics[1].offset);
  EXPECT_EQ(r.diagnostics[0].rule, "acme.frozen_frequency");
  EXPECT_EQ(r.diagnostics[1].rule, "frequency.range");
  EXPECT_NE(bpv::response_json(r).find("AutoBackup.0100"), std::string::npos);

  // A warning before a note, at rentention_day's name (where the precedence note is).
  bpv::custom_rule const short_days{"acme.short_retention", severity::warning, "", "Short retentions are discouraged.",
                                    [](const bpv::request_view& v, bpv::finding_sink& out) {
                                      if (v.rentention_day)
                                        out.add(*v.rentention_day, v.rentention_day->name_offset, "a short retention");
                                    }};
  report n = check(sp(R"("frequency":1,"rentention_num":3,"rentention_day":5)"), {}, with_custom(short_days));
  ASSERT_EQ(n.diagnostics.size(), 2u) << rules_of(n);
  EXPECT_EQ(n.diagnostics[0].offset, n.diagnostics[1].offset);
  EXPECT_EQ(n.diagnostics[0].rule, "acme.short_retention");
  EXPECT_EQ(n.diagnostics[1].rule, "rentention_day.ignored");
  EXPECT_EQ(n.diagnostics[1].severity, severity::info);
}

TEST(CustomRules, WarningsKeepTheRequestValid) {
  bpv::custom_rule c = retention_min_7();
  c.severity = severity::warning;
  c.code.clear();
  report r = check(sp(R"("frequency":1,"rentention_day":5)"), {}, with_custom(c));
  EXPECT_TRUE(r.valid);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, severity::warning);
  EXPECT_EQ(r.diagnostics[0].code, "");
}

TEST(CustomRules, OverridesApplyToThem) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  options o = with_custom(retention_min_7(calls));
  o.overrides.push_back({"acme.retention_min_days", rule_level::off});
  report r = check(sp(R"("frequency":1,"rentention_day":5)"), {}, o);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(*calls, 0) << "a custom rule that is off is not called";

  bpv::validator const off(o);
  EXPECT_EQ(rule_in(off, "acme.retention_min_days"), nullptr) << "a rule that is off is not in the validator's table";

  o.overrides.back().level = rule_level::warning;
  report w = check(sp(R"("frequency":1,"rentention_day":5)"), {}, o);
  EXPECT_TRUE(w.valid);
  ASSERT_EQ(w.diagnostics.size(), 1u);
  EXPECT_EQ(w.diagnostics[0].severity, severity::warning);
  EXPECT_EQ(w.diagnostics[0].code, "") << "below error, no code";
  EXPECT_EQ(*calls, 1);
}

TEST(CustomRules, ListedByTheValidator) {
  bpv::validator v(with_custom(retention_min_7()));
  ASSERT_EQ(v.rules().size(), bpv::rules().size() + 1);
  const bpv::rule_info& last = v.rules().back();
  EXPECT_EQ(last.id, "acme.retention_min_days");
  EXPECT_EQ(last.severity, severity::error);
  EXPECT_EQ(last.code, "AutoBackup.0107");
  EXPECT_EQ(last.enforces, "Backups are kept at least 7 days.");
  EXPECT_FALSE(bpv::find_rule("acme.retention_min_days")) << "the built-in table is unchanged";
}

// The same view of a body read from the structural index (no escape): an item's name_offset is
// its offset (custom_rule.hpp), and the body's end is a place a finding may have (only an
// offset beyond the body is reported as null).
TEST(CustomRules, TheViewOfABodyReadFromTheIndexAndTheBodysEnd) {
  std::string const body = R"({"scheduled_policy":{"week_frequency":["MON"],"start_time":"00:00"}})";
  bool seen = false;
  bpv::custom_rule c{"t.end", severity::warning, "", "", [&](const bpv::request_view& v, bpv::finding_sink& out) {
                       seen = true;
                       ASSERT_EQ(v.week_frequency_items.size(), 1u);
                       EXPECT_EQ(v.week_frequency_items[0].offset, pos(body, R"("MON")"));
                       EXPECT_EQ(v.week_frequency_items[0].name_offset, v.week_frequency_items[0].offset);
                       out.add("", v.body.size(), "at the end");
                       out.add("", v.body.size() + 1, "beyond it");
                     }};
  report r = check(body, {}, with_custom(c));
  EXPECT_TRUE(seen);
  ASSERT_EQ(r.diagnostics.size(), 2u) << rules_of(r);
  EXPECT_EQ(r.diagnostics[0].offset, std::nullopt);
  EXPECT_EQ(r.diagnostics[0].message, "beyond it");
  EXPECT_EQ(r.diagnostics[1].offset, std::optional<std::size_t>(body.size()));
}

// And of a body read from the document (an escape): the same places.
TEST(CustomRules, TheViewOfABodyReadFromTheDocument) {
  std::string const body = R"({"scheduled_policy":{"week_frequency":["MO\u004e","TUE"],"start_time":"00:00"}})";
  bool seen = false;
  bpv::custom_rule c{"t.doc", severity::warning, "", "", [&](const bpv::request_view& v, bpv::finding_sink&) {
                       seen = true;
                       ASSERT_EQ(v.week_frequency_items.size(), 2u);
                       EXPECT_EQ(v.week_frequency_items[0].text, "MON");
                       EXPECT_EQ(v.week_frequency_items[0].offset, pos(body, R"("MO\u004e")"));
                       EXPECT_EQ(v.week_frequency_items[0].name_offset, v.week_frequency_items[0].offset);
                       EXPECT_EQ(v.week_frequency_items[1].offset, pos(body, R"("TUE")"));
                       EXPECT_EQ(v.week_frequency_items[1].name_offset, v.week_frequency_items[1].offset);
                     }};
  check(body, {}, with_custom(c));
  EXPECT_TRUE(seen);
}

TEST(CustomRules, TheViewShowsTheRequestWithPlaces) {
  std::string const body =
      R"({"backup_policy_name":"p\u0031","scheduled_policy":{"week_frequency":["MON",7],"start_time":"12:00","rentention_num":3,"rentention_day":2.5,"status":"ON","remain_first_backup_of_curMonth":"Y","frequency":1e0},"time_zone":"UTC+08:00"})";
  bool seen = false;
  bpv::custom_rule c{"t.view", severity::info, "", "", [&](const bpv::request_view& v, bpv::finding_sink&) {
                       seen = true;
                       EXPECT_EQ(v.body, body);
                       ASSERT_TRUE(v.context);
                       EXPECT_EQ(v.context->policy_id, std::optional<std::string_view>("pid"));
                       ASSERT_TRUE(v.backup_policy_name && v.scheduled_policy && v.time_zone && v.start_time &&
                                   v.frequency && v.week_frequency && v.rentention_num && v.rentention_day &&
                                   v.remain_first_backup_of_curMonth && v.status);
                       EXPECT_EQ(v.backup_policy_name->text, "p1") << "unescaped";
                       EXPECT_EQ(v.backup_policy_name->path, "/backup_policy_name");
                       EXPECT_EQ(v.backup_policy_name->offset, pos(body, R"("p\u0031")"));
                       EXPECT_EQ(v.backup_policy_name->name_offset, pos(body, R"("backup_policy_name")"));
                       EXPECT_EQ(v.backup_policy_name->kind, bpv::value_kind::string);
                       EXPECT_EQ(v.scheduled_policy->kind, bpv::value_kind::object);
                       EXPECT_EQ(v.scheduled_policy->text, "");
                       EXPECT_EQ(v.rentention_num->integer(), 3);
                       EXPECT_EQ(v.rentention_day->integer(), std::nullopt);
                       EXPECT_EQ(v.rentention_day->floor(), 2);
                       EXPECT_EQ(v.frequency->integer(), std::nullopt) << "1e0 is not an integer literal";
                       EXPECT_EQ(v.status->floor(), std::nullopt);
                       EXPECT_EQ(v.time_zone->path, "/time_zone");
                       EXPECT_EQ(v.status->path, "/scheduled_policy/status");
                       ASSERT_EQ(v.week_frequency_items.size(), 2u);
                       EXPECT_EQ(v.week_frequency_items[0].path, "/scheduled_policy/week_frequency/0");
                       EXPECT_EQ(v.week_frequency_items[0].text, "MON");
                       EXPECT_EQ(v.week_frequency_items[1].path, "/scheduled_policy/week_frequency/1");
                       EXPECT_EQ(v.week_frequency_items[1].kind, bpv::value_kind::number);
                       EXPECT_EQ(v.week_frequency_items[1].offset, pos(body, "7]"));
                       EXPECT_TRUE(v.has_errors) << "week_frequency.day and frequency.type fired";
                     }};
  bpv::context ctx;
  ctx.policy_id = "pid";
  check(body, ctx, with_custom(c));
  EXPECT_TRUE(seen);
}

// The context's views may point into the report being filled (a service passing the last
// report's policy_id back): a custom rule still sees them as the caller left them, and the
// report gets the same ID. (The report's policy_id was once refilled before the rule ran.)
TEST(CustomRules, SeeAContextThatPointsIntoTheReportBeingFilled) {
  std::vector<std::string> seen;
  bpv::custom_rule c{"t.echo", severity::info, "", "", [&](const bpv::request_view& v, bpv::finding_sink&) {
                       ASSERT_TRUE(v.context && v.context->policy_id && v.context->project_id);
                       seen.push_back(std::string(*v.context->policy_id) + "|" + std::string(*v.context->project_id));
                     }};
  bpv::validator v(with_custom(c));
  report r;
  std::string const id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  bpv::context first;
  first.policy_id = id;
  first.project_id = "p1";
  v.validate(R"({"time_zone":"UTC+08:00"})", first, r);
  ASSERT_EQ(r.policy_id, std::optional<std::string>(id));
  bpv::context ctx;
  ctx.policy_id = std::string_view(*r.policy_id).substr(9);  // a part of the report's own ID
  ctx.project_id = std::string_view(*r.policy_id).substr(0, 8);
  v.validate(R"({"time_zone":"UTC+08:00"})", ctx, r);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1], id.substr(9) + "|" + id.substr(0, 8));
  EXPECT_EQ(r.policy_id, std::optional<std::string>(id.substr(9)));
  EXPECT_TRUE(r.valid);
  // And into the report's diagnostics, which the findings of this body replace.
  v.validate(R"({"time_zone":"UTC+08:00","x":1})", first, r);
  ASSERT_FALSE(r.diagnostics.empty());
  std::string const message = r.diagnostics.front().message;
  std::string const path = r.diagnostics.front().path;
  ctx.policy_id = r.diagnostics.front().message;
  ctx.project_id = r.diagnostics.front().path;
  v.validate(R"({"backup_policy_name":"b"})", ctx, r);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[3], message + "|" + path);
  EXPECT_EQ(r.policy_id, std::optional<std::string>(message));
}

TEST(CustomRules, AbsentMembersAreNullAndBrokenBodiesAreNotShown) {
  int calls = 0;
  bpv::custom_rule c{"t.absent", severity::info, "", "", [&](const bpv::request_view& v, bpv::finding_sink&) {
                       ++calls;
                       EXPECT_TRUE(v.time_zone);
                       EXPECT_FALSE(v.backup_policy_name || v.scheduled_policy || v.status || v.start_time);
                       EXPECT_TRUE(v.week_frequency_items.empty());
                       EXPECT_FALSE(v.has_errors);
                     }};
  bpv::validator v(with_custom(c));
  (void)v.validate(R"({"time_zone":"UTC+01:00"})");
  for (std::string_view broken : {"", "[]", "{", "{\"a\":1,\"a\":2"}) (void)v.validate(broken);
  EXPECT_EQ(calls, 1);
}

TEST(CustomRules, PlacesTheyChoose) {
  std::string const body = sp(R"("frequency":1,"start_time":"12:00")");
  bpv::custom_rule c{"t.places", severity::warning, "", "", [&](const bpv::request_view& v, bpv::finding_sink& out) {
                       out.add(*v.start_time, v.start_time->offset + 3, "inside the string");
                       out.add("", std::nullopt, "about the whole body");
                       out.add("/somewhere", body.size() + 10, "beyond the body");
                     }};
  report r = check(body, {}, with_custom(c));
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].message, "about the whole body");
  EXPECT_EQ(r.diagnostics[0].offset, std::nullopt);
  EXPECT_EQ(r.diagnostics[1].message, "beyond the body");
  EXPECT_EQ(r.diagnostics[1].offset, std::nullopt) << "an offset beyond the body is null";
  EXPECT_EQ(r.diagnostics[2].path, "/scheduled_policy/start_time");
  EXPECT_EQ(r.diagnostics[2].offset, pos(body, "12:00") + 2);
  EXPECT_FALSE(bpv::to_text(r, body, "-").empty());
}

TEST(CustomRules, IdsOutliveTheValidator) {
  report r;
  {
    options o = with_custom(retention_min_7());
    bpv::validator v(o);
    r = v.validate(sp(R"("frequency":1,"rentention_day":2)"));
  }
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].rule, "acme.retention_min_days");
  EXPECT_EQ(r.diagnostics[0].code, "AutoBackup.0107");
}

TEST(CustomRules, AnExceptionLeavesValidateAndTheValidatorStaysUsable) {
  bpv::custom_rule c{"t.throws", severity::warning, "", "",
                     [](const bpv::request_view& v, bpv::finding_sink&) {
                       if (v.time_zone) throw std::runtime_error("boom");
                     }};
  bpv::validator v(with_custom(c));
  EXPECT_THROW((void)v.validate(R"({"time_zone":"UTC+01:00"})"), std::runtime_error);
  report r = v.validate(R"({"backup_policy_name":"x"})");
  EXPECT_TRUE(r.valid);
  ASSERT_TRUE(r.effective.has_value());
  // Into a report that was valid: what the exception leaves is invalid, with no policy from before.
  EXPECT_THROW(v.validate(R"({"time_zone":"UTC+01:00"})", {}, r), std::runtime_error);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.http_status, 400);
  EXPECT_FALSE(r.effective.has_value());
}

TEST(CustomRules, BadDefinitionsAreRefused) {
  auto problem = [](bpv::custom_rule c) { return bpv::options_problem(with_custom(std::move(c))); };
  bpv::custom_rule ok = retention_min_7();
  EXPECT_EQ(problem(ok), "");
  auto with = [&](auto change) {
    bpv::custom_rule c = ok;
    change(c);
    return problem(c);
  };
  EXPECT_NE(with([](auto& c) { c.id = ""; }).find("must be 1 to 128"), std::string::npos);
  EXPECT_EQ(with([](auto& c) { c.id = std::string(128, 'i'); }), "");
  EXPECT_NE(with([](auto& c) { c.id = std::string(129, 'i'); }).find("must be 1 to 128"), std::string::npos);
  EXPECT_EQ(with([](auto& c) { c.code = std::string(128, 'C'); }), "");
  EXPECT_NE(with([](auto& c) { c.id = "a b"; }).find("must be 1 to 128"), std::string::npos);
  EXPECT_NE(with([](auto& c) { c.id = "x\"y"; }).find("must be 1 to 128"), std::string::npos);
  EXPECT_NE(with([](auto& c) { c.id = "frequency.range"; }).find("already taken"), std::string::npos);
  EXPECT_NE(with([](auto& c) { c.code = ""; }).find("needs a code"), std::string::npos);
  EXPECT_NE(with([](auto& c) { c.code = "Auto Backup"; }).find("code 'Auto Backup'"), std::string::npos);
  EXPECT_NE(with([](auto& c) { c.code = std::string(129, 'C'); }).find("must be 1 to 128"), std::string::npos)
      << "the reason a long code is refused";
  EXPECT_NE(with([](auto& c) { c.check = nullptr; }).find("has no check"), std::string::npos);
  // A severity none of the three would make a report "valid" beside a finding marked error.
  EXPECT_NE(with([](auto& c) { c.severity = static_cast<severity>(5); }).find("none of error, warning, info"),
            std::string::npos);
  bpv::custom_rule odd = ok;
  odd.severity = static_cast<severity>(5);
  EXPECT_THROW(bpv::validator{with_custom(odd)}, std::invalid_argument);
  options twice = with_custom(ok);
  twice.custom_rules.push_back(ok);
  EXPECT_NE(bpv::options_problem(twice).find("already taken"), std::string::npos);
  options raise = with_custom(ok);
  raise.custom_rules[0].severity = severity::info;
  raise.custom_rules[0].code.clear();
  EXPECT_EQ(bpv::options_problem(raise), "");
  raise.overrides.push_back({ok.id, rule_level::error});
  EXPECT_NE(bpv::options_problem(raise).find("has no code"), std::string::npos);
  EXPECT_THROW(bpv::validator{raise}, std::invalid_argument);
}

}  // namespace
