// The library's own way inside a validator, for its tests and fuzzers. Not installed.
#pragma once

#include "bpv/validator.hpp"

namespace bpv {

struct internal_access {
  /// On (the default): clean requests are accepted by rules/fast.cpp without the full rules.
  /// Off: every request goes through the full rules, which is what the fast path must agree with.
  static void use_fast_path(validator& v, bool on) noexcept;
  /// Whether the fast path answered the last request (perhaps with findings on members the API
  /// does not have), rather than the full rules.
  static bool answered_fast(const validator& v) noexcept;
};

}  // namespace bpv
