// The fast path (src/rules/fast.cpp) against the full rules: it answers "clean" for them, so on
// every body, under the context and options the first two bytes choose (common.hpp), the
// validator with the fast path and the one without must give the same report, field for field.
// The third byte picks a profile, so that profiles and overrides meet the fast path too.
#include "common.hpp"
#include "internal_access.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bpv::fuzz::setup s = bpv::fuzz::decode(data, size);
  if (!s.body.empty()) {
    switch (static_cast<unsigned char>(s.body.front()) % 4) {
      case 1: s.opts.profile = bpv::profile::lenient; break;
      case 2: s.opts.overrides = {{"member.unknown", bpv::rule_level::error}}; break;
      case 3: s.opts.overrides = {{"week_frequency.ignored", bpv::rule_level::off}}; break;
      default: break;
    }
    s.body.remove_prefix(1);
  }
  bpv::validator fast(s.opts), full(s.opts);
  bpv::internal_access::use_fast_path(full, false);
  bpv::report const a = fast.validate(s.body, s.ctx);
  bpv::report const b = full.validate(s.body, s.ctx);
  FUZZ_CHECK(bpv::fuzz::same_report(a, b));
  FUZZ_CHECK(bpv::to_json(a, "-") == bpv::to_json(b, "-"));
  return 0;
}
