// src/rules/numbers (JSON number literals read from their text) and src/time/clock (schedule
// arithmetic at a fixed UTC offset).
//
// The contract: numbers.hpp ("values beyond number_clamp in magnitude are clamped to it";
// integer_literal reads only -?digits; floor_of is the largest integer not greater than any
// valid JSON number, exact, from the decimal text) and decisions.md (integer fields accept only
// integer literals, "2.0" and "1e0" are errors; rentention_day is rounded down from its decimal
// text, 99999.99999999999999999 is 99999). Time: local = (UTC + offset) mod 24 h; the UTC instant
// of a local time on day D falls on D-1, D or D+1.
//
// Expected values are worked out by hand, or by reference computations written here in plain
// integer arithmetic (never by calling the code under test).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "rules/numbers.hpp"
#include "time/clock.hpp"

namespace {

using bpv::engine::floor_of;
using bpv::engine::integer_literal;
using bpv::engine::number_clamp;

constexpr std::int64_t clamp_value = std::int64_t{1} << 53;  // 9007199254740992, as documented

TEST(Numbers, ClampIsTwoToTheFiftyThird) { EXPECT_EQ(number_clamp, clamp_value); }

// ---------------------------------------------------------------------------------------------
// integer_literal

TEST(IntegerLiteral, Integers) {
  EXPECT_EQ(integer_literal("10"), std::optional<std::int64_t>(10));
  EXPECT_EQ(integer_literal("0"), std::optional<std::int64_t>(0));
  EXPECT_EQ(integer_literal("-0"), std::optional<std::int64_t>(0));
  EXPECT_EQ(integer_literal("-14"), std::optional<std::int64_t>(-14));
  EXPECT_EQ(integer_literal("99999"), std::optional<std::int64_t>(99999));
  EXPECT_EQ(integer_literal("999999999999999"), std::optional<std::int64_t>(999999999999999));  // 15 digits
  EXPECT_EQ(integer_literal("-999999999999999"), std::optional<std::int64_t>(-999999999999999));
}

TEST(IntegerLiteral, OtherNumberFormsAreNotIntegers) {
  for (std::string_view t : {"2.0", "1e0", "1E0", "-1.0", "1e2", "0.5", "2.", "", "-", "1.5e3"})
    EXPECT_EQ(integer_literal(t), std::nullopt) << t;
}

TEST(IntegerLiteral, BeyondTheClampIsClamped) {
  std::string const thirty = "123456789012345678901234567890";
  ASSERT_EQ(thirty.size(), 30u);
  EXPECT_EQ(integer_literal(thirty), std::optional<std::int64_t>(clamp_value));
  EXPECT_EQ(integer_literal("-" + thirty), std::optional<std::int64_t>(-clamp_value));
  EXPECT_EQ(integer_literal("9007199254740992"), std::optional<std::int64_t>(clamp_value));
  EXPECT_EQ(integer_literal("9007199254740993"), std::optional<std::int64_t>(clamp_value));
  EXPECT_EQ(integer_literal("-9007199254740993"), std::optional<std::int64_t>(-clamp_value));
  EXPECT_EQ(integer_literal("18446744073709551616"), std::optional<std::int64_t>(clamp_value));  // 2^64
  EXPECT_EQ(integer_literal(std::string(1 << 20, '7')), std::optional<std::int64_t>(clamp_value));
}

TEST(IntegerLiteral, BandBelowTheClampIsExact) {
  // 10^15 <= v < 2^53: within the clamp, so the value itself (numbers.hpp: only values beyond
  // number_clamp are clamped).
  EXPECT_EQ(integer_literal("1000000000000000"), std::optional<std::int64_t>(1000000000000000));
  EXPECT_EQ(integer_literal("9007199254740991"), std::optional<std::int64_t>(clamp_value - 1));
  EXPECT_EQ(integer_literal("-9007199254740991"), std::optional<std::int64_t>(-(clamp_value - 1)));
}

TEST(IntegerLiteral, RandomValuesRoundTrip) {
  std::mt19937_64 rng(12345u);
  std::uniform_int_distribution<int> digits(1, 15);
  for (int n = 0; n < 20000; ++n) {
    // Up to 15 digits, below 10^15 (the band above is BandBelowTheClampIsExact).
    std::int64_t limit = 1;
    for (int k = digits(rng); k > 0; --k) limit *= 10;
    std::uniform_int_distribution<std::int64_t> value(-(limit - 1), limit - 1);
    std::int64_t const v = value(rng);
    ASSERT_EQ(integer_literal(std::to_string(v)), std::optional<std::int64_t>(v)) << v;
  }
}

// ---------------------------------------------------------------------------------------------
// floor_of

struct floor_case {
  std::string text;
  std::int64_t value;
};

TEST(FloorOf, HandWorkedValues) {
  const floor_case cases[] = {
      {"7.9", 7},
      {"-1.5", -2},
      {"99999.99999999999999999", 99999},  // no detour through double (which gives 100000)
      {"-99999.99999999999999999", -100000},
      {"1e3", 1000},
      {"2.5e1", 25},
      {"1e-400", 0},
      {"-1e-400", -1},  // a tiny negative number rounds down to -1
      {"-0.0", 0},
      {"-0", 0},
      {"0", 0},
      {"0.00000001e8", 1},
      {"-0.5", -1},
      {"0.5", 0},
      {"7", 7},
      {"-7", -7},
      {"-7.9", -8},
      {"2e0", 2},
      {"1E2", 100},
      {"1e+2", 100},
      {"1e-0", 1},
      {"1e002", 100},
      {"1.5e-1", 0},
      {"-1.5e-1", -1},
      {"12345e-2", 123},
      {"-12345e-2", -124},
      {"100e-2", 1},
      {"-100e-2", -1},  // exactly -1: no fraction to round
      {"10000000e-7", 1},
      {"0.000e5", 0},
      {"0e999999999999", 0},
      {"-0e-5", 0},
      {"2.99999", 2},
      {"14.000000000000000000001", 14},
      {"1.9999999999999999999999e1", 19},
      {"99999.5", 99999},
      {"100000.0", 100000},
      {"123456789012345e-5", 1234567890},
      {"999999999999999", 999999999999999},
      {"-999999999999999.5", -1000000000000000},
  };
  for (const auto& c : cases) EXPECT_EQ(floor_of(c.text), c.value) << c.text;
}

TEST(FloorOf, BeyondTheClampIsClamped) {
  EXPECT_EQ(floor_of("1e400"), clamp_value);
  EXPECT_EQ(floor_of("-1e400"), -clamp_value);
  EXPECT_EQ(floor_of("1e999999999999"), clamp_value);
  EXPECT_EQ(floor_of("123456789012345678901234567890"), clamp_value);
  EXPECT_EQ(floor_of("-123456789012345678901234567890"), -clamp_value);
  EXPECT_EQ(floor_of("123456789012345678901234567890.5"), clamp_value);
  EXPECT_EQ(floor_of("9007199254740993"), clamp_value);
  EXPECT_EQ(floor_of("9007199254740992.5"), clamp_value);
  EXPECT_EQ(floor_of("1.5e300"), clamp_value);
  EXPECT_EQ(floor_of("-9007199254740993"), -clamp_value);
}

TEST(FloorOf, BandBelowTheClampIsExact) {
  // 10^15 <= |v| < 2^53 is within the clamp (numbers.hpp).
  EXPECT_EQ(floor_of("1e15"), 1000000000000000);
  EXPECT_EQ(floor_of("9007199254740991"), clamp_value - 1);
  EXPECT_EQ(floor_of("9007199254740991.5"), clamp_value - 1);
  EXPECT_EQ(floor_of("-1e15"), -1000000000000000);
  EXPECT_EQ(floor_of("1234567890123456.7"), 1234567890123456);
}

TEST(FloorOf, LongFractionWithLongExponentWithinTheBodyLimit) {
  // Both bodies fit in the default 1 MiB, and both numbers are exactly 50: rentention_day is
  // "rounded down from its decimal text", whatever the lengths of its parts.
  std::string const tiny_mantissa = "0." + std::string(1000099, '0') + "5e1000101";  // 5e-1000100 * 1e1000101
  EXPECT_EQ(floor_of(tiny_mantissa), 50);
  std::string const huge_mantissa = "5" + std::string(1000100, '0') + "e-1000099";  // 5e1000100 * 1e-1000099
  EXPECT_EQ(floor_of(huge_mantissa), 50);
  std::string const beyond = "0." + std::string(1000100, '0') + "1e1000200";  // 1e99
  EXPECT_EQ(floor_of(beyond), clamp_value);
}

// Reference floor of  sign * M * 10^scale  (M < 10^18), in plain integer arithmetic, clamped.
std::int64_t reference_floor(bool negative, std::uint64_t m, int scale) {
  auto const clamp = static_cast<std::uint64_t>(clamp_value);
  if (m == 0) return 0;
  std::uint64_t whole;
  bool fraction = false;
  if (scale >= 0) {
    whole = m;
    for (int k = 0; k < scale; ++k) {
      if (whole > clamp / 10) return negative ? -clamp_value : clamp_value;
      whole *= 10;
    }
  } else if (scale <= -19) {  // 10^19 > M: nothing left of the point
    whole = 0;
    fraction = true;
  } else {
    std::uint64_t d = 1;
    for (int k = 0; k < -scale; ++k) d *= 10;
    whole = m / d;
    fraction = m % d != 0;
  }
  if (whole > clamp) whole = clamp;
  auto const w = static_cast<std::int64_t>(whole);
  std::int64_t const v = negative ? -w - (fraction ? 1 : 0) : w;
  return v < -clamp_value ? -clamp_value : v;
}

TEST(FloorOf, RandomNumbersAgreeWithReference) {
  std::mt19937 rng(4242u);
  std::uniform_int_distribution<int> coin(0, 1);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> nonzero(1, 9);
  std::uniform_int_distribution<int> int_len(0, 9);   // 0: the integer part is "0"
  std::uniform_int_distribution<int> frac_len(0, 9);  // 0: no fraction
  std::uniform_int_distribution<int> exp_kind(0, 3);  // 0: no exponent
  std::uniform_int_distribution<int> exp_value(0, 25);
  int checked = 0, negatives = 0;
  for (int n = 0; n < 50000; ++n) {
    bool const negative = coin(rng);
    std::string text = negative ? "-" : "";
    std::string mantissa;  // the digits of M, as written (leading zeros allowed here)
    int const il = int_len(rng);
    if (il == 0) {
      text += '0';
      mantissa += '0';
    } else {
      for (int k = 0; k < il; ++k) {
        char const c = static_cast<char>('0' + (k == 0 ? nonzero(rng) : digit(rng)));
        text += c;
        mantissa += c;
      }
    }
    int const fl = frac_len(rng);
    if (fl) {
      text += '.';
      for (int k = 0; k < fl; ++k) {
        char const c = static_cast<char>('0' + (coin(rng) ? 0 : digit(rng)));  // many zeros
        text += c;
        mantissa += c;
      }
    }
    int exponent = 0;
    int const ek = exp_kind(rng);
    if (ek) {
      text += coin(rng) ? 'e' : 'E';
      exponent = exp_value(rng);
      if (ek == 2) {
        text += '-';
        exponent = -exponent;
      } else if (ek == 3) {
        text += '+';
      }
      if (coin(rng) && coin(rng)) text += '0';  // leading zeros are allowed in exponents
      text += std::to_string(exponent < 0 ? -exponent : exponent);
    }
    std::uint64_t m = 0;
    for (char c : mantissa) m = m * 10 + static_cast<std::uint64_t>(c - '0');
    std::int64_t const want = reference_floor(negative, m, exponent - fl);
    // 10^15 <= |floor| <= 2^53 is BandBelowTheClampIsExact's business.
    std::int64_t const magnitude = want < 0 ? -want : want;
    if (magnitude >= 1000000000000000 && magnitude <= clamp_value) continue;
    ++checked;
    if (want < 0) ++negatives;
    ASSERT_EQ(floor_of(text), want) << text;
    // A whole number: no nonzero digit of M right of the decimal point.
    if (magnitude < clamp_value) {
      int const right = fl - exponent;  // digits of M right of the decimal point
      std::uint64_t rest = m;
      int zeros = 0;
      while (rest != 0 && rest % 10 == 0) {
        rest /= 10;
        ++zeros;
      }
      bool whole = false;
      floor_of(text, whole);
      ASSERT_EQ(whole, m == 0 || right <= zeros) << text;
    }
  }
  EXPECT_GT(checked, 30000);
  EXPECT_GT(negatives, 10000);
}

// ---------------------------------------------------------------------------------------------
// Time at a fixed offset

using bpv::time::local_minutes;
using bpv::time::minutes_per_day;
using bpv::time::utc_day_of_local;

int floor_div(int a, int b) {  // b > 0
  int q = a / b;
  if (a % b != 0 && a < 0) --q;
  return q;
}

int mod_day(int m) { return ((m % 1440) + 1440) % 1440; }

TEST(Clock, HandWorkedExamples) {
  EXPECT_EQ(minutes_per_day, 1440);
  // UTC+02:00: 22:00 UTC is local midnight, on the next local day.
  EXPECT_EQ(local_minutes(22 * 60, 120), 0);
  EXPECT_EQ(utc_day_of_local(0, 120), -1);    // local 00:00 is 22:00 UTC the day before
  EXPECT_EQ(utc_day_of_local(120, 120), 0);   // local 02:00 is 00:00 UTC the same day
  EXPECT_EQ(utc_day_of_local(119, 120), -1);  // local 01:59 is 23:59 UTC the day before
  // UTC-02:00: 01:00 UTC is 23:00 local, the day before; its UTC instant is the next day.
  EXPECT_EQ(local_minutes(1 * 60, -120), 23 * 60);
  EXPECT_EQ(utc_day_of_local(23 * 60, -120), 1);
  EXPECT_EQ(utc_day_of_local(21 * 60 + 59, -120), 0);
  EXPECT_EQ(utc_day_of_local(22 * 60, -120), 1);
  // No offset: nothing moves.
  EXPECT_EQ(local_minutes(13 * 60, 0), 13 * 60);
  EXPECT_EQ(utc_day_of_local(0, 0), 0);
  EXPECT_EQ(utc_day_of_local(1439, 0), 0);
  // Extremes of civil time.
  EXPECT_EQ(local_minutes(0, 840), 14 * 60);
  EXPECT_EQ(local_minutes(0, -720), 12 * 60);
  EXPECT_EQ(local_minutes(10 * 60, 840), 0);
  EXPECT_EQ(utc_day_of_local(0, 840), -1);
  EXPECT_EQ(utc_day_of_local(12 * 60, -720), 1);
  EXPECT_EQ(utc_day_of_local(11 * 60 + 59, -720), 0);
  // Non-whole-hour offsets.
  EXPECT_EQ(local_minutes(23 * 60, 345), 4 * 60 + 45);   // +05:45
  EXPECT_EQ(local_minutes(0, -150), 21 * 60 + 30);       // -02:30
  EXPECT_EQ(utc_day_of_local(21 * 60 + 30, -150), 1);
}

TEST(Clock, ThePagesExampleCrossesTheUtcDay) {
  // "22:00,00:00,02:00" at UTC+02:00: local 00:00, 02:00, 04:00; 22:00 UTC is the day before.
  int const utc[] = {22 * 60, 0, 2 * 60};
  int const local_want[] = {0, 120, 240};
  int const day_want[] = {-1, 0, 0};
  for (int k = 0; k < 3; ++k) {
    int const local = local_minutes(utc[k], 120);
    EXPECT_EQ(local, local_want[k]) << k;
    EXPECT_EQ(utc_day_of_local(local, 120), day_want[k]) << k;
  }
}

// The offsets of tzdata_offsets.txt (the "all:" line), in minutes, and the header's count.
struct tz_offsets {
  std::vector<int> minutes;
  int declared_count = -1;
  int declared_min = 0, declared_max = 0;
};

std::optional<int> parse_utc(std::string_view s) {
  // "UTC+05:45"
  if (s.size() != 9 || s.substr(0, 3) != "UTC" || (s[3] != '+' && s[3] != '-') || s[6] != ':') return std::nullopt;
  for (std::size_t i : {4u, 5u, 7u, 8u})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  int const v = ((s[4] - '0') * 10 + (s[5] - '0')) * 60 + (s[7] - '0') * 10 + (s[8] - '0');
  return s[3] == '-' ? -v : v;
}

tz_offsets read_tz_offsets(const std::string& path) {
  tz_offsets out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("all:", 0) == 0) {
      std::string_view rest = std::string_view(line).substr(4);
      while (!rest.empty()) {
        std::size_t const comma = rest.find(',');
        std::string_view tok = rest.substr(0, comma);
        while (!tok.empty() && tok.front() == ' ') tok.remove_prefix(1);
        while (!tok.empty() && (tok.back() == ' ' || tok.back() == '\r')) tok.remove_suffix(1);
        if (!tok.empty()) {
          if (auto v = parse_utc(tok)) out.minutes.push_back(*v);
          else out.minutes.push_back(100000);  // makes the test fail on an unreadable entry
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    } else if (line.rfind("min ", 0) == 0) {
      // "min UTC-12:00 max UTC+14:00"
      std::istringstream words(line);
      std::string w1, lo, w2, hi;
      words >> w1 >> lo >> w2 >> hi;
      out.declared_min = parse_utc(lo).value_or(100000);
      out.declared_max = parse_utc(hi).value_or(100000);
    } else if (out.declared_count < 0 && line.find("offsets") != std::string::npos) {
      std::size_t const colon = line.rfind(':');
      if (colon != std::string::npos) out.declared_count = std::atoi(line.c_str() + colon + 1);
    }
  }
  return out;
}

TEST(Clock, EveryHourAtEveryTzdataOffset) {
  std::string const path = BPV_SHARED_DIR "/suites/tzdata_offsets.txt";
  if (!std::ifstream(path).good()) GTEST_SKIP() << "absent: " << path;
  tz_offsets const tz = read_tz_offsets(path);
  ASSERT_EQ(static_cast<int>(tz.minutes.size()), tz.declared_count) << "the file's own count";
  ASSERT_EQ(tz.minutes.size(), 40u);
  EXPECT_EQ(*std::min_element(tz.minutes.begin(), tz.minutes.end()), tz.declared_min);
  EXPECT_EQ(*std::max_element(tz.minutes.begin(), tz.minutes.end()), tz.declared_max);
  EXPECT_EQ(tz.declared_min, -720);
  EXPECT_EQ(tz.declared_max, 840);
  for (int offset : tz.minutes) {
    for (int hour = 0; hour < 24; ++hour) {
      int const utc = hour * 60;
      int const want_local = mod_day(utc + offset);
      int const local = local_minutes(utc, offset);
      ASSERT_EQ(local, want_local) << "utc " << utc << " offset " << offset;
      int const want_day = floor_div(want_local - offset, 1440);
      int const day = utc_day_of_local(want_local, offset);
      ASSERT_EQ(day, want_day) << "local " << want_local << " offset " << offset;
      ASSERT_TRUE(day >= -1 && day <= 1);
      // Back to UTC: the local time minus the offset, on that UTC day, is the start time again.
      ASSERT_EQ(want_local - offset - day * 1440, utc);
    }
  }
}

TEST(Clock, EveryMinuteAtEveryOffsetInTheCivilRange) {
  // All offsets -12:00..+14:00 in 15-minute steps, every minute of the day.
  for (int offset = -720; offset <= 840; offset += 15) {
    for (int utc = 0; utc < 1440; ++utc) {
      int const local = local_minutes(utc, offset);
      ASSERT_EQ(local, mod_day(utc + offset)) << utc << " " << offset;
      ASSERT_EQ(utc_day_of_local(local, offset), floor_div(local - offset, 1440)) << local << " " << offset;
    }
  }
}

}  // namespace
