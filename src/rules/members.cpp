#include "rules/members.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace bpv::engine {
namespace {

constexpr std::size_t max_name = 40;  // longer than any member name plus the distance

// Lowercase, without '_', '-' and ' '. False when the result would not fit (then it cannot
// be within distance 2 of any member name).
bool normalize(std::string_view in, std::array<char, max_name>& buf, std::size_t& len) noexcept {
  len = 0;
  for (char c : in) {
    if (c == '_' || c == '-' || c == ' ') continue;
    if (len == max_name) return false;
    buf[len++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return true;
}

// Damerau-Levenshtein distance (insertions, deletions, substitutions, transpositions of
// adjacent characters, with edits between transposed ones allowed: "stuas" -> "status" is 2),
// by the Lowrance-Wagner recurrence. Both strings hold at most max_name characters.
std::size_t damerau_levenshtein(std::string_view a, std::string_view b) noexcept {
  std::size_t const n = a.size(), m = b.size(), inf = n + m;
  std::array<std::array<std::size_t, max_name + 2>, max_name + 2> d{};
  std::array<std::size_t, 256> last_row{};  // last row of `a` holding each byte, 0 = none
  d[0][0] = inf;
  for (std::size_t i = 0; i <= n; ++i) {
    d[i + 1][0] = inf;
    d[i + 1][1] = i;
  }
  for (std::size_t j = 0; j <= m; ++j) {
    d[0][j + 1] = inf;
    d[1][j + 1] = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t last_match_col = 0;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t const i1 = last_row[static_cast<unsigned char>(b[j - 1])];
      std::size_t const j1 = last_match_col;
      std::size_t cost = 1;
      if (a[i - 1] == b[j - 1]) {
        cost = 0;
        last_match_col = j;
      }
      d[i + 1][j + 1] = std::min({d[i][j] + cost, d[i + 1][j] + 1, d[i][j + 1] + 1,
                                  d[i1][j1] + (i - i1 - 1) + 1 + (j - j1 - 1)});
    }
    last_row[static_cast<unsigned char>(a[i - 1])] = i;
  }
  return d[n + 1][m + 1];
}

}  // namespace

namespace {

// A lower bound of the distance, far cheaper: every edit adds, removes or changes one letter
// (a transposition none), so the letters one name has and the other lacks bound it from below.
// Many unknown members cost a count each, not a table of distances.
std::size_t bag_distance(std::string_view a, std::string_view b) noexcept {
  std::array<int, 128> count{};
  for (char c : a) ++count[static_cast<unsigned char>(c) & 127];
  for (char c : b) --count[static_cast<unsigned char>(c) & 127];
  std::size_t more = 0, fewer = 0;
  for (int k : count) (k > 0 ? more : fewer) += static_cast<std::size_t>(k > 0 ? k : -k);
  return std::max(more, fewer);
}

}  // namespace

const member_spec* find_elsewhere(object_id in, std::string_view name) noexcept {
  for (const auto& m : members)
    if (m.in != in && m.name == name) return &m;
  return nullptr;
}

const member_spec* near_miss_of(object_id in, std::string_view name) noexcept {
  std::array<char, max_name> buf{}, mbuf{};
  std::size_t len = 0, mlen = 0;
  if (!normalize(name, buf, len)) return nullptr;
  std::string_view const n(buf.data(), len);
  const member_spec* best = nullptr;
  std::size_t best_distance = 3;
  for (const auto& m : members) {
    if (m.in != in) continue;
    normalize(m.name, mbuf, mlen);
    std::string_view const candidate(mbuf.data(), mlen);
    if ((n.size() > mlen ? n.size() - mlen : mlen - n.size()) > 2 || bag_distance(n, candidate) > 2) continue;
    std::size_t d = damerau_levenshtein(n, candidate);
    if (d < best_distance) {
      best = &m;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace bpv::engine
