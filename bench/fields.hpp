// The two field syntaxes written two other ways, for comparison with the X3 grammars: plain
// loops, and precompiled std::regex. Each gives the same values (hours and minutes as written)
// and the same yes/no as grammar::parse_start_times and grammar::parse_utc_offset; the loops
// also give the offset of the first bad character, the regexes do not.
#pragma once

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/start_time.hpp"
#include "grammar/utc_offset.hpp"

namespace bench::hand {

inline bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
/// The character HH:mm has at position k of a time (k from 0 to 4): ':' at 2, a digit elsewhere.
inline bool fits_time(char c, std::size_t k) noexcept { return k == 2 ? c == ':' : digit(c); }

/// start_time = time *( "," time ), time = 2DIGIT ":" 2DIGIT. Returns the offset of the first
/// bad character, or nothing.
inline std::optional<std::size_t> start_times(std::string_view s, std::vector<bpv::grammar::clock_time>& out) {
  out.clear();
  std::size_t i = 0;
  for (;;) {
    for (std::size_t k : {0, 1, 2, 3, 4})  // left to right: the first bad character
      if (i + k >= s.size() || !fits_time(s[i + k], k)) return i + k;
    out.push_back({static_cast<unsigned>((s[i] - '0') * 10 + (s[i + 1] - '0')),
                   static_cast<unsigned>((s[i + 3] - '0') * 10 + (s[i + 4] - '0')), i, i + 3});
    i += 5;
    if (i == s.size()) return std::nullopt;
    if (s[i] != ',') return i;
    ++i;
  }
}

/// time_zone = "UTC" ( "+" / "-" ) 2DIGIT ":" 2DIGIT.
inline std::optional<std::size_t> utc_offset(std::string_view s, bpv::grammar::utc_offset& out) {
  constexpr std::string_view utc = "UTC";
  for (std::size_t k = 0; k < 3; ++k)
    if (k >= s.size() || s[k] != utc[k]) return k;
  if (s.size() < 4 || (s[3] != '+' && s[3] != '-')) return 3;
  for (std::size_t k : {4, 5, 6, 7, 8})
    if (k >= s.size() || !fits_time(s[k], k - 4)) return k;
  if (s.size() != 9) return 9;
  out.sign = s[3] == '-' ? -1 : +1;
  out.hours = static_cast<unsigned>((s[4] - '0') * 10 + (s[5] - '0'));
  out.minutes = static_cast<unsigned>((s[7] - '0') * 10 + (s[8] - '0'));
  out.hour_offset = 4;
  out.minute_offset = 7;
  return std::nullopt;
}

}  // namespace bench::hand

namespace bench::regex {

/// Compiled once (constructing a std::regex costs about 100 us).
struct fields {
  std::regex list{R"(^[0-9]{2}:[0-9]{2}(,[0-9]{2}:[0-9]{2})*$)"};
  std::regex time{R"(([0-9]{2}):([0-9]{2}))"};
  std::regex zone{R"(^UTC([+-])([0-9]{2}):([0-9]{2})$)"};

  bool start_times(const std::string& s, std::vector<bpv::grammar::clock_time>& out) const {
    out.clear();
    if (!std::regex_match(s, list)) return false;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), time); it != std::sregex_iterator(); ++it) {
      const std::smatch& m = *it;
      auto at = static_cast<std::size_t>(m.position(0));
      out.push_back({static_cast<unsigned>(std::stoi(m[1].str())), static_cast<unsigned>(std::stoi(m[2].str())), at, at + 3});
    }
    return true;
  }
  bool utc_offset(const std::string& s, bpv::grammar::utc_offset& out) const {
    std::smatch m;
    if (!std::regex_match(s, m, zone)) return false;
    out.sign = m[1].str() == "-" ? -1 : +1;
    out.hours = static_cast<unsigned>(std::stoi(m[2].str()));
    out.minutes = static_cast<unsigned>(std::stoi(m[3].str()));
    out.hour_offset = 4;
    out.minute_offset = 7;
    return true;
  }
};

}  // namespace bench::regex
