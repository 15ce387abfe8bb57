// Fast acceptance over simdjson's DOM tape. Every test here is one the full rules make, asked the
// other way round ("is this surely fine?"); anything unusual (an unknown member, a fraction, a
// note the rules would add) answers no and leaves the full rules to say what it is.
#include "rules/fast.hpp"

#include <algorithm>

#include "grammar/utc_offset.hpp"
#include "rules/members.hpp"
#include "rules/values.hpp"

namespace bpv::engine {
namespace {

using json::tape;

// The members of one object of the API, each bound once to the word of its value; false on an
// unknown or repeated one.
template <std::size_t N>
bool bind(const tape& t, std::size_t object, object_id in, std::array<std::size_t, N>& slots, unsigned& seen) {
  std::size_t const first = in == object_id::root ? 0 : 3;  // members[] lists the root's three first
  for (std::size_t i = t.first(object), end = t.last(object); i < end; i = t.after(i + 1)) {
    const member_spec* spec = find_member(in, t.string(i));
    if (!spec) return false;
    auto const slot = static_cast<std::size_t>(spec - members) - first;
    if (seen & (1u << slot)) return false;
    seen |= 1u << slot;
    slots[slot] = i + 1;
  }
  return true;
}

bool string_at(const tape& t, std::size_t i, std::string_view& out) {
  if (!t.is_string(i)) return false;
  out = t.string(i);
  return true;
}

// An integer written without fraction or exponent, within [lo, hi].
bool integer_in(const tape& t, std::size_t i, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  if (!t.is_int64(i)) return false;
  out = t.int64(i);
  return out >= lo && out <= hi;
}

bool name_clean(std::string_view s) {
  // ASCII only, so characters are bytes.
  return !s.empty() && s.size() <= max_name_chars && std::all_of(s.begin(), s.end(), is_name_char) &&
         !s.starts_with(reserved_name_prefix);
}

bool zone_clean(std::string_view s, int& offset) {
  grammar::utc_offset tz;
  if (grammar::parse_utc_offset(s, tz) || tz.minutes > 59) return false;
  offset = tz.total_minutes();
  return offset >= min_offset && offset <= max_offset;
}

// Out of line: inlined deep in fast_accept, GCC guesses the schedule loop cold and divides by
// 1,440 with idiv instead of a multiplication (seen in profiles of clean requests).
[[gnu::noinline]] bool start_time_clean(std::string_view s, int offset, bool with_frequency, scratch& sc) {
  if (static_cast<std::size_t>(std::count(s.begin(), s.end(), ',')) >= max_start_times) return false;
  if (grammar::parse_start_times(s, sc.times)) return false;
  for (const auto& t : sc.times)
    if (t.hour > 23 || t.minute != 0) return false;
  bool clean = true;
  schedule_of(sc.times, offset, [&](schedule_break b, std::size_t, std::size_t) {
    if (b == schedule_break::crossing && !with_frequency) return true;
    clean = false;
    return false;
  });
  return clean;
}

// Week days, each once; fills `days` as it goes.
bool week_clean(const tape& t, std::size_t array, std::vector<std::string>& days) {
  if (!t.is_array(array) || t.first(array) == t.last(array)) return false;
  unsigned seen = 0;
  for (std::size_t i = t.first(array), end = t.last(array); i < end; i = t.after(i)) {
    std::string_view d;
    if (!string_at(t, i, d)) return false;
    int const day = week_day_of(d);
    if (day < 0) return false;
    unsigned const bit = 1u << day;
    if (seen & bit) return false;
    seen |= bit;
    days.emplace_back(d);
  }
  return true;
}

bool one_of(const tape& t, std::size_t i, std::string_view a, std::string_view b, std::string_view& out) {
  return string_at(t, i, out) && (out == a || out == b);
}

}  // namespace

bool fast_accept(const tape& t, const context& ctx, std::size_t max_depth, scratch& sc, policy& p) {
  if (ctx.policy_id && ctx.policy_id->empty()) return false;
  enum { name, sched, zone };
  std::array<std::size_t, 3> top;  // only the slots `have` marks are read
  unsigned have = 0;
  if (!t.is_object(tape::root_value) || !bind(t, tape::root_value, object_id::root, top, have) || have == 0) return false;

  std::string_view text;
  if (have & (1u << name)) {
    if (ctx.target_is_default || !string_at(t, top[name], text) || !name_clean(text)) return false;
    p.backup_policy_name = text;
  }
  int offset = 0;
  if (have & (1u << zone)) {
    if (!string_at(t, top[zone], text) || !zone_clean(text, offset)) return false;
    p.time_zone = text;
  }
  if (!(have & (1u << sched))) return true;

  if (max_depth < 2 || !t.is_object(top[sched])) return false;
  enum { start, freq, week, num, day, remain, status };
  std::array<std::size_t, 7> sp;  // only the slots `in` marks are read
  unsigned in = 0;
  if (!bind(t, top[sched], object_id::scheduled_policy, sp, in)) return false;
  auto has = [&](int m) { return (in & (1u << m)) != 0; };
  // One interval and one retention: two of a kind is a note of the full rules.
  if (has(freq) == has(week) || (has(num) && has(day))) return false;

  scheduled_policy& s = p.scheduled_policy.emplace();
  std::int64_t n = 0;
  if (has(freq)) {
    if (!integer_in(t, sp[freq], 1, 14, n)) return false;
    s.frequency = n;
  } else {
    if (max_depth < 3 || !week_clean(t, sp[week], s.week_frequency.emplace())) return false;
  }
  if (has(start)) {
    if (!string_at(t, sp[start], text) || !start_time_clean(text, offset, has(freq), sc)) return false;
    s.start_time = text;
  }
  if (has(num)) {
    if (!integer_in(t, sp[num], 2, 14, n)) return false;
    s.rentention_num = n;
  }
  if (has(day)) {  // a fraction is rounded down by the full rules: left to them
    if (!integer_in(t, sp[day], 2, 99999, n)) return false;
    s.rentention_day = n;
  }
  if (has(remain)) {
    if (!one_of(t, sp[remain], "Y", "N", text)) return false;
    s.remain_first_backup_of_curMonth = text;
  }
  if (has(status)) {
    if (!one_of(t, sp[status], "ON", "OFF", text)) return false;
    s.status = text;
  }
  return true;
}

}  // namespace bpv::engine
