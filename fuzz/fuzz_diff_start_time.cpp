// Differential: the X3 start_time grammar against reference.hpp. Same accept/reject, same
// times (values and offsets), same error offset.
#include <vector>

#include "common.hpp"
#include "grammar/start_time.hpp"
#include "reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<const char*>(data), size);
  std::vector<bpv::grammar::clock_time> got;
  std::vector<bpv::fuzz::reference::time> want;
  auto const e = bpv::grammar::parse_start_times(text, got);
  auto const r = bpv::fuzz::reference::start_times(text, want);
  FUZZ_CHECK(e.has_value() == !r.ok);
  if (e) {
    FUZZ_CHECK(e->offset == r.error_offset);
    FUZZ_CHECK(got.empty());
    return 0;
  }
  FUZZ_CHECK(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    FUZZ_CHECK(got[k].hour == want[k].hour);
    FUZZ_CHECK(got[k].minute == want[k].minute);
    FUZZ_CHECK(got[k].hour_offset == want[k].hour_offset);
    FUZZ_CHECK(got[k].minute_offset == want[k].minute_offset);
  }
  return 0;
}
