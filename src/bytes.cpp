#include "bytes.hpp"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bpv::bytes {

#if defined(__SSE2__)
namespace {

__m128i load(const char* p) noexcept { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

}  // namespace
#endif

special find_special(std::string_view s) noexcept {
  // '<' (0x3C) and '>' (0x3E) are the bytes whose value with bit 1 set is 0x3E.
  special out;
  std::size_t i = 0;
#if defined(__SSE2__)
  // No branch on what the blocks hold; the last block overlaps the one before it rather than
  // read past the end.
  if (s.size() >= 16) {
    __m128i const backslash = _mm_set1_epi8('\\'), angle = _mm_set1_epi8(0x3E), bit1 = _mm_set1_epi8(0x02);
    __m128i esc = _mm_setzero_si128(), ang = _mm_setzero_si128();
    auto take = [&](const char* p) {
      __m128i const v = load(p);
      esc = _mm_or_si128(esc, _mm_cmpeq_epi8(v, backslash));
      ang = _mm_or_si128(ang, _mm_cmpeq_epi8(_mm_or_si128(v, bit1), angle));
    };
    for (; i + 16 <= s.size(); i += 16) take(s.data() + i);
    if (i < s.size()) take(s.data() + s.size() - 16);
    out.backslash = _mm_movemask_epi8(esc) != 0;
    out.angle_bracket = _mm_movemask_epi8(ang) != 0;
    return out;
  }
#endif
  for (; i < s.size(); ++i) {
    char const c = s[i];
    out.backslash |= c == '\\';
    out.angle_bracket |= (c | 0x02) == 0x3E;
  }
  return out;
}

std::size_t count(std::string_view s, char c) noexcept {
  std::size_t n = 0, i = 0;
#if defined(__SSE2__)
  // Each match subtracts -1 from its byte's counter; the counters are summed (SAD against
  // zero) before any can pass 255.
  __m128i const want = _mm_set1_epi8(c), zero = _mm_setzero_si128();
  while (i + 16 <= s.size()) {
    __m128i counters = zero;
    for (std::size_t blocks = 0; blocks < 255 && i + 16 <= s.size(); ++blocks, i += 16)
      counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(load(s.data() + i), want));
    __m128i const sums = _mm_sad_epu8(counters, zero);
    n += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) + static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; i < s.size(); ++i) n += s[i] == c;
  return n;
}

std::size_t after_nth(std::string_view s, char c, std::size_t n) noexcept {
  std::size_t i = 0;
#if defined(__SSE2__)
  __m128i const want = _mm_set1_epi8(c);
  for (; i + 16 <= s.size(); i += 16) {
    auto bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(load(s.data() + i), want)));
    for (; bits != 0; bits &= bits - 1)
      if (--n == 0) return i + static_cast<std::size_t>(__builtin_ctz(bits)) + 1;
  }
#endif
  for (; i < s.size(); ++i)
    if (s[i] == c && --n == 0) return i + 1;
  return std::string_view::npos;
}

}  // namespace bpv::bytes
