// Reading JSON number literals the way the fields need them, from their text: exact, with no
// detour through double (which would round 99999.99999999999999999 up to 100000).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bpv::engine {

/// Values beyond this magnitude are clamped to it: far outside every field's range.
inline constexpr std::int64_t number_clamp = std::int64_t{1} << 53;

/// The value of an integer literal (`-?digits`, no fraction, no exponent), clamped to
/// ±number_clamp; nothing for any other number form (`2.0`, `1e0`).
std::optional<std::int64_t> integer_literal(std::string_view json_number) noexcept;

/// The largest integer not greater than the number (any valid JSON number), clamped.
std::int64_t floor_of(std::string_view json_number) noexcept;

}  // namespace bpv::engine
