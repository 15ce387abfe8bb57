// Time arithmetic for schedules at a fixed UTC offset. The one place that does it; built on
// Howard Hinnant's date. Rules call it; they do not reimplement it.
#pragma once

namespace bpv::time {

inline constexpr int minutes_per_day = 24 * 60;

/// The local clock time, in minutes since local midnight [0, 1440), of the UTC clock time
/// `utc_minutes` at the offset `offset_minutes` (local = UTC + offset).
int local_minutes(int utc_minutes, int offset_minutes) noexcept;

/// For a backup at local clock time `local` (minutes) on some local day D: the day, relative
/// to D, on which its UTC instant falls (-1, 0 or +1).
int utc_day_of_local(int local, int offset_minutes) noexcept;

}  // namespace bpv::time
