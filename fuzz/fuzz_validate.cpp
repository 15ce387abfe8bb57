// The whole validator on any bytes: the first two bytes choose the context and options
// (common.hpp), the rest is the body. Every report keeps its invariants, and a validator
// reused after another body gives the same report as a fresh one.
#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bpv::fuzz::setup const s = bpv::fuzz::decode(data, size);
  bpv::validator v(s.opts);
  bpv::report const fresh = v.validate(s.body, s.ctx);
  bpv::fuzz::check_report(fresh, s, v.rules());

  bpv::report reused = v.validate(R"({"scheduled_policy":{"frequency":99},"x":1})", s.ctx);
  v.validate(s.body, s.ctx, reused);
  FUZZ_CHECK(bpv::fuzz::same_report(fresh, reused));
  return 0;
}
