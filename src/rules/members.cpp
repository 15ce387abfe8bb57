#include "rules/members.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

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

// Optimal string alignment distance, giving up (returning > limit) early.
std::size_t osa_distance(std::string_view a, std::string_view b, std::size_t limit) noexcept {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::array<std::array<std::size_t, max_name + 1>, max_name + 1> d{};
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

const member_spec* find_member(object_id in, std::string_view name) noexcept {
  for (const auto& m : members)
    if (m.in == in && m.name == name) return &m;
  return nullptr;
}

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
    std::size_t d = osa_distance(n, std::string_view(mbuf.data(), mlen), 2);
    if (d < best_distance) {
      best = &m;
      best_distance = d;
    }
  }
  return best;
}

std::string_view pointer_of(object_id in) noexcept {
  return in == object_id::root ? std::string_view{} : std::string_view{"/scheduled_policy"};
}

}  // namespace bpv::engine
