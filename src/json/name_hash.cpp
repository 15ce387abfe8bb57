#include "json/name_hash.hpp"

#include <chrono>
#include <random>

namespace bpv::json {

const sip_key& name_hash_key() {
  static const sip_key key = [] {
    sip_key k;
    try {
      std::random_device device;
      auto word = [&] { return (static_cast<std::uint64_t>(device()) << 32) ^ device(); };
      k.k0 = word();
      k.k1 = word();
    } catch (...) {
      // No source of randomness (std::random_device may throw where it has none): what differs
      // from one process to the next, which is still no key a body can be written against in
      // advance.
      auto const now = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
      k.k0 = now ^ reinterpret_cast<std::uintptr_t>(&k);
      k.k1 = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()) * 0x9e3779b97f4a7c15ULL;
    }
    return k;
  }();
  return key;
}

}  // namespace bpv::json
