// The members of the API: which object each belongs to and the code its findings carry.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
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

// A member's name as the words a comparison loads: for a name of 8 bytes or more, the 8-byte
// words at 0, 8 and 16 (each moved back to end inside the name) and the last 8; for a shorter
// one (4 to 7 bytes), the 4-byte words at 0 and at the end. Four loads and no loop: names are
// read on every request, and a loop's exit is a branch missed once per name.
struct name_key {
  std::uint64_t word[4];
  std::uint32_t size;   // 0: an empty slot
  std::int32_t member;  // its index in members[]
  std::uint32_t at1, at2;  // where the second and third words start (made when this compiles)
};

constexpr std::uint64_t word_at(std::string_view s, std::size_t at, std::size_t n) noexcept {
  std::uint64_t w = 0;  // as memcpy loads it on a little-endian machine
  for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{static_cast<unsigned char>(s[at + i])} << (8 * i);
  return w;
}

constexpr name_key key_of(std::string_view name, std::size_t index) noexcept {
  std::size_t const n = name.size();
  name_key k{{0, 0, 0, 0}, static_cast<std::uint32_t>(n), static_cast<std::int32_t>(index), 0, 0};
  if (n >= 8) {
    k.at1 = static_cast<std::uint32_t>(std::min<std::size_t>(8, n - 8));
    k.at2 = static_cast<std::uint32_t>(std::min<std::size_t>(16, n - 8));
    k.word[0] = word_at(name, 0, 8);
    k.word[1] = word_at(name, k.at1, 8);
    k.word[2] = word_at(name, k.at2, 8);
    k.word[3] = word_at(name, n - 8, 8);
  } else {
    k.word[0] = word_at(name, 0, 4);
    k.word[3] = word_at(name, n - 4, 4);
  }
  return k;
}

constexpr auto by_hash = [] {
  std::array<std::array<name_key, hash_slots>, 2> t{};
  for (std::size_t i = 0; i < std::size(members); ++i) {
    if (members[i].name.size() < 4 || members[i].name.size() > 32) throw "key_of reads names of 4 to 32 bytes";
    auto& slot = t[static_cast<std::size_t>(members[i].in)][hash_of(members[i].name)];
    if (slot.size != 0) throw "two members of one object share a hash slot: change hash_of";
    slot = key_of(members[i].name, i);
  }
  return t;
}();

inline bool same_name(const name_key& k, const char* p) noexcept {
  auto load8 = [](const char* q) {
    std::uint64_t w;
    std::memcpy(&w, q, 8);
    return w;
  };
  auto load4 = [](const char* q) {
    std::uint32_t w;
    std::memcpy(&w, q, 4);
    return std::uint64_t{w};
  };
  std::size_t const n = k.size;
  if (n >= 8)
    return ((load8(p) ^ k.word[0]) | (load8(p + k.at1) ^ k.word[1]) | (load8(p + k.at2) ^ k.word[2]) |
            (load8(p + n - 8) ^ k.word[3])) == 0;
  return ((load4(p) ^ k.word[0]) | (load4(p + n - 4) ^ k.word[3])) == 0;
}

}  // namespace detail

/// The index in members[] of the member of object `in` named exactly `name`, or -1. Inline:
/// every request asks it for each of its members.
inline int member_index(object_id in, std::string_view name) noexcept {
  static_assert(std::endian::native == std::endian::little, "name_key holds little-endian words");
  if (name.empty()) return -1;
  const detail::name_key& k = detail::by_hash[static_cast<std::size_t>(in)][detail::hash_of(name)];
  // Sizes first: a key of size 0 (an empty slot) matches no name asked, which is not empty.
  if (k.size != name.size() || !detail::same_name(k, name.data())) return -1;
  return k.member;
}

/// The member of object `in` named exactly `name`, or nullptr.
inline const member_spec* find_member(object_id in, std::string_view name) noexcept {
  int const i = member_index(in, name);
  return i < 0 ? nullptr : &members[static_cast<std::size_t>(i)];
}

/// The member of another object than `in` named exactly `name`, or nullptr.
const member_spec* find_elsewhere(object_id in, std::string_view name) noexcept;

/// The member of `in` that `name` is a near miss of, or nullptr: after lowercasing both and
/// removing '_', '-' and spaces, equal or within Damerau-Levenshtein distance 2. The closest wins; ties go to the earlier member.
const member_spec* near_miss_of(object_id in, std::string_view name) noexcept;

/// The Damerau-Levenshtein distance (unrestricted: edits between transposed characters allowed)
/// between `a` and `b`, byte by byte, when it is at most `k`; else k + 1. Each holds at most
/// 40 bytes and k is at most 2: what near_miss_of asks of it.
std::size_t distance_within(std::string_view a, std::string_view b, std::size_t k) noexcept;

}  // namespace bpv::engine
