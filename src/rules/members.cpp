#include "rules/members.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "utf8.hpp"

namespace bpv::engine {
namespace {

constexpr std::size_t max_name = 40;  // longer than any member name plus the distance

// What stands for a character beyond ASCII in a normalized name: the distance is counted in
// characters, and such a character equals no letter of a member's name (they are ASCII), so one
// byte that is none of theirs does for every one of them.
constexpr char beyond_ascii = '\x80';

// Lowercase (as Unicode lowercases, so as Python's str.lower: of the characters beyond ASCII only
// the Kelvin sign and the dotted capital I become ASCII letters, 'k', and 'i' with a combining
// dot), without '_', '-' and ' ', one byte a character, in one pass with the letters it has: a
// bit each (several bytes may share a bit). A letter one name has and the other lacks needs an
// edit of its own, so the bits one mask has and the other lacks bound the distance from below,
// for a few instructions: a name sharing few letters with every member (label_1, label_2, ...)
// costs no count at all. False when the result would not fit (then it cannot be within distance
// 2 of any member name). `in` is UTF-8 (a member name of a body that is JSON).
// What normalizing does to an ASCII byte: separators go, letters become lowercase; and the bit
// of the mask a kept byte sets.
constexpr bool is_separator(unsigned char c) noexcept { return c == '_' || c == '-' || c == ' '; }
constexpr unsigned char ascii_lower(unsigned char c) noexcept {
  return static_cast<unsigned>(c - 'A') < 26u ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}
constexpr std::uint64_t letter_bit(unsigned char c) noexcept { return std::uint64_t{1} << (c % 64); }

bool normalize(std::string_view in, std::array<char, max_name>& buf, std::size_t& len,
               std::uint64_t& letters) noexcept {
  len = 0;
  letters = 0;
  auto put = [&](char c) {
    if (len == max_name) return false;
    buf[len++] = c;
    letters |= letter_bit(static_cast<unsigned char>(c));
    return true;
  };
  for (std::size_t i = 0; i < in.size();) {
    auto const c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      ++i;
      if (is_separator(c)) continue;
      if (!put(static_cast<char>(ascii_lower(c)))) return false;
      continue;
    }
    std::size_t const n = utf8::sequence_length(in, i);
    char32_t const cp = n != 0 ? utf8::decode(in, i) : 0;
    i += n != 0 ? n : 1;
    bool const ok = cp == 0x212A ? put('k') : cp == 0x0130 ? put('i') && put(beyond_ascii) : put(beyond_ascii);
    if (!ok) return false;
  }
  return true;
}

}  // namespace

// Damerau-Levenshtein distance (insertions, deletions, substitutions, transpositions of
// adjacent characters, with edits between transposed ones allowed: "stuas" -> "status" is 2),
// by the Lowrance-Wagner recurrence, when it is at most `k`; else k + 1. Both strings hold at
// most max_name characters. Only what decides "at most k" is worked out, which for names that
// pass every cheaper bound (anagrams of a member's name, say) is a sliver of the table:
// - the band |i - j| <= k: a cell off it is at least |i - j| (the prefixes' sizes differ);
// - no row past one whose every cell exceeds k: a path to a later cell crosses that row, or
//   jumps over it by a transposition that costs at least as much as going down through it.
// Cells off the band read as `far`: any value above k does for any other there, as costs are
// never negative, so the cells that are at most k come out exact.
std::size_t distance_within(std::string_view a, std::string_view b, std::size_t k) noexcept {
  std::size_t const n = a.size(), m = b.size();
  assert(n <= max_name && m <= max_name && k < 0x7F);
  if ((n > m ? n - m : m - n) > k) return k + 1;
  constexpr std::uint8_t far = 0x7F;  // above any k asked for, and far from overflowing
  // d[i + 1][j + 1] is the distance between a's first i characters and b's first j. Cells are
  // written before they are read (the borders first, then the band row by row, with the cells
  // just off it set to far): no need to clear the table for each name.
  std::array<std::array<std::uint8_t, max_name + 2>, max_name + 2> d;
  std::array<std::uint8_t, 256> last_row{};  // last row of `a` holding each byte, 0 = none
  auto const small = [](std::size_t v) { return static_cast<std::uint8_t>(std::min<std::size_t>(v, far)); };
  d[0][0] = far;
  for (std::size_t i = 0; i <= n; ++i) {
    d[i + 1][0] = far;
    d[i + 1][1] = small(i);
  }
  for (std::size_t j = 0; j <= m; ++j) {
    d[0][j + 1] = far;
    d[1][j + 1] = small(j);
  }
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t const lo = i > k ? i - k : 1, hi = std::min(m, i + k);
    if (lo > 1) d[i + 1][lo] = far;             // just left of the band, in this row
    if (i + k <= m) d[i][i + k + 1] = far;      // just right of the band, in the row above
    std::size_t last_match_col = 0;             // a match left of the band brings no cell within k
    std::size_t row_min = lo == 1 ? i : far;    // the row's border cell, a's first i against nothing
    for (std::size_t j = lo; j <= hi; ++j) {
      std::size_t const i1 = last_row[static_cast<unsigned char>(b[j - 1])];
      std::size_t const j1 = last_match_col;
      std::size_t cost = 1;
      if (a[i - 1] == b[j - 1]) {
        cost = 0;
        last_match_col = j;
      }
      std::size_t best = std::min<std::size_t>({d[i][j] + cost, d[i + 1][j] + 1u, d[i][j + 1] + 1u});
      // A transposition from a cell on the band (off it, it was never written this time).
      if ((i1 > j1 ? i1 - j1 : j1 - i1) <= k)
        best = std::min<std::size_t>(best, d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1));
      d[i + 1][j + 1] = small(best);
      row_min = std::min(row_min, best);
    }
    if (row_min > k) return k + 1;
    last_row[static_cast<unsigned char>(a[i - 1])] = static_cast<std::uint8_t>(i);
  }
  return std::min<std::size_t>(d[n + 1][m + 1], k + 1);
}

namespace {

// A lower bound of the distance, far cheaper: every edit adds, removes or changes one letter
// (a transposition none), so the letters one name has and the other lacks bound it from below.
// Many unknown members cost a count each, not a table of distances.
std::size_t bag_distance(std::string_view a, std::string_view b) noexcept {
  std::array<std::uint8_t, 128> count{};  // names here are at most max_name letters
  for (char c : a) ++count[static_cast<unsigned char>(c) & 127];
  std::size_t common = 0;  // letters both have, each as often as both have it
  for (char c : b) {
    std::uint8_t& k = count[static_cast<unsigned char>(c) & 127];
    common += k != 0;
    k -= k != 0;
  }
  return std::max(a.size(), b.size()) - common;
}


// Each member's name as normalize() makes it, and its letters, made once.
struct normal_name {
  std::array<char, max_name> text{};
  std::size_t size = 0;
  std::uint64_t letters = 0;
  std::string_view view() const noexcept { return {text.data(), size}; }
};
const auto normal_names = [] {
  std::array<normal_name, std::size(members)> out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    normalize(members[i].name, out[i].text, out[i].size, out[i].letters);
  }
  return out;
}();

// Each object's members as a range of members[], which lists them object by object.
constexpr auto members_of_object = [] {
  std::array<std::pair<std::size_t, std::size_t>, 2> out{};
  for (std::size_t o = 0; o < out.size(); ++o) {
    std::size_t first = std::size(members), last = 0;
    for (std::size_t i = 0; i < std::size(members); ++i) {
      if (static_cast<std::size_t>(members[i].in) != o) continue;
      first = std::min(first, i);
      last = i + 1;
    }
    for (std::size_t i = first; i < last; ++i)
      if (static_cast<std::size_t>(members[i].in) != o) throw "members[] must list each object's members together";
    out[o] = {first, last};
  }
  return out;
}();

// Each object's shortest member name, normalized.
const auto min_normal_size = [] {
  std::array<std::size_t, 2> out{max_name, max_name};
  for (std::size_t i = 0; i < std::size(members); ++i) {
    std::size_t& m = out[static_cast<std::size_t>(members[i].in)];
    m = std::min(m, normal_names[i].size);
  }
  return out;
}();

}  // namespace

const member_spec* find_elsewhere(object_id in, std::string_view name) noexcept {
  return find_member(in == object_id::root ? object_id::scheduled_policy : object_id::root, name);
}

// More than two bits set: a letter count past what distance 2 allows, without a popcount
// (a library call on CPUs the default build targets).
constexpr bool more_than_two(std::uint64_t bits) noexcept {
  bits &= bits - 1;
  bits &= bits - 1;
  return bits != 0;
}

namespace {

// The size and letters normalize() would give an ASCII name, without writing it out: one
// pass of a few instructions a byte. False for a name with any other byte. Stops once the
// size passes max_name (then normalize() refuses the name, whatever follows): a megabyte-long
// name costs no more than a short one.
bool ascii_shape(std::string_view in, std::size_t& len, std::uint64_t& letters) noexcept {
  unsigned char high = 0;
  len = 0;
  letters = 0;
  for (char ch : in) {
    auto const c = static_cast<unsigned char>(ch);
    high |= c;
    bool const kept = !is_separator(c);
    letters |= kept ? letter_bit(ascii_lower(c)) : 0;
    len += kept;
    if (len > max_name) break;
  }
  return high < 0x80;
}

// Whether member i may be within distance 2 of a normalized name of size `len` with `letters`,
// by the cheapest bounds: the sizes, and the letters one has and the other lacks.
bool may_be_near(std::size_t i, std::size_t len, std::uint64_t letters) noexcept {
  std::size_t const mlen = normal_names[i].size;
  if ((len > mlen ? len - mlen : mlen - len) > 2) return false;
  std::uint64_t const theirs = normal_names[i].letters;
  return !more_than_two(letters & ~theirs) && !more_than_two(theirs & ~letters);
}

}  // namespace

const member_spec* near_miss_of(object_id in, std::string_view name) noexcept {
  // Normalizing only removes characters: a name shorter than every member's but by more than
  // two is no near miss, and needs no look at its letters.
  if (name.size() + 2 < min_normal_size[static_cast<std::size_t>(in)]) return nullptr;
  auto [first, last] = members_of_object[static_cast<std::size_t>(in)];
  std::size_t len = 0;
  std::uint64_t letters = 0;
  // Most unknown names are ASCII and far from every member: their size and letters rule them
  // out before the name is written out normalized. (normalize() gives such a name the same
  // size and letters: the members skipped here need no second look.)
  if (ascii_shape(name, len, letters)) {
    if (len > max_name) return nullptr;
    while (first < last && !may_be_near(first, len, letters)) ++first;
    if (first == last) return nullptr;
  }
  std::array<char, max_name> buf;  // only [0, len) is read
  if (!normalize(name, buf, len, letters)) return nullptr;
  std::string_view const n(buf.data(), len);
  const member_spec* best = nullptr;
  std::size_t best_distance = 3;
  for (std::size_t i = first; i < last; ++i) {
    if (!may_be_near(i, len, letters)) continue;
    std::string_view const candidate = normal_names[i].view();
    if (bag_distance(n, candidate) > 2) continue;
    std::size_t const d = distance_within(n, candidate, best_distance - 1);
    if (d < best_distance) {
      best = &members[i];
      best_distance = d;
      // The same name but for case and separators: no member comes closer, and the next
      // would be asked for a distance of at most 0 - 1, which wraps.
      if (d == 0) break;
    }
  }
  return best;
}

}  // namespace bpv::engine
