// Round trip: for a valid body, the effective policy rendered by bpv::to_json(policy) is itself
// a valid body with no finding at all (only members of the API, nothing that precedence
// ignores), yields the same effective policy, and renders to the same JSON again.
#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view const body(reinterpret_cast<const char*>(data), size);
  bpv::validator v;
  bpv::report const first = v.validate(body);
  if (!first.valid) return 0;
  FUZZ_CHECK(first.effective.has_value());
  std::string const json = bpv::to_json(*first.effective);
  FUZZ_CHECK(json != "{}");  // a valid body holds at least one member of the API

  bpv::report const again = v.validate(json);
  if (!again.valid || !again.diagnostics.empty()) {
    std::fprintf(stderr, "effective policy %s: %zu findings, first %s\n", json.c_str(), again.diagnostics.size(),
                 again.diagnostics.empty() ? "" : std::string(again.diagnostics[0].rule).c_str());
  }
  FUZZ_CHECK(again.valid && again.diagnostics.empty());
  FUZZ_CHECK(again.effective == first.effective);
  FUZZ_CHECK(bpv::to_json(*again.effective) == json);
  return 0;
}
