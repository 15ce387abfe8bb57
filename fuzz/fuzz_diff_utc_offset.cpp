// Differential: the X3 time_zone grammar against reference.hpp. Same accept/reject, same
// value, same error offset.
#include "common.hpp"
#include "grammar/utc_offset.hpp"
#include "reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<const char*>(data), size);
  bpv::grammar::utc_offset got;
  bpv::fuzz::reference::offset want;
  auto const e = bpv::grammar::parse_utc_offset(text, got);
  auto const r = bpv::fuzz::reference::utc_offset(text, want);
  FUZZ_CHECK(e.has_value() == !r.ok);
  if (e) {
    FUZZ_CHECK(e->offset == r.error_offset);
    return 0;
  }
  FUZZ_CHECK(got.sign == want.sign);
  FUZZ_CHECK(got.hours == want.hours);
  FUZZ_CHECK(got.minutes == want.minutes);
  FUZZ_CHECK(got.hour_offset == 4 && got.minute_offset == 7);
  FUZZ_CHECK(got.total_minutes() == want.sign * static_cast<int>(want.hours * 60 + want.minutes));
  return 0;
}
