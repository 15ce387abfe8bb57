// The two grammars of grammar/: start_time ("HH:mm" lists) and time_zone ("UTC±HH:mm").
//
// What they are (decisions.md, "Fields" and "Details"):
//   start_time = time *( "," time ),  time = 2DIGIT ":" 2DIGIT      (ASCII digits, no spaces)
//   time_zone  = "UTC" ( "+" / "-" ) 2DIGIT ":" 2DIGIT               (case-sensitive)
// Syntax only: ranges (hour 00..23, minute 00, offset -12:00..+14:00) are rules, so "99:99" and
// "UTC+99:99" parse. On a mismatch the grammar gives the index of the first character that breaks
// the syntax ("2x:00": the 'x', at 1); when the text ends early, that index is the text's length.
//
// Expected values below come from the grammar above, never from running the code: the tables are
// read off by hand, and the data-driven and random tests compare against small reference
// scanners written here, independent of grammar/.
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "grammar/start_time.hpp"
#include "grammar/utc_offset.hpp"

namespace {

using bpv::grammar::clock_time;
using bpv::grammar::parse_start_times;
using bpv::grammar::parse_utc_offset;
using bpv::grammar::syntax_error;
using bpv::grammar::utc_offset;

constexpr std::size_t accepted = std::string_view::npos;

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

// ---------------------------------------------------------------------------------------------
// Reference scanners, written from the grammar, left to right, one character at a time.
// They return `accepted`, or the index of the first character that breaks the syntax (the
// length of the text when it ends where something more was required).

// start_time: position k within each 6-character period "DD:DD," must be a digit (0, 1, 3, 4),
// ':' (2) or ',' (5); the text may end only right after a time (k == 5).
std::size_t reference_start_times(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char const c = s[i];
    switch (i % 6) {
      case 0:
      case 1:
      case 3:
      case 4:
        if (!ascii_digit(c)) return i;
        break;
      case 2:
        if (c != ':') return i;
        break;
      case 5:
        if (c != ',') return i;
        break;
    }
  }
  return s.size() % 6 == 5 ? accepted : s.size();
}

// time_zone: exactly "UTC", a sign, two digits, ':', two digits, then the end.
std::size_t reference_utc_offset(std::string_view s) {
  static constexpr std::string_view shape = "UTC+00:00";  // '+' stands for a sign, '0' for a digit
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i >= shape.size()) return i;  // something after a complete offset
    char const want = shape[i];
    char const c = s[i];
    bool const ok = want == '0' ? ascii_digit(c) : want == '+' ? (c == '+' || c == '-') : c == want;
    if (!ok) return i;
  }
  return s.size() == shape.size() ? accepted : s.size();
}

// The plain-loop form of ^[0-9]{2}:[0-9]{2}(,[0-9]{2}:[0-9]{2})*$ (asked for by the data-driven
// test; deliberately written a second way, as a whole-string check, not a scanner).
bool matches_start_time_regex(std::string_view s) {
  if (s.size() < 5 || (s.size() + 1) % 6 != 0) return false;
  for (std::size_t at = 0; at < s.size(); at += 6) {
    if (!(ascii_digit(s[at]) && ascii_digit(s[at + 1]) && s[at + 2] == ':' && ascii_digit(s[at + 3]) &&
          ascii_digit(s[at + 4])))
      return false;
    if (at + 5 < s.size() && s[at + 5] != ',') return false;
  }
  return true;
}

// ^UTC[+-][0-9]{2}:[0-9]{2}$
bool matches_utc_regex(std::string_view s) {
  return s.size() == 9 && s.substr(0, 3) == "UTC" && (s[3] == '+' || s[3] == '-') && ascii_digit(s[4]) &&
         ascii_digit(s[5]) && s[6] == ':' && ascii_digit(s[7]) && ascii_digit(s[8]);
}

unsigned two(std::string_view s, std::size_t at) {
  return static_cast<unsigned>(s[at] - '0') * 10 + static_cast<unsigned>(s[at + 1] - '0');
}

std::string two_digit(unsigned v) {
  std::string s;
  s.push_back(static_cast<char>('0' + v / 10));
  s.push_back(static_cast<char>('0' + v % 10));
  return s;
}

// ---------------------------------------------------------------------------------------------
// start_time: accepted

TEST(StartTimeGrammar, SingleTime) {
  std::vector<clock_time> out;
  ASSERT_FALSE(parse_start_times("00:00", out).has_value());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].hour, 0u);
  EXPECT_EQ(out[0].minute, 0u);
  EXPECT_EQ(out[0].hour_offset, 0u);
  EXPECT_EQ(out[0].minute_offset, 3u);
  EXPECT_EQ(out[0].minutes(), 0u);

  ASSERT_FALSE(parse_start_times("12:00", out).has_value());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].hour, 12u);
  EXPECT_EQ(out[0].minutes(), 720u);
}

TEST(StartTimeGrammar, ThePagesExampleList) {
  // "22:00,00:00,02:00": times start every 6 characters.
  std::vector<clock_time> out;
  ASSERT_FALSE(parse_start_times("22:00,00:00,02:00", out).has_value());
  ASSERT_EQ(out.size(), 3u);
  unsigned const hours[] = {22, 0, 2};
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(out[k].hour, hours[k]) << k;
    EXPECT_EQ(out[k].minute, 0u) << k;
    EXPECT_EQ(out[k].hour_offset, 6 * k) << k;
    EXPECT_EQ(out[k].minute_offset, 6 * k + 3) << k;
    EXPECT_EQ(out[k].minutes(), hours[k] * 60) << k;
  }
}

TEST(StartTimeGrammar, TwentyFourEntries) {
  std::string text;
  for (unsigned h = 0; h < 24; ++h) {
    if (h) text += ',';
    text += two_digit(h) + ":" + two_digit((h * 7) % 60);  // minutes vary so that values are checked
  }
  std::vector<clock_time> out;
  ASSERT_FALSE(parse_start_times(text, out).has_value()) << text;
  ASSERT_EQ(out.size(), 24u);
  for (unsigned h = 0; h < 24; ++h) {
    EXPECT_EQ(out[h].hour, h);
    EXPECT_EQ(out[h].minute, (h * 7) % 60);
    EXPECT_EQ(out[h].hour_offset, 6u * h);
    EXPECT_EQ(out[h].minute_offset, 6u * h + 3);
  }
}

TEST(StartTimeGrammar, MoreThanTwentyFourIsStillSyntax) {
  // The 24-entry limit is a rule, not syntax.
  std::string text = "00:00";
  for (int k = 1; k < 30; ++k) text += ",00:00";
  std::vector<clock_time> out;
  EXPECT_FALSE(parse_start_times(text, out).has_value());
  EXPECT_EQ(out.size(), 30u);
}

TEST(StartTimeGrammar, RangesAreRulesNotSyntax) {
  std::vector<clock_time> out;
  ASSERT_FALSE(parse_start_times("99:99", out).has_value());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].hour, 99u);
  EXPECT_EQ(out[0].minute, 99u);

  ASSERT_FALSE(parse_start_times("24:00,13:05", out).has_value());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].hour, 24u);
  EXPECT_EQ(out[1].hour, 13u);
  EXPECT_EQ(out[1].minute, 5u);
  EXPECT_EQ(out[1].minute_offset, 9u);  // "13:05": the rule reports the minute's first digit
}

TEST(StartTimeGrammar, OutputIsClearedFirst) {
  std::vector<clock_time> out(5);
  ASSERT_FALSE(parse_start_times("01:00", out).has_value());
  EXPECT_EQ(out.size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// start_time: rejected, with the index of the first character that breaks the syntax

struct bad_case {
  std::string text;
  std::size_t offset;
};

TEST(StartTimeGrammar, RejectedFormsAndTheirOffsets) {
  const bad_case cases[] = {
      {"2x:00", 1},              // the 'x'
      {"9:00", 1},               // one-digit hour: ':' where the second hour digit belongs
      {"12:00,", 6},             // a comma must be followed by a time: ends at 6
      {"", 0},                   // nothing at all
      {" 12:00", 0},             // no leading space
      {"12:00 ", 5},             // no trailing space: ',' or the end was expected at 5
      {"12.00", 2},              // '.' instead of ':'
      {"12:0", 4},               // ends inside the minute
      {"\xEF\xBC\x91\xEF\xBC\x92:00", 0},  // "１２:00", full-width digits are not digits
      {"12:00,,13:00", 6},       // the second comma
      {"12:00, 13:00", 6},       // space after the comma
      {"12:00 ,13:00", 5},       // space before the comma
      {"12:00;13:00", 5},        // wrong separator
      {"12:00:00", 5},           // seconds are not part of the format
      {"123:00", 2},             // three-digit hour
      {"12:000", 5},             // three-digit minute
      {"12:00,1", 7},            // ends inside the second hour
      {"12:00,13:0x", 10},       // bad second minute digit of the second time
      {":00", 0},
      {"12", 2},
      {"1", 1},
      {",12:00", 0},
      {"12:00Z", 5},
      {"1\xD9\xA2:00", 1},       // Arabic-Indic digit two (U+0662) is not an ASCII digit
      {std::string("12:00\0", 6), 5},  // an embedded NUL ends nothing
  };
  for (const auto& c : cases) {
    std::vector<clock_time> out;
    std::optional<syntax_error> e = parse_start_times(c.text, out);
    ASSERT_TRUE(e.has_value()) << "accepted: \"" << c.text << "\"";
    EXPECT_EQ(e->offset, c.offset) << "\"" << c.text << "\"";
    EXPECT_FALSE(e->expected.empty()) << "\"" << c.text << "\"";
    EXPECT_TRUE(out.empty()) << "a failed parse leaves no times: \"" << c.text << "\"";
    // The table agrees with the reference scanner used by the data-driven and random tests.
    EXPECT_EQ(reference_start_times(c.text), c.offset) << "\"" << c.text << "\"";
  }
}

// One entry of a refused list, read as far as it is well-formed: a part is, when it is two
// digits between its delimiters (the hour before its ':', the minute before the entry's end),
// and only such a part's value is read.
TEST(StartTimeGrammar, AnEntryReadAsFarAsItIsWellFormed) {
  struct entry_case {
    std::string text;
    std::optional<std::size_t> breaks;  // nothing: the entry is a time
    unsigned parts;
    unsigned hour, minute;  // of the parts read (0 otherwise)
  };
  const entry_case cases[] = {
      {"12:00", std::nullopt, 2, 12, 0},
      {"99:99", std::nullopt, 2, 99, 99},  // ranges are rules
      {"", 0, 0, 0, 0},
      {"2x:00", 1, 0, 0, 0},
      {"25:0x", 4, 1, 25, 0},               // the hour is two digits and its ':'
      {"25:", 3, 1, 25, 0},
      {"2500", 2, 0, 0, 0},                 // no ':' after two digits: no hour of two digits
      {"250:00", 2, 0, 0, 0},
      {"25", 2, 0, 0, 0},
      {"12:300", 5, 1, 12, 0},              // a minute of three digits is no minute
      {"12:30 ", 5, 1, 12, 0},
      {" 12:00", 0, 0, 0, 0},
      {"13:0", 4, 1, 13, 0},
  };
  for (const auto& c : cases) {
    clock_time t;
    t.hour = 77;  // the entry's reading replaces whatever was there
    unsigned parts = 9;
    std::optional<syntax_error> const e = parse_start_time_entry(c.text, t, parts);
    EXPECT_EQ(e.has_value(), c.breaks.has_value()) << "\"" << c.text << "\"";
    if (e && c.breaks) {
      EXPECT_EQ(e->offset, *c.breaks) << "\"" << c.text << "\"";
      EXPECT_FALSE(e->expected.empty());
      // Where a list made of this entry alone breaks, as the list's grammar says.
      std::vector<clock_time> out;
      std::optional<syntax_error> const whole = parse_start_times(c.text, out);
      ASSERT_TRUE(whole.has_value());
      EXPECT_EQ(whole->offset, e->offset) << "\"" << c.text << "\"";
      EXPECT_EQ(whole->expected, e->expected) << "\"" << c.text << "\"";
    }
    EXPECT_EQ(parts, c.parts) << "\"" << c.text << "\"";
    EXPECT_EQ(t.hour, c.hour) << "\"" << c.text << "\"";
    EXPECT_EQ(t.minute, c.minute) << "\"" << c.text << "\"";
    EXPECT_EQ(t.hour_offset, 0u);
    EXPECT_EQ(t.minute_offset, 3u);
  }
}

TEST(StartTimeGrammar, RejectionClearsEarlierOutput) {
  std::vector<clock_time> out;
  ASSERT_FALSE(parse_start_times("01:00,02:00", out).has_value());
  ASSERT_EQ(out.size(), 2u);
  ASSERT_TRUE(parse_start_times("01:00,02:0", out).has_value());
  EXPECT_TRUE(out.empty());
}

// ---------------------------------------------------------------------------------------------
// time_zone: accepted

struct good_zone {
  std::string text;
  int sign;
  unsigned hours;
  unsigned minutes;
  int total;
};

TEST(UtcOffsetGrammar, AcceptedFormsAndValues) {
  const good_zone cases[] = {
      {"UTC+08:00", +1, 8, 0, 480},
      {"UTC-02:30", -1, 2, 30, -150},
      {"UTC+14:00", +1, 14, 0, 840},
      {"UTC-12:00", -1, 12, 0, -720},
      {"UTC+05:45", +1, 5, 45, 345},
      {"UTC+00:00", +1, 0, 0, 0},
      {"UTC-00:00", -1, 0, 0, 0},
      {"UTC+99:99", +1, 99, 99, 99 * 60 + 99},  // ranges are rules
  };
  for (const auto& c : cases) {
    utc_offset z;
    ASSERT_FALSE(parse_utc_offset(c.text, z).has_value()) << c.text;
    EXPECT_EQ(z.sign, c.sign) << c.text;
    EXPECT_EQ(z.hours, c.hours) << c.text;
    EXPECT_EQ(z.minutes, c.minutes) << c.text;
    EXPECT_EQ(z.total_minutes(), c.total) << c.text;
    EXPECT_EQ(z.hour_offset, 4u) << c.text;
    EXPECT_EQ(z.minute_offset, 7u) << c.text;
  }
}

// ---------------------------------------------------------------------------------------------
// time_zone: rejected

TEST(UtcOffsetGrammar, RejectedFormsAndTheirOffsets) {
  const bad_case cases[] = {
      {"GMT+08:00", 0},
      {"utc+08:00", 0},         // case-sensitive
      {"Utc+08:00", 1},
      {"UTx+08:00", 2},
      {"UTC8:00", 3},           // no sign
      {"UTC+8:00", 5},          // one-digit hour: ':' where the second hour digit belongs
      {"UTC+08:00x", 9},        // trailing content
      {"UTC+0800", 6},          // no ':'
      {"UTC", 3},               // ends before the sign
      {"UTC\xC2\xB1" "08:00", 3},  // "UTC±08:00": '±' is not '+' or '-'
      {"", 0},
      {" UTC+08:00", 0},
      {"UTC+08:00 ", 9},
      {"UTC +08:00", 3},
      {"UTC+08:0", 8},          // ends inside the minute
      {"UTC+08:000", 9},
      {"UTC+08.00", 6},
      {"UTC+8", 5},
      {"UTC+08", 6},
      {"+08:00", 0},            // RFC 3339 numeric offset without "UTC"
      {"Z", 0},
      {"UTC\xE2\x88\x92" "08:00", 3},  // U+2212 MINUS SIGN
      {"UTC+\xEF\xBC\x90\xEF\xBC\x98:00", 4},  // full-width digits
  };
  for (const auto& c : cases) {
    utc_offset z;
    std::optional<syntax_error> e = parse_utc_offset(c.text, z);
    ASSERT_TRUE(e.has_value()) << "accepted: \"" << c.text << "\"";
    EXPECT_EQ(e->offset, c.offset) << "\"" << c.text << "\"";
    EXPECT_FALSE(e->expected.empty()) << "\"" << c.text << "\"";
    EXPECT_EQ(reference_utc_offset(c.text), c.offset) << "\"" << c.text << "\"";
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-Schema-Test-Suite time.json: 47 RFC 3339 "time" cases.
//
// How our syntax differs from RFC 3339 (section 5.6, full-time = partial-time time-offset):
//  - RFC 3339 times carry seconds ("HH:MM:SS", optional ".fraction"); start_time has no seconds:
//    exactly "HH:mm", and a list of them separated by ',' (RFC 3339 has no lists).
//  - RFC 3339 requires an offset on a full-time: "Z"/"z" or a bare "+HH:MM"/"-HH:MM". start_time
//    carries no offset at all (it is UTC by definition), and time_zone is only "UTC+HH:mm" or
//    "UTC-HH:mm": "Z", lower case, and a bare "+08:00" without "UTC" are all refused.
//  - RFC 3339 restricts ranges in its grammar (hour 00-23, minute 00-59, second 00-60, offset
//    hour 00-23); our grammars take any two ASCII digits and leave ranges to the rules (which are
//    stricter: minute 00 for start_time, -12:00..+14:00 for time_zone).
//  - Both require exactly two ASCII digits per field; non-ASCII digits ("1২") are not digits.
// So every string of time.json (all carry seconds, and offsets without "UTC") is refused by both
// grammars; what matters is that each refusal agrees with the plain regular-expression check.

std::vector<std::string> time_json_strings(std::size_t& total_cases) {
  std::string const path = BPV_SHARED_DIR "/suites/JSON-Schema-Test-Suite/time.json";
  std::vector<std::string> out;
  total_cases = 0;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.load(path).get(root)) return out;
  simdjson::dom::array groups;
  if (root.get_array().get(groups)) return out;
  for (simdjson::dom::element group : groups) {
    simdjson::dom::array tests;
    if (group["tests"].get_array().get(tests)) continue;
    for (simdjson::dom::element t : tests) {
      ++total_cases;
      std::string_view s;
      if (!t["data"].get_string().get(s)) out.emplace_back(s);
    }
  }
  return out;
}

TEST(GrammarSuites, JsonSchemaTestSuiteTimeCases) {
  std::string const path = BPV_SHARED_DIR "/suites/JSON-Schema-Test-Suite/time.json";
  if (!std::ifstream(path).good()) GTEST_SKIP() << "absent: " << path;
  std::size_t total = 0;
  std::vector<std::string> const strings = time_json_strings(total);
  ASSERT_EQ(total, 47u) << "time.json should hold 47 cases";
  ASSERT_EQ(strings.size(), 41u) << "41 of them are strings (6 check non-string types)";
  for (const auto& s : strings) {
    std::vector<clock_time> times;
    std::optional<syntax_error> e = parse_start_times(s, times);
    EXPECT_EQ(!e.has_value(), matches_start_time_regex(s)) << "start_time: \"" << s << "\"";
    if (e) {
      EXPECT_EQ(e->offset, reference_start_times(s)) << "start_time: \"" << s << "\"";
    }

    utc_offset z;
    std::optional<syntax_error> ez = parse_utc_offset(s, z);
    EXPECT_EQ(!ez.has_value(), matches_utc_regex(s)) << "time_zone: \"" << s << "\"";
    if (ez) {
      EXPECT_EQ(ez->offset, reference_utc_offset(s)) << "time_zone: \"" << s << "\"";
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Random strings: never a crash; accept exactly when the reference accepts; on rejection the same
// offset as the reference scanner.

std::string random_string(std::mt19937& rng) {
  static constexpr std::string_view alphabet = "0123456789:,+-UTC x";
  std::uniform_int_distribution<int> coin(0, 3);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string s;
  int const mode = coin(rng);
  if (mode == 0) {
    // Fully random, short.
    std::uniform_int_distribution<int> len(0, 14);
    for (int n = len(rng); n > 0; --n) s.push_back(alphabet[pick(rng)]);
    return s;
  }
  // Start from a well-formed value and mutate it, so that near misses are common.
  std::uniform_int_distribution<int> digit(0, 9);
  if (mode == 1) {
    s = "UTC";
    s.push_back(coin(rng) % 2 ? '+' : '-');
    for (int k = 0; k < 4; ++k) {
      if (k == 2) s.push_back(':');
      s.push_back(static_cast<char>('0' + digit(rng)));
    }
  } else {
    std::uniform_int_distribution<int> count(1, 3);
    for (int n = count(rng); n > 0; --n) {
      if (!s.empty()) s.push_back(',');
      for (int k = 0; k < 4; ++k) {
        if (k == 2) s.push_back(':');
        s.push_back(static_cast<char>('0' + digit(rng)));
      }
    }
  }
  std::uniform_int_distribution<int> edits(0, 2);
  for (int n = edits(rng); n > 0 && !s.empty(); --n) {
    std::uniform_int_distribution<std::size_t> where(0, s.size() - 1);
    std::size_t const at = where(rng);
    switch (coin(rng) % 3) {
      case 0: s[at] = alphabet[pick(rng)]; break;
      case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), alphabet[pick(rng)]); break;
      default: s.erase(at, 1); break;
    }
  }
  return s;
}

TEST(GrammarProperty, RandomStringsAgreeWithReferenceScanners) {
  std::mt19937 rng(20240531u);
  std::size_t start_accepted = 0, zone_accepted = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string const s = random_string(rng);

    std::vector<clock_time> times;
    std::optional<syntax_error> e = parse_start_times(s, times);
    std::size_t const want = reference_start_times(s);
    ASSERT_EQ(!e.has_value(), want == accepted) << "start_time: \"" << s << "\"";
    ASSERT_EQ(want == accepted, matches_start_time_regex(s)) << "reference disagreement: \"" << s << "\"";
    if (e) {
      ASSERT_EQ(e->offset, want) << "start_time: \"" << s << "\"";
      ASSERT_TRUE(times.empty());
    } else {
      ++start_accepted;
      ASSERT_EQ(times.size(), (s.size() + 1) / 6) << s;
      for (std::size_t k = 0; k < times.size(); ++k) {
        ASSERT_EQ(times[k].hour_offset, 6 * k) << s;
        ASSERT_EQ(times[k].minute_offset, 6 * k + 3) << s;
        ASSERT_EQ(times[k].hour, two(s, 6 * k)) << s;
        ASSERT_EQ(times[k].minute, two(s, 6 * k + 3)) << s;
      }
    }

    utc_offset z;
    std::optional<syntax_error> ez = parse_utc_offset(s, z);
    std::size_t const want_z = reference_utc_offset(s);
    ASSERT_EQ(!ez.has_value(), want_z == accepted) << "time_zone: \"" << s << "\"";
    ASSERT_EQ(want_z == accepted, matches_utc_regex(s)) << "reference disagreement: \"" << s << "\"";
    if (ez) {
      ASSERT_EQ(ez->offset, want_z) << "time_zone: \"" << s << "\"";
    } else {
      ++zone_accepted;
      int const sign = s[3] == '-' ? -1 : 1;
      ASSERT_EQ(z.total_minutes(), sign * static_cast<int>(two(s, 4) * 60 + two(s, 7))) << s;
    }
  }
  // The generator reaches both outcomes of both grammars (otherwise the test proves little).
  EXPECT_GT(start_accepted, 500u);
  EXPECT_GT(zone_accepted, 500u);
}

}  // namespace
