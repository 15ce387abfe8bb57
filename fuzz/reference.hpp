// Reference parsers for the differential targets, written plainly from the grammars' BNF
// (grammar/start_time.hpp, grammar/utc_offset.hpp) and nothing else: read left to right, one
// character at a time, and stop at the first character that does not fit. The error offset is
// that character's index, or the text's length when the text ends where more was required.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace bpv::fuzz::reference {

struct time {
  unsigned hour = 0, minute = 0;
  std::size_t hour_offset = 0, minute_offset = 0;
};

struct result {
  bool ok = false;
  std::size_t error_offset = 0;  // when !ok
};

namespace detail {

struct cursor {
  std::string_view s;
  std::size_t i = 0;

  bool digit() {
    if (i < s.size() && s[i] >= '0' && s[i] <= '9') return ++i, true;
    return false;
  }
  bool lit(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  bool sign() { return lit('+') || lit('-'); }
  bool at_end() const { return i == s.size(); }
  unsigned two_before() const { return static_cast<unsigned>(s[i - 2] - '0') * 10 + static_cast<unsigned>(s[i - 1] - '0'); }
  result fail() const { return result{false, i}; }
};

}  // namespace detail

/// start_time = time *( "," time ); time = 2DIGIT ":" 2DIGIT
inline result start_times(std::string_view s, std::vector<time>& out) {
  out.clear();
  detail::cursor c{s};
  for (;;) {
    time t;
    t.hour_offset = c.i;
    if (!c.digit() || !c.digit()) return out.clear(), c.fail();
    t.hour = c.two_before();
    if (!c.lit(':')) return out.clear(), c.fail();
    t.minute_offset = c.i;
    if (!c.digit() || !c.digit()) return out.clear(), c.fail();
    t.minute = c.two_before();
    out.push_back(t);
    if (c.at_end()) return result{true, 0};
    if (!c.lit(',')) return out.clear(), c.fail();
  }
}

struct offset {
  int sign = +1;
  unsigned hours = 0, minutes = 0;
};

/// time_zone = "UTC" ( "+" / "-" ) 2DIGIT ":" 2DIGIT
inline result utc_offset(std::string_view s, offset& out) {
  detail::cursor c{s};
  if (!c.lit('U') || !c.lit('T') || !c.lit('C')) return c.fail();
  if (!c.sign()) return c.fail();
  out.sign = s[c.i - 1] == '-' ? -1 : +1;
  if (!c.digit() || !c.digit()) return c.fail();
  out.hours = c.two_before();
  if (!c.lit(':')) return c.fail();
  if (!c.digit() || !c.digit()) return c.fail();
  out.minutes = c.two_before();
  if (!c.at_end()) return c.fail();
  return result{true, 0};
}

}  // namespace bpv::fuzz::reference
