// UTF-8 facts shared by the JSON layer and the renderers. Private to the library.
#pragma once

#include <cstddef>
#include <string_view>

namespace bpv::utf8 {

/// Length (2 to 4) of the valid multi-byte sequence starting at s[i], or 0 when the bytes there
/// are not one (overlong forms, surrogates and code points beyond U+10FFFF are not). ASCII is
/// the caller's: a byte below 0x80 gives 0 too.
std::size_t sequence_length(std::string_view s, std::size_t i) noexcept;

/// Index of the first byte that is not part of valid UTF-8, or npos.
std::size_t first_invalid(std::string_view s) noexcept;

/// True for bytes that start a character (not continuation bytes).
constexpr bool is_lead(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

/// Characters (code points) in valid UTF-8.
std::size_t count_chars(std::string_view s) noexcept;

/// The code point starting at byte `i` of valid UTF-8.
char32_t decode(std::string_view s, std::size_t i) noexcept;

}  // namespace bpv::utf8
