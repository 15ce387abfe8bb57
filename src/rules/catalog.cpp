// The rule table: one row per rule, with the sentence it enforces, quoted word for word from
// the source its label names: "URI:" or a member ("start_time:") for the API page's section or
// row, "decisions:" for decisions.md, "error codes:" for error-codes.md; "..." joins pieces.
// tests/catalog_quotes.py checks every piece against the spec. docs/SPEC.md maps rules to tests.
#include "rules/catalog.hpp"

#include <array>

namespace bpv {
namespace {

using engine::rule;
constexpr severity E = severity::error, W = severity::warning, I = severity::info;

struct row {
  rule r;
  rule_info info;
};

constexpr row table[] = {
    {rule::request_policy_id_empty, {"request.policy_id_empty", E, "AutoBackup.0006",
      "URI: PUT /v2/{project_id}/backuppolicy/{policy_id} ... policy_id Yes Backup policy ID. decisions: an empty policy_id is AutoBackup.0006."}},
    {rule::body_empty, {"body.empty", E, "AutoBackup.0000",
      "decisions: an empty body (zero bytes, or only white space) is AutoBackup.0000."}},
    {rule::body_not_json, {"body.not_json", E, "AutoBackup.0008",
      "decisions: Anything that is not ... JSON (syntax error, trailing content, invalid UTF-8 ...) is AutoBackup.0008 ... Lone surrogate escapes (\"\\ud800\") and a UTF-8 byte-order mark are not JSON: 0008."}},
    {rule::body_not_object, {"body.not_object", E, "AutoBackup.0008",
      "decisions: The body is one JSON object. ... Anything that is not a JSON object ... is AutoBackup.0008, at path \"\"."}},
    {rule::body_too_large, {"body.too_large", E, "AutoBackup.0008",
      "decisions: Default limits (configurable): body at most 1 MiB ... Beyond them: 0008 at path \"\" with offset null and a message that names the limit."}},
    {rule::body_too_deep, {"body.too_deep", E, "AutoBackup.0008",
      "decisions: Default limits (configurable): ... nesting at most 64 levels, the root object being level 1. Beyond them: 0008 at path \"\" with offset null and a message that names the limit."}},
    {rule::body_nothing_to_modify, {"body.nothing_to_modify", E, "AutoBackup.0001",
      "decisions: {} is AutoBackup.0001 (\"the object contained in the request is empty\"), and so is an object holding no member of the API at all."}},
    {rule::member_duplicate, {"member.duplicate", E, "AutoBackup.0008",
      "decisions: Duplicate member names anywhere (compared after unescaping) are AutoBackup.0008 at the path of the repeated member."}},
    {rule::member_near_miss, {"member.near_miss", E, "",
      "decisions: An unknown member that is a near miss of a known member of the same object is an error ... a near-miss member takes the code of the member it resembles."}},
    {rule::member_unknown, {"member.unknown", W, "",
      "decisions: unknown members are warnings (the service ignores them)."}},
    {rule::member_misplaced, {"member.misplaced", W, "",
      "decisions: A known member of another object (time_zone inside scheduled_policy) is a warning that says where it belongs, not a near miss."}},
    {rule::string_angle_brackets, {"string.angle_brackets", E, "AutoBackup.0221",
      "error codes: The request cannot contain less-than signs (<) or greater-than signs (>). decisions: Any string in the body, member names and values alike, anywhere (unknown members included), that contains < or > after unescaping (\\u003c counts) is AutoBackup.0221."}},
    {rule::name_type, {"backup_policy_name.type", E, "AutoBackup.0102",
      "backup_policy_name: string. decisions: A value of the wrong type (including JSON null) is an error with that member's code."}},
    {rule::name_length, {"backup_policy_name.length", E, "AutoBackup.0101",
      "backup_policy_name: the name is a string of 1 to 64 characters."}},
    {rule::name_characters, {"backup_policy_name.characters", E, "AutoBackup.0102",
      "backup_policy_name: consisting of letters, digits, underscores (_), and hyphens (-)."}},
    {rule::name_default_prefix, {"backup_policy_name.default_prefix", E, "AutoBackup.0102",
      "backup_policy_name: it cannot start with default."}},
    {rule::name_default_policy, {"backup_policy_name.default_policy", E, "AutoBackup.0100",
      "backup_policy_name: the default backup policy cannot be renamed."}},
    {rule::scheduled_policy_type, {"scheduled_policy.type", E, "AutoBackup.0008",
      "scheduled_policy: dict ... Details about the scheduling policy. decisions: object ... 0008 if not an object."}},
    {rule::scheduled_policy_interval_required, {"scheduled_policy.interval_required", E, "AutoBackup.0106",
      "frequency / week_frequency: either this field or week_frequency must be specified."}},
    {rule::start_time_type, {"start_time.type", E, "AutoBackup.0103",
      "start_time: string ... Backup execution time (UTC), in the format of HH:mm."}},
    {rule::start_time_syntax, {"start_time.syntax", E, "AutoBackup.0103",
      "start_time: in the format of HH:mm ... use commas (,) to separate one time from another. decisions: one or more HH:mm separated by ,; exactly two digits each ... no spaces."}},
    {rule::start_time_hour, {"start_time.hour", E, "AutoBackup.0103",
      "start_time: in the format of HH:mm. decisions: HH 00..23."}},
    {rule::start_time_full_hour, {"start_time.full_hour", E, "AutoBackup.0103",
      "start_time: you need to set the execution time on a full hour."}},
    {rule::start_time_count, {"start_time.count", E, "AutoBackup.0103",
      "decisions: at most 24 times ... More than 24 entries is one error at the 25th entry (nothing else about the list)."}},
    {rule::start_time_duplicate, {"start_time.duplicate", E, "AutoBackup.0103",
      "decisions: at most 24 times, no duplicates ... A duplicate is reported once, as a duplicate, at its later occurrence (not also as an ordering error)."}},
    {rule::start_time_order, {"start_time.order", E, "AutoBackup.0103",
      "start_time: to set multiple backup execution times, enter them in ascending order by local time."}},
    {rule::start_time_utc_day_crossing, {"start_time.utc_day_crossing", E, "AutoBackup.0106",
      "time_zone: if execution times are in different days after converting into UTC times, this parameter must be used with week_frequency and start_time."}},
    {rule::frequency_type, {"frequency.type", E, "AutoBackup.0106",
      "frequency: integer. decisions: integer 1..14 (days); a fraction, string or boolean is an error."}},
    {rule::frequency_range, {"frequency.range", E, "AutoBackup.0106",
      "frequency: backup interval (1 to 14 days)."}},
    {rule::week_frequency_type, {"week_frequency.type", E, "AutoBackup.0106",
      "week_frequency: list<string>."}},
    {rule::week_frequency_empty, {"week_frequency.empty", E, "AutoBackup.0106",
      "week_frequency: the value can be one or more of the following: SUN, MON, TUE, WED, THU, FRI, SAT."}},
    {rule::week_frequency_day, {"week_frequency.day", E, "AutoBackup.0106",
      "week_frequency: the value can be one or more of the following: SUN, MON, TUE, WED, THU, FRI, SAT."}},
    {rule::week_frequency_duplicate, {"week_frequency.duplicate", E, "AutoBackup.0106",
      "decisions: non-empty array of distinct strings from SUN MON TUE WED THU FRI SAT (upper case)."}},
    {rule::week_frequency_ignored, {"week_frequency.ignored", I, "",
      "frequency: Set either this parameter or week_frequency. If you set both, this parameter prevails. decisions: both given: frequency prevails; week_frequency is ignored (info diagnostic, not an error)."}},
    {rule::rentention_num_type, {"rentention_num.type", E, "AutoBackup.0107",
      "rentention_num: the value must be integer."}},
    {rule::rentention_num_range, {"rentention_num.range", E, "AutoBackup.0107",
      "rentention_num: the value must be integer from 2 to 14."}},
    {rule::rentention_day_type, {"rentention_day.type", E, "AutoBackup.0107",
      "rentention_day: integer ... If you enter a floating point number, the number will be rounded down to the nearest integer when you send the request. decisions: number; a fraction is rounded down first."}},
    {rule::rentention_day_range, {"rentention_day.range", E, "AutoBackup.0107",
      "rentention_day: the value is an integer ranging from 2 to 99999."}},
    {rule::rentention_day_ignored, {"rentention_day.ignored", I, "",
      "rentention_num: If you set this parameter and rentention_day at the same time, this parameter prevails. decisions: both given: rentention_num prevails; rentention_day is ignored (info)."}},
    {rule::remain_first_type, {"remain_first_backup_of_curMonth.type", E, "AutoBackup.0105",
      "remain_first_backup_of_curMonth: string."}},
    {rule::remain_first_value, {"remain_first_backup_of_curMonth.value", E, "AutoBackup.0105",
      "remain_first_backup_of_curMonth: Whether to retain the first backup in the current month ... Y ... N. decisions: string Y or N exactly."}},
    {rule::status_type, {"status.type", E, "AutoBackup.0104",
      "status: string."}},
    {rule::status_value, {"status.value", E, "AutoBackup.0104",
      "status: Backup policy status ... ON ... OFF. decisions: string ON or OFF exactly."}},
    {rule::time_zone_type, {"time_zone.type", E, "AutoBackup.0226",
      "time_zone: string."}},
    {rule::time_zone_syntax, {"time_zone.syntax", E, "AutoBackup.0226",
      "time_zone: the value is in the UTC+/-HH:mm format."}},
    {rule::time_zone_range, {"time_zone.range", E, "AutoBackup.0226",
      "decisions: two-digit hour and minute, minute 00..59, offset within -12:00..+14:00 (civil time zones)."}},
};

static_assert(std::size(table) == engine::rule_count, "one row per rule");

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(table); ++i)
    if (static_cast<std::size_t>(table[i].r) != i) return false;
  return true;
}
static_assert(in_enum_order(), "rows in the order of the enum");

constexpr auto make_infos() {
  std::array<rule_info, std::size(table)> a{};
  for (std::size_t i = 0; i < std::size(table); ++i) a[i] = table[i].info;
  return a;
}
constexpr auto infos = make_infos();

}  // namespace

std::span<const rule_info> rules() noexcept { return infos; }

const rule_info* find_rule(std::string_view id) noexcept {
  for (const auto& r : infos)
    if (r.id == id) return &r;
  return nullptr;
}

std::string_view to_string(severity s) noexcept {
  switch (s) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::info: return "info";
  }
  return "error";
}

const rule_info& engine::info(rule r) noexcept { return infos[static_cast<std::size_t>(r)]; }

}  // namespace bpv
