// The start_time grammar: one or more "HH:mm" separated by ",".
// Syntax only (two ASCII digits, ':', two ASCII digits; no spaces); the ranges (hour 00-23,
// minute 00) are rules, so that a well-formed but wrong part is reported as what it is.
// No Spirit X3 here: it stays inside start_time.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "syntax_error.hpp"

namespace bpv::grammar {

/// One "HH:mm" of the list, as written.
struct clock_time {
  unsigned hour = 0;              ///< 00..99 as written
  unsigned minute = 0;            ///< 00..99 as written
  std::size_t hour_offset = 0;    ///< index of the hour's first digit in the text
  std::size_t minute_offset = 0;  ///< index of the minute's first digit

  /// Minutes since midnight (meaningful once the ranges are checked).
  constexpr unsigned minutes() const noexcept { return hour * 60 + minute; }
};

/// start_time  = time *( "," time )
/// time        = 2DIGIT ":" 2DIGIT
/// Full match. On success fills `out` (cleared first) and returns nothing; otherwise returns
/// the first character that breaks the syntax and what was expected there.
std::optional<syntax_error> parse_start_times(std::string_view text, std::vector<clock_time>& out);

/// One entry of a list that parse_start_times() refused (what two commas, or a comma and an
/// end, enclose), read as far as it is well-formed: `parts` is how many of its parts are two
/// digits between their delimiters (0; 1, the hour, followed by ':'; 2, the hour and the
/// minute, which the entry's end follows) and `out` holds their values, with offsets in the
/// entry. Returns the first character that breaks "HH:mm", if one does.
std::optional<syntax_error> parse_start_time_entry(std::string_view entry, clock_time& out, unsigned& parts);

}  // namespace bpv::grammar
