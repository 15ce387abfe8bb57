// What the page allows in each field, as constants and small predicates, for the rules
// (check.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "grammar/start_time.hpp"
#include "time/clock.hpp"

namespace bpv::engine {

inline constexpr std::size_t max_start_times = 24;
inline constexpr std::size_t max_name_chars = 64;
inline constexpr int min_offset = -12 * 60, max_offset = 14 * 60;  // minutes: UTC-12:00..UTC+14:00
inline constexpr std::string_view reserved_name_prefix = "default";  // backup_policy_name may not start so
inline constexpr std::array<std::string_view, 7> week_days = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

namespace detail {

// Week days by a hash of their letters, collision-free (checked when this compiles): one
// candidate per text asked, then one comparison of the three letters as a number.
constexpr unsigned day_code(std::string_view d) noexcept {
  return static_cast<unsigned>(static_cast<unsigned char>(d[0])) << 16 |
         static_cast<unsigned>(static_cast<unsigned char>(d[1])) << 8 | static_cast<unsigned char>(d[2]);
}
constexpr unsigned day_hash(std::string_view d) noexcept {
  return (static_cast<unsigned char>(d[0]) + static_cast<unsigned char>(d[1]) + static_cast<unsigned char>(d[2]) * 7u) % 16u;
}
struct day_slot {
  unsigned code = 0;  // 0: no day
  int day = -1;
};
inline constexpr auto days_by_hash = [] {
  std::array<day_slot, 16> t{};
  for (std::size_t i = 0; i < week_days.size(); ++i) {
    day_slot& s = t[day_hash(week_days[i])];
    if (s.code != 0) throw "two week days share a hash slot: change day_hash";
    s = day_slot{day_code(week_days[i]), static_cast<int>(i)};
  }
  return t;
}();

}  // namespace detail

/// The index of a week day in week_days, or -1.
inline int week_day_of(std::string_view s) noexcept {
  if (s.size() != 3) return -1;
  const detail::day_slot& slot = detail::days_by_hash[detail::day_hash(s)];
  return slot.code == detail::day_code(s) ? slot.day : -1;
}

/// The characters backup_policy_name may hold: ASCII letters, digits, '_' and '-'.
inline constexpr auto name_chars = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  return t;
}();
constexpr bool is_name_char(char c) noexcept { return name_chars[static_cast<unsigned char>(c)]; }

enum class schedule_break : unsigned char { duplicate, unordered, crossing };

/// The schedule rules over a start_time list whose entries are in range, at UTC offset
/// `offset` minutes. Calls `on(kind, i, before)` for each break, in this order of kinds per
/// time: every time whose hour was listed before (duplicate; it is then set aside), the first
/// time not after the last one kept by local time (unordered; `before` is that one), and, after
/// all times, the first on another UTC day than the first (crossing; `before` is 0). Stops when
/// `on` returns false.
template <class On>
void schedule_of(const std::vector<grammar::clock_time>& times, int offset, On&& on) {
  std::uint32_t seen = 0;  // a bit per hour
  bool unordered_seen = false;
  int prev_local = -1;
  std::size_t prev = 0, crossing = 0;
  int first_day = 0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    const auto& t = times[i];
    int const local = time::local_minutes(static_cast<int>(t.minutes()), offset);
    int const day = time::utc_day_of_local(local, offset);
    if (i == 0) first_day = day;
    if (crossing == 0 && day != first_day) crossing = i;
    std::uint32_t const bit = std::uint32_t{1} << t.hour;  // hours are 00..23 here
    if (seen & bit) {
      if (!on(schedule_break::duplicate, i, std::size_t{0})) return;
      continue;
    }
    seen |= bit;
    if (prev_local >= 0 && local <= prev_local && !unordered_seen) {
      unordered_seen = true;
      if (!on(schedule_break::unordered, i, prev)) return;
    }
    prev_local = local;
    prev = i;
  }
  if (crossing != 0) on(schedule_break::crossing, crossing, std::size_t{0});
}

}  // namespace bpv::engine
