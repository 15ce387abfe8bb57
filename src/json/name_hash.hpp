// The hash of the table that finds repeated member names (json/member_names.hpp). The names are
// a body's, so whoever sends it chooses them: with a hash anyone can compute, such as
// std::hash (libstdc++'s Murmur with a fixed seed), a megabyte of distinct names that all hash
// alike made the table quadratic (seconds a body). SipHash (Aumasson and Bernstein, 2012) with
// a key drawn when the process first needs it cannot be steered that way without the key.
// Private to the library.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace bpv::json {

struct sip_key {
  std::uint64_t k0 = 0, k1 = 0;
};

/// SipHash-C-D of `in` under `key` (C rounds a word, D at the end), as its paper defines it:
/// the 8-byte words are read little-endian whatever the machine.
template <int C, int D>
std::uint64_t siphash(const sip_key& key, std::string_view in) noexcept {
  std::uint64_t v0 = 0x736f6d6570736575ULL ^ key.k0;
  std::uint64_t v1 = 0x646f72616e646f6dULL ^ key.k1;
  std::uint64_t v2 = 0x6c7967656e657261ULL ^ key.k0;
  std::uint64_t v3 = 0x7465646279746573ULL ^ key.k1;
  auto rounds = [&](int n) {
    for (int i = 0; i < n; ++i) {
      v0 += v1;
      v1 = std::rotl(v1, 13);
      v1 ^= v0;
      v0 = std::rotl(v0, 32);
      v2 += v3;
      v3 = std::rotl(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = std::rotl(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = std::rotl(v1, 17);
      v1 ^= v2;
      v2 = std::rotl(v2, 32);
    }
  };
  auto absorb = [&](std::uint64_t m) {
    v3 ^= m;
    rounds(C);
    v0 ^= m;
  };
  std::size_t const whole = in.size() & ~std::size_t{7};
  for (std::size_t i = 0; i < whole; i += 8) {
    std::uint64_t m;
    std::memcpy(&m, in.data() + i, 8);
    if constexpr (std::endian::native == std::endian::big) m = __builtin_bswap64(m);
    absorb(m);
  }
  std::uint64_t last = static_cast<std::uint64_t>(in.size()) << 56;
  for (std::size_t i = whole; i < in.size(); ++i)
    last |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * (i - whole));
  absorb(last);
  v2 ^= 0xff;
  rounds(D);
  return v0 ^ v1 ^ v2 ^ v3;
}

/// This process's key, drawn from std::random_device on first use (json/walker.cpp asks for it
/// as the program starts, so that no request pays for it).
const sip_key& name_hash_key();

/// The hash of a member name: SipHash-1-3 (the rounds Rust's and Python's tables settled on)
/// under the process's key.
inline std::uint64_t name_hash(std::string_view name) noexcept { return siphash<1, 3>(name_hash_key(), name); }

}  // namespace bpv::json
