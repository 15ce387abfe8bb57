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

}  // namespace bpv::escape
