// The typed request: the members of the API found in the body, each a value with its place,
// and the members that are not the API's. Two readings make it (rules/bind.hpp): straight from
// simdjson's structural index, for the bodies most requests are, and from the walked document
// for the rest; the rules read only this, so both readings get the same findings from the
// same code. The first occurrence of a member binds; later ones are duplicates (the document
// reading reports them, the index reading hands such a body to the document).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "bpv/policy.hpp"
#include "grammar/start_time.hpp"
#include "json/document.hpp"

namespace bpv::engine {

/// One value the rules read: a member of the API or an item of week_frequency. Views point
/// into the body (or the walker's copies of it) and live until the next request.
/// The members of the API, in the order of members[] (rules/members.hpp).
enum class slot : unsigned char {
  backup_policy_name,
  scheduled_policy,
  time_zone,
  start_time,
  frequency,
  week_frequency,
  rentention_num,
  rentention_day,
  remain_first_backup_of_curMonth,
  status,
  count_
};
inline constexpr std::size_t slot_count = static_cast<std::size_t>(slot::count_);

/// Each member's JSON Pointer, by slot.
inline constexpr std::array<std::string_view, slot_count> slot_paths = {
    "/backup_policy_name",
    "/scheduled_policy",
    "/time_zone",
    "/scheduled_policy/start_time",
    "/scheduled_policy/frequency",
    "/scheduled_policy/week_frequency",
    "/scheduled_policy/rentention_num",
    "/scheduled_policy/rentention_day",
    "/scheduled_policy/remain_first_backup_of_curMonth",
    "/scheduled_policy/status",
};

/// One value the rules read: a member of the API or an item of week_frequency. Views point
/// into the body (or the walker's copies of it) and live until the next request.
struct value {
  json::kind kind = json::kind::null;
  slot member = slot::backup_policy_name;  ///< which member (week_frequency, for an item)
  bool has_raw = false;                    ///< `raw` is set (else a string's raw text is `text`)
  std::uint32_t count = 0;                 ///< container: how many members or items it has
  std::uint32_t index = json::none;        ///< an item of week_frequency: its index; else none
  std::size_t offset = 0;                  ///< the value's first byte
  std::size_t name_offset = 0;             ///< a member: its name's opening quote; an item: `offset`
  std::string_view text;                   ///< string: unescaped; number, boolean, null: as written
  std::string_view raw;                    ///< string: as written between the quotes, when has_raw

  /// The member's JSON Pointer (of week_frequency, for an item: then `index` follows).
  std::string_view path() const noexcept { return slot_paths[static_cast<std::size_t>(member)]; }
  /// The string as written between its quotes.
  std::string_view written() const noexcept { return has_raw ? raw : text; }
};

/// A member of the root or of scheduled_policy that is not the API's (unknown, misplaced or a
/// near miss); duplicates of a name are not listed.
struct other_member {
  std::string_view name;    ///< unescaped
  std::size_t name_offset;  ///< its opening quote
};

/// What the rules that hold anywhere in a body find (a repeated name, '<' or '>' in a string),
/// as the index reading notes it for the members of the root and scheduled_policy and the
/// items of week_frequency, the strings whose path it knows.
struct mark {
  enum class what : unsigned char { repeat, angle_in_name, angle_in_value };
  what is;
  std::string_view text;  ///< the name (a repeat, a name), or the string (a value)
  std::size_t offset;     ///< the name's opening quote, or the value's
  std::string_view base;  ///< the member's path is base + "/" + name, or base + "/" + index
  std::string_view name;
  std::uint32_t index;    ///< an item's index, or json::none for a member
};

struct request {
  std::size_t root_offset = 0;        ///< the root object's '{'
  std::uint32_t root_members = 0;     ///< every member of the root, duplicates included
  /// Members not of the API, of the root and of scheduled_policy, each in document order.
  /// Storage kept from one request to the next.
  std::vector<other_member> root_others, scheduled_policy_others;
  /// week_frequency's items when it is an array (storage kept).
  std::vector<value> week_items;
  /// The marks of a request read from the structural index, in document order (a document
  /// holds its own, at any depth): repeats always, '<' and '>' when the reading looked for them.
  std::vector<mark> marks;

  request() noexcept {
    for (std::size_t i = 0; i < slot_count; ++i) values_[i].member = static_cast<slot>(i);
  }

  /// Empties the request, keeping its lists' storage.
  void clear() noexcept {
    if (raw_set_) {  // as bind() leaves values: no raw text
      for (value& v : values_) v.has_raw = false;
      raw_set_ = false;
    }
    present_ = 0;
    root_offset = 0;
    root_members = 0;
    root_others.clear();
    scheduled_policy_others.clear();
    week_items.clear();
    marks.clear();
  }

  /// The member bound to `s`, or nullptr.
  const value* get(slot s) const noexcept { return has(s) ? &values_[index(s)] : nullptr; }
  bool has(slot s) const noexcept { return (present_ >> index(s)) & 1u; }
  /// Binds `s` and returns its value to fill in (member and index are set, has_raw false).
  value& bind(slot s) noexcept {
    present_ |= 1u << index(s);
    return values_[index(s)];
  }
  /// The same, for a value whose raw text will be set (the document's reading).
  value& bind_with_raw(slot s) noexcept {
    raw_set_ = true;
    return bind(s);
  }

  const value* backup_policy_name() const noexcept { return get(slot::backup_policy_name); }
  const value* scheduled_policy() const noexcept { return get(slot::scheduled_policy); }
  const value* time_zone() const noexcept { return get(slot::time_zone); }
  const value* start_time() const noexcept { return get(slot::start_time); }
  const value* frequency() const noexcept { return get(slot::frequency); }
  const value* week_frequency() const noexcept { return get(slot::week_frequency); }
  const value* rentention_num() const noexcept { return get(slot::rentention_num); }
  const value* rentention_day() const noexcept { return get(slot::rentention_day); }
  const value* remain_first_backup_of_curMonth() const noexcept { return get(slot::remain_first_backup_of_curMonth); }
  const value* status() const noexcept { return get(slot::status); }

  bool has_api_member() const noexcept {
    return has(slot::backup_policy_name) || has(slot::scheduled_policy) || has(slot::time_zone);
  }

 private:
  static constexpr std::size_t index(slot s) noexcept { return static_cast<std::size_t>(s); }
  std::array<value, slot_count> values_{};
  std::uint32_t present_ = 0;  // a bit per slot
  bool raw_set_ = false;       // some value has has_raw set
};

/// Storage the checks reuse from one request to the next, and what they read of the numbers.
struct scratch {
  std::vector<grammar::clock_time> times;
  /// Set by the checks when the member is an integer literal (rentention_day: a number, rounded
  /// down), whatever its range: the effective policy's values.
  std::int64_t frequency = 0, rentention_num = 0, rentention_day = 0;
};

/// The policy the service would store, for a request without errors: members of the API only,
/// precedence applied, rentention_day rounded down, the numbers as the checks read them into
/// `s`. Written into `p`, reusing its storage.
void effective_into(const request& req, const scratch& s, policy& p);

}  // namespace bpv::engine
