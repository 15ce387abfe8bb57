// The time_zone grammar alone (full match, fixed layout), then the same text as time_zone in a
// body: a syntax finding at the byte where the grammar's error is; else a range finding for each
// part that breaks a rule on its own, the minute beyond 59 (at the minute) and the hour beyond
// the civil zones whatever the minute (at the hour), or, with a valid minute, for an offset
// outside -12:00..+14:00 (at the hour); else valid (decisions.md, read independently of
// src/rules).
#include "common.hpp"
#include "grammar/utc_offset.hpp"

#include <optional>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<const char*>(data), size);
  bpv::grammar::utc_offset z;
  auto const e = bpv::grammar::parse_utc_offset(text, z);
  if (e) {
    FUZZ_CHECK(e->offset <= text.size());
    FUZZ_CHECK(!e->expected.empty());
  } else {
    FUZZ_CHECK(text.size() == 9 && text.starts_with("UTC"));
    FUZZ_CHECK(z.sign == (text[3] == '-' ? -1 : +1));
    FUZZ_CHECK(z.hours <= 99 && z.minutes <= 99);
  }

  if (!bpv::fuzz::is_ascii(text)) return 0;  // the body's offsets are computed for ASCII only
  auto const em = bpv::fuzz::embed(R"({"time_zone":)", text, "}");
  bpv::validator v;
  bpv::report const r = v.validate(em.body);
  auto at = [&](std::size_t i) { return std::optional<std::size_t>(em.at(text, i)); };
  const bpv::diagnostic* syntax = bpv::fuzz::find(r, "time_zone.syntax");
  std::vector<std::optional<std::size_t>> ranges;  // the range findings' offsets, in report order
  for (const auto& d : r.diagnostics)
    if (d.rule == "time_zone.range") ranges.push_back(d.offset);
  if (e) {
    FUZZ_CHECK(syntax != nullptr && syntax->offset == at(e->offset) && syntax->path == "/time_zone");
    FUZZ_CHECK(ranges.empty() && !r.valid);
    return 0;
  }
  FUZZ_CHECK(syntax == nullptr);
  auto outside = [](int minutes) { return minutes < -12 * 60 || minutes > 14 * 60; };
  int const hour_alone = z.sign * static_cast<int>(z.hours * 60);
  int const total = hour_alone + z.sign * static_cast<int>(z.minutes);
  std::vector<std::optional<std::size_t>> expected;
  if (outside(hour_alone) || (z.minutes <= 59 && outside(total))) expected.push_back(at(4));
  if (z.minutes > 59) expected.push_back(at(7));
  if (!expected.empty()) {
    FUZZ_CHECK(ranges == expected && !r.valid);
  } else {
    FUZZ_CHECK(r.valid && r.diagnostics.empty());
    FUZZ_CHECK(r.effective->time_zone == std::optional<std::string>(text));
  }
  return 0;
}
