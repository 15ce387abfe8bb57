// Reading JSON number literals the way the fields need them, from their text: exact, with no
// detour through double (which would round 99999.99999999999999999 up to 100000).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bpv::engine {

/// Values beyond this magnitude are clamped to it: far outside every field's range.
inline constexpr std::int64_t number_clamp = std::int64_t{1} << 53;

/// Whether a value read above is at the clamp: the number written was at least 2^53 in
/// magnitude, so the value is not the number (only its side).
constexpr bool at_clamp(std::int64_t v) noexcept { return v <= -number_clamp || v >= number_clamp; }

/// The value of an integer literal (`-?digits`, no fraction, no exponent), clamped to
/// ±number_clamp; nothing for any other number form (`2.0`, `1e0`).
std::optional<std::int64_t> integer_literal(std::string_view json_number) noexcept;

/// The largest integer not greater than the number (any valid JSON number), clamped.
std::int64_t floor_of(std::string_view json_number) noexcept;
/// The same, and whether the number is a whole one (`1e5`, `2.0`); true when clamped.
std::int64_t floor_of(std::string_view json_number, bool& whole_number) noexcept;

/// The value of `[1-9][0-9]{0,8}`, the form nearly every number of a request has, into `v`;
/// false for any other text. Inline, before the general readings above: it agrees with both.
inline bool small_natural(std::string_view t, std::int64_t& v) noexcept {
  if (t.empty() || t.size() > 9 || t[0] < '1' || t[0] > '9') return false;
  std::int64_t r = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return false;
    r = r * 10 + (c - '0');
  }
  v = r;
  return true;
}

}  // namespace bpv::engine
