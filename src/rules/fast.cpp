// Fast acceptance over simdjson's structural index (json/structure.hpp). Every test here is one
// the full rules make, asked the other way round ("is this surely fine?"); anything unusual (a
// fraction, an escape, a note the rules would add, a member not of the API unless its only
// finding is about being one) answers no and leaves the full rules to say what it is. Stage
// one has not checked the grammar between tokens: each separator read here is checked here,
// and each value's whole text.
#include "rules/fast.hpp"

#include <algorithm>
#include <cstring>

#include "grammar/utc_offset.hpp"
#include "json/walker.hpp"
#include "rules/members.hpp"
#include "rules/rule_set.hpp"
#include "rules/values.hpp"

namespace bpv::engine {
namespace {

using json::structure;

// No byte the full rules would read differently or find something in: an escape (they read
// the text it stands for) or '<' and '>' (a finding of their own, anywhere in a body).
bool plain(std::string_view t) noexcept {
  auto has = [&](char c) { return !t.empty() && std::memchr(t.data(), c, t.size()) != nullptr; };
  return !has('\\') && !has('<') && !has('>');
}

// A member the API does not have, whose name is entry k and value entry k + 2: let through,
// for the full rules' findings on it (other_members), when they are the only ones it can have:
// a plain name, not one already let through in its object, and a plain scalar value, whose
// whole text is checked here. Anything else (an object or array, more such members than
// scratch holds) leaves the request to the full rules.
bool let_through(const structure& s, std::size_t k, std::string_view name, object_id in, scratch& sc) {
  if (sc.other_count == sc.others.size() || !plain(name)) return false;
  bool const in_sp = in == object_id::scheduled_policy;
  for (std::size_t i = 0; i < sc.other_count; ++i)
    if (sc.others[i].in_scheduled_policy == in_sp && sc.others[i].name == name) return false;
  std::size_t const v = k + 2;
  if (v >= s.count()) return false;
  std::string_view text;
  if (s.at(v) == '"' ? !s.raw_string(v, text) || !plain(text) : !json::is_json_scalar(s.token(v))) return false;
  sc.others[sc.other_count++] = other_member{in_sp, name, s.offset(k)};
  return true;
}

// The members of the object whose '{' is entry `object`, each bound once to the entry of its
// value, and those not of the API let through (let_through) or not; false on a repeated one,
// one not let through, or a separator out of place. `end` is then the entry of the object's
// '}'. A member whose value is an object is read by `nested(slot, entry, end)` as it comes,
// which sets `end` to that object's '}': stage one's index has no jumps over containers, and
// counting brackets to the end of one would read it twice.
template <std::size_t N, class Nested>
bool bind_object(const structure& s, std::size_t object, object_id in, std::array<std::size_t, N>& slots, unsigned& seen,
                 std::size_t& end, scratch& sc, Nested&& nested) {
  std::size_t const first = in == object_id::root ? 0 : 3;  // members[] lists the root's three first
  std::size_t k = object + 1;
  if (s.at(k) == '}') {
    end = k;
    return true;
  }
  for (;;) {
    std::string_view name;
    // A name with an escape matches no member as written: the full rules read it.
    if (!s.raw_string(k, name) || s.at(k + 1) != ':') return false;
    if (const member_spec* spec = find_member(in, name)) {
      auto const slot = static_cast<std::size_t>(spec - members) - first;
      if (seen & (1u << slot)) return false;
      seen |= 1u << slot;
      k += 2;
      slots[slot] = k;
      if (s.at(k) == '{') {
        std::size_t inner_end = 0;
        if (!nested(slot, k, inner_end)) return false;
        k = inner_end + 1;
      } else {
        k = s.after(k);
      }
    } else {
      if (!let_through(s, k, name, in, sc)) return false;
      k += 3;  // past the name, ':' and the scalar
    }
    char const sep = s.at(k);
    if (sep == '}') break;
    if (sep != ',') return false;
    ++k;
  }
  end = k;
  return true;
}

// The text of a string as written: each caller's check refuses '\\', so an escape never
// passes for its text.
bool string_at(const structure& s, std::size_t k, std::string_view& out) { return s.raw_string(k, out); }

// An integer within [lo, hi] (lo > 0), written as JSON writes it without fraction or exponent:
// a digit 1-9, then digits, the whole token.
bool integer_in(const structure& s, std::size_t k, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  char const c = s.at(k);
  if (c < '1' || c > '9') return false;
  std::string_view const t = s.token(k);
  if (t.size() > 9) return false;  // beyond every limit here, and no overflow below
  std::int64_t v = 0;
  for (char d : t) {
    if (d < '0' || d > '9') return false;
    v = v * 10 + (d - '0');
  }
  out = v;
  return v >= lo && v <= hi;
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
  // Parsed before counted: a list that parses has as many times as pieces.
  if (grammar::parse_start_times(s, sc.times) || sc.times.size() > max_start_times) return false;
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
bool week_clean(const structure& s, std::size_t array, std::vector<std::string>& days) {
  if (s.at(array) != '[' || s.at(array + 1) == ']') return false;
  unsigned seen = 0;
  for (std::size_t k = array + 1;; k += 2) {
    std::string_view d;
    if (!string_at(s, k, d)) return false;
    int const day = week_day_of(d);
    if (day < 0) return false;
    unsigned const bit = 1u << day;
    if (seen & bit) return false;
    seen |= bit;
    days.emplace_back(d);
    char const sep = s.at(k + 1);
    if (sep == ']') return true;
    if (sep != ',') return false;
  }
}

// Inside scheduled_policy, no member's value is an object.
constexpr auto no_nested = [](std::size_t, std::size_t, std::size_t&) { return false; };

// The value is `a` or `b`, each of one to four bytes: compared as one word each, made when this
// compiles, since a call to memcmp costs more than the whole check.
constexpr std::uint64_t word_of(std::string_view v) noexcept {
  std::uint64_t w = v.size();  // the size in the low byte, the letters above it
  for (std::size_t i = 0; i < v.size() && i < 4; ++i) w |= std::uint64_t{static_cast<unsigned char>(v[i])} << (8 * (i + 1));
  return w;
}
template <std::uint64_t A, std::uint64_t B>
bool one_of(const structure& s, std::size_t k, std::string_view& out) {
  if (!string_at(s, k, out) || out.size() > 4) return false;
  std::uint64_t const w = word_of(out);
  return w == A || w == B;
}

}  // namespace

bool fast_accept(const structure& t, const context& ctx, std::size_t max_depth, scratch& sc, policy& p) {
  if (ctx.policy_id && ctx.policy_id->empty()) return false;
  enum { name, sched, zone };
  std::array<std::size_t, 3> top;  // only the slots `have` marks are read
  unsigned have = 0;
  std::size_t end = 0;
  enum { start, freq, week, num, day, remain, status };
  std::array<std::size_t, 7> sp;  // only the slots `in` marks are read
  unsigned in = 0;
  auto scheduled = [&](std::size_t slot, std::size_t object, std::size_t& sp_end) {
    return slot == sched && max_depth >= 2 &&
           bind_object(t, object, object_id::scheduled_policy, sp, in, sp_end, sc, no_nested);
  };
  // One object, and nothing after it.
  sc.other_count = 0;
  if (t.at(0) != '{' || !bind_object(t, 0, object_id::root, top, have, end, sc, scheduled) || end + 1 != t.count() ||
      have == 0)
    return false;

  std::string_view text;
  if (have & (1u << name)) {
    if (ctx.target_is_default || !string_at(t, top[name], text) || !name_clean(text)) return false;
    p.backup_policy_name.emplace().append(text);
  }
  int offset = 0;
  if (have & (1u << zone)) {
    if (!string_at(t, top[zone], text) || !zone_clean(text, offset)) return false;
    p.time_zone.emplace().append(text);
  }
  if (!(have & (1u << sched))) return true;

  if (t.at(top[sched]) != '{') return false;  // an object is read as it comes, by `scheduled`
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
    s.start_time.emplace().append(text);
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
    if (!one_of<word_of("Y"), word_of("N")>(t, sp[remain], text)) return false;
    s.remain_first_backup_of_curMonth.emplace().append(text);
  }
  if (has(status)) {
    if (!one_of<word_of("ON"), word_of("OFF")>(t, sp[status], text)) return false;
    s.status.emplace().append(text);
  }
  return true;
}

void other_findings(const scratch& sc, json::document& doc, findings& out) {
  using json::none;
  doc.clear();  // its nodes' storage kept
  std::uint32_t sp = none;
  std::uint32_t last[2] = {none, none};  // the last child of the root, of scheduled_policy
  auto add = [&](std::uint32_t parent, std::string_view name, std::size_t name_offset) {
    auto const idx = static_cast<std::uint32_t>(doc.nodes.size());
    json::node& n = doc.nodes.emplace_back();
    json::node& p = doc.nodes[parent];
    n.parent = parent;
    n.depth = p.depth + 1;
    n.index = p.child_count++;
    n.name = n.raw_name = name;
    n.name_offset = name_offset;
    std::uint32_t& prev = last[parent == 0 ? 0 : 1];
    (prev == none ? p.first_child : doc.nodes[prev].next_sibling) = idx;
    prev = idx;
    return idx;
  };
  doc.nodes.emplace_back().kind = json::kind::object;  // the root
  for (std::size_t i = 0; i < sc.other_count; ++i) {
    const other_member& o = sc.others[i];
    if (o.in_scheduled_policy && sp == none) {
      sp = add(0, "scheduled_policy", 0);
      doc.nodes[sp].kind = json::kind::object;
    }
    add(o.in_scheduled_policy ? sp : 0, o.name, o.name_offset);
  }
  other_members(doc, doc.root(), object_id::root, out);
  if (sp != none) other_members(doc, doc.nodes[sp], object_id::scheduled_policy, out);
}

}  // namespace bpv::engine
