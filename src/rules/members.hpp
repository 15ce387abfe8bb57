// The members of the API: which object each belongs to and the code its findings carry.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
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

namespace detail {

// Each object's members by a hash of the size and end letters of their names, collision-free
// (checked when this compiles): one candidate per name asked, then one comparison.
constexpr std::size_t hash_slots = 16;
constexpr std::size_t hash_of(std::string_view name) noexcept {
  return (name.size() + static_cast<unsigned char>(name.front()) + static_cast<unsigned char>(name.back()) * 3) %
         hash_slots;
}
constexpr auto by_hash = [] {
  std::array<std::array<std::int8_t, hash_slots>, 2> t{};
  for (auto& object : t) object.fill(-1);
  for (std::size_t i = 0; i < std::size(members); ++i) {
    auto& slot = t[static_cast<std::size_t>(members[i].in)][hash_of(members[i].name)];
    if (slot != -1) throw "two members of one object share a hash slot: change hash_of";
    slot = static_cast<std::int8_t>(i);
  }
  return t;
}();

// Equal bytes, eight at a time, the last eight overlapping: names are short, and a call to
// memcmp costs more than this.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  auto word = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  if (n < 8) {
    for (std::size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  for (std::size_t i = 0; i + 8 < n; i += 8)
    if (word(a + i) != word(b + i)) return false;
  return word(a + n - 8) == word(b + n - 8);
}

}  // namespace detail

/// The member of object `in` named exactly `name`, or nullptr. Inline: every request asks it
/// for each of its members.
inline const member_spec* find_member(object_id in, std::string_view name) noexcept {
  if (name.empty()) return nullptr;
  std::int8_t const i = detail::by_hash[static_cast<std::size_t>(in)][detail::hash_of(name)];
  if (i < 0) return nullptr;
  const member_spec& m = members[static_cast<std::size_t>(i)];
  return m.name.size() == name.size() && detail::same_bytes(m.name.data(), name.data(), name.size()) ? &m : nullptr;
}

/// The member of another object than `in` named exactly `name`, or nullptr.
const member_spec* find_elsewhere(object_id in, std::string_view name) noexcept;

/// The member of `in` that `name` is a near miss of, or nullptr: after lowercasing both and
/// removing '_', '-' and spaces, equal or within Damerau-Levenshtein distance 2. The closest wins; ties go to the earlier member.
const member_spec* near_miss_of(object_id in, std::string_view name) noexcept;

}  // namespace bpv::engine
