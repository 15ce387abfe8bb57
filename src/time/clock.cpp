#include "time/clock.hpp"

#include <date/date.h>

#include <chrono>

namespace bpv::time {

using std::chrono::minutes;

int local_minutes(int utc_minutes, int offset_minutes) noexcept {
  // A UTC clock time on an arbitrary day, seen at the offset: the time of day of that local time.
  date::sys_time<minutes> const utc = date::sys_days{} + minutes{utc_minutes};
  date::local_time<minutes> const local{utc.time_since_epoch() + minutes{offset_minutes}};
  return static_cast<int>((local - date::floor<date::days>(local)).count());
}

int utc_day_of_local(int local, int offset_minutes) noexcept {
  date::local_days const day{};  // local day D
  date::local_time<minutes> const at = day + minutes{local};
  date::sys_time<minutes> const utc{at.time_since_epoch() - minutes{offset_minutes}};
  return static_cast<int>((date::floor<date::days>(utc) - date::sys_days{day.time_since_epoch()}).count());
}

}  // namespace bpv::time
