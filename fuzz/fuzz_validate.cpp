// The whole validator on any bytes: the first two bytes choose the context and options
// (common.hpp), the rest is the body. Every report keeps its invariants, a validator reused
// after another body gives the same report as a fresh one, and effective_policy changes
// nothing but the policy.
#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bpv::fuzz::setup const s = bpv::fuzz::decode(data, size);
  bpv::validator v(s.opts);
  bpv::report const fresh = v.validate(s.body, s.ctx);
  bpv::fuzz::check_report(fresh, s, v.rules());

  // Reused after a valid body with a policy and a warning: nothing of it stays.
  bpv::report reused = v.validate(R"({"time_zone":"UTC+01:00","x":1})", s.ctx);
  v.validate(s.body, s.ctx, reused);
  FUZZ_CHECK(bpv::fuzz::same_report(fresh, reused));

  bpv::fuzz::setup flipped = s;
  flipped.opts.effective_policy = !s.opts.effective_policy;
  bpv::validator w(flipped.opts);
  bpv::report other = w.validate(s.body, s.ctx);
  bpv::fuzz::check_report(other, flipped, w.rules());
  bpv::report same = fresh;
  same.effective.reset();
  other.effective.reset();
  FUZZ_CHECK(bpv::fuzz::same_report(same, other));
  return 0;
}
