// The time_zone grammar: "UTC+HH:mm" or "UTC-HH:mm".
// Syntax only; the range (minute 00-59, offset within -12:00..+14:00) is a rule.
// No Spirit X3 here: it stays inside utc_offset.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "syntax_error.hpp"

namespace bpv::grammar {

struct utc_offset {
  int sign = +1;                  ///< +1 or -1
  unsigned hours = 0;             ///< 00..99 as written
  unsigned minutes = 0;           ///< 00..99 as written
  std::size_t hour_offset = 0;    ///< index of the hour's first digit
  std::size_t minute_offset = 0;  ///< index of the minute's first digit

  /// Signed offset from UTC in minutes.
  constexpr int total_minutes() const noexcept { return sign * static_cast<int>(hours * 60 + minutes); }
};

/// time_zone = "UTC" ( "+" / "-" ) 2DIGIT ":" 2DIGIT
/// Full match, case-sensitive.
std::optional<syntax_error> parse_utc_offset(std::string_view text, utc_offset& out);

}  // namespace bpv::grammar
