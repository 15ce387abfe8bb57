// The members of the API: which object each belongs to and the code its findings carry.
#pragma once

#include <string_view>

namespace bpv::engine {

enum class object_id : unsigned char { root, scheduled_policy };

struct member_spec {
  std::string_view name;
  object_id in;
  std::string_view code;  ///< the code of a wrong value, and of a near miss of this member
};

inline constexpr member_spec members[] = {
    {"backup_policy_name", object_id::root, "AutoBackup.0102"},
    {"scheduled_policy", object_id::root, "AutoBackup.0008"},
    {"time_zone", object_id::root, "AutoBackup.0226"},
    {"start_time", object_id::scheduled_policy, "AutoBackup.0103"},
    {"frequency", object_id::scheduled_policy, "AutoBackup.0106"},
    {"week_frequency", object_id::scheduled_policy, "AutoBackup.0106"},
    {"rentention_num", object_id::scheduled_policy, "AutoBackup.0107"},
    {"rentention_day", object_id::scheduled_policy, "AutoBackup.0107"},
    {"remain_first_backup_of_curMonth", object_id::scheduled_policy, "AutoBackup.0105"},
    {"status", object_id::scheduled_policy, "AutoBackup.0104"},
};

/// The member of object `in` named exactly `name`, or nullptr.
const member_spec* find_member(object_id in, std::string_view name) noexcept;

/// The member of another object than `in` named exactly `name`, or nullptr.
const member_spec* find_elsewhere(object_id in, std::string_view name) noexcept;

/// The member of `in` that `name` is a near miss of, or nullptr: after lowercasing both and
/// removing '_', '-' and spaces, equal or within Damerau-Levenshtein distance 2. The closest wins; ties go to the earlier member.
const member_spec* near_miss_of(object_id in, std::string_view name) noexcept;

}  // namespace bpv::engine
