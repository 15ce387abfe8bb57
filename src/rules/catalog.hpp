// The rule IDs as an enum indexing the public rule table (bpv::rules()).
// Private to the library.
#pragma once

#include <cstddef>

#include "bpv/rules.hpp"

namespace bpv::engine {

// The order matches the table in catalog.cpp (checked there at compile time).
enum class rule : unsigned char {
  request_policy_id_empty,
  body_empty,
  body_not_json,
  body_not_object,
  body_too_large,
  body_too_deep,
  body_nothing_to_modify,
  member_duplicate,
  member_near_miss,
  member_unknown,
  member_misplaced,
  string_angle_brackets,
  name_type,
  name_length,
  name_characters,
  name_default_prefix,
  name_default_policy,
  scheduled_policy_type,
  scheduled_policy_interval_required,
  start_time_type,
  start_time_syntax,
  start_time_hour,
  start_time_full_hour,
  start_time_count,
  start_time_duplicate,
  start_time_order,
  start_time_utc_day_crossing,
  frequency_type,
  frequency_range,
  week_frequency_type,
  week_frequency_empty,
  week_frequency_day,
  week_frequency_duplicate,
  week_frequency_ignored,
  rentention_num_type,
  rentention_num_range,
  rentention_day_type,
  rentention_day_range,
  rentention_day_ignored,
  remain_first_type,
  remain_first_value,
  status_type,
  status_value,
  time_zone_type,
  time_zone_syntax,
  time_zone_range,
  count_
};

inline constexpr std::size_t rule_count = static_cast<std::size_t>(rule::count_);

const rule_info& info(rule r) noexcept;

}  // namespace bpv::engine
