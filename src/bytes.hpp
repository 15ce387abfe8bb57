// Passes over bytes that a body's size makes hot: sixteen bytes at a time with SSE2 (in every
// x86-64), a byte at a time elsewhere. None reads a byte outside the view it is given (the
// body is the caller's, unpadded). Private to the library.
#pragma once

#include <cstddef>
#include <string_view>

namespace bpv::bytes {

/// Which bytes that change how strings are read a body has: a '\' (an escape, or a syntax
/// error outside strings), a '<' or a '>' (a finding of their own).
struct special {
  bool backslash = false;
  bool angle_bracket = false;
};
special find_special(std::string_view s) noexcept;

/// How many bytes of `s` are `c`.
std::size_t count(std::string_view s, char c) noexcept;

/// The index just past the n-th `c` of `s` (n >= 1), or std::string_view::npos when `s` has
/// fewer.
std::size_t after_nth(std::string_view s, char c, std::size_t n) noexcept;

}  // namespace bpv::bytes
