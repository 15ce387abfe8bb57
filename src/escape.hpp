// Writing characters that must not appear raw. Private to the library.
#pragma once

#include <string>

namespace bpv::escape {

inline constexpr char hex_digits[] = "0123456789ABCDEF";

/// Appends the JSON escape \u00XX of a byte below 0x80 (a control character).
inline void append_u00(std::string& out, unsigned char c) {
  out += "\\u00";
  out += hex_digits[c >> 4];
  out += hex_digits[c & 15];
}

/// Appends `value` in upper-case hex, at least `min_digits` digits.
inline void append_hex(std::string& out, unsigned long value, int min_digits) {
  int digits = 1;
  while (digits < 8 && (value >> (4 * digits)) != 0) ++digits;
  if (digits < min_digits) digits = min_digits;
  for (int k = digits - 1; k >= 0; --k) out += hex_digits[(value >> (4 * k)) & 15];
}

/// Control characters: C0 and DEL.
constexpr bool is_control(unsigned char c) noexcept { return c < 0x20 || c == 0x7F; }

/// C1 controls (U+0080 to U+009F, NEL among them) and the line and paragraph separators
/// (U+2028, U+2029): valid raw in JSON and in UTF-8 text, but many line readers (Python's
/// splitlines, JavaScript before ES2019, some terminals) end a line at NEL, U+2028 and U+2029,
/// and C1 controls drive terminals as C0 do. The renderers write them as escapes.
constexpr bool is_c1_or_separator(char32_t cp) noexcept {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

/// Characters a person should see as escapes rather than have a display act on: C1 controls
/// and the line and paragraph separators (above), and the bidirectional formatting characters
/// (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which reorder what is shown around
/// them and could make a message or report read otherwise than it says.
constexpr bool is_hidden(char32_t cp) noexcept {
  return is_c1_or_separator(cp) || cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

/// The lead bytes of every character is_hidden() holds (C2: C1 controls; D8: U+061C; E2: the
/// U+2000 block): text without them has none, which a byte-wise look can tell.
constexpr bool may_start_hidden(unsigned char c) noexcept { return c == 0xC2 || c == 0xD8 || c == 0xE2; }

/// Appends the JSON escape \uXXXX of a code point of the Basic Multilingual Plane.
inline void append_u(std::string& out, char32_t cp) {
  out += "\\u";
  append_hex(out, cp, 4);
}

}  // namespace bpv::escape
