// Time arithmetic for schedules at a fixed UTC offset. The one place that does it; built on
// Howard Hinnant's date. Rules call it; they do not reimplement it.
#pragma once

#include <date/date.h>

#include <chrono>

namespace bpv::time {

inline constexpr int minutes_per_day = 24 * 60;

/// The local clock time, in minutes since local midnight [0, 1440), of the UTC clock time
/// `utc_minutes` at the offset `offset_minutes` (local = UTC + offset).
/// Inline: the schedule rules call it for every start time of every request.
inline int local_minutes(int utc_minutes, int offset_minutes) noexcept {
  using std::chrono::minutes;
  // A UTC clock time on an arbitrary day, seen at the offset: the time of day of that local time.
  date::sys_time<minutes> const utc = date::sys_days{} + minutes{utc_minutes};
  date::local_time<minutes> const local{utc.time_since_epoch() + minutes{offset_minutes}};
  return static_cast<int>((local - date::floor<date::days>(local)).count());
}

/// For a backup at local clock time `local` (minutes) on some local day D: the day, relative
/// to D, on which its UTC instant falls (-1, 0 or +1).
inline int utc_day_of_local(int local, int offset_minutes) noexcept {
  using std::chrono::minutes;
  date::local_days const day{};  // local day D
  date::local_time<minutes> const at = day + minutes{local};
  date::sys_time<minutes> const utc{at.time_since_epoch() - minutes{offset_minutes}};
  return static_cast<int>((date::floor<date::days>(utc) - date::sys_days{day.time_since_epoch()}).count());
}

}  // namespace bpv::time
