// The start_time grammar alone (its promises: full match, times every 6 characters, nothing
// kept on failure), then the same text as start_time in a body: the validator's finding sits
// at the byte where the grammar's error or the bad part starts, a list of full hours in
// ascending order is valid, and a list that breaks the syntax has, entry by entry, exactly the
// findings decisions.md gives it (read independently of src/rules, with fuzz/reference.hpp's
// plain parser for each entry).
#include <algorithm>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "common.hpp"
#include "grammar/start_time.hpp"
#include "reference.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<const char*>(data), size);
  std::vector<bpv::grammar::clock_time> times;
  auto const e = bpv::grammar::parse_start_times(text, times);
  if (e) {
    FUZZ_CHECK(e->offset <= text.size());
    FUZZ_CHECK(!e->expected.empty());
    FUZZ_CHECK(times.empty());
  } else {
    FUZZ_CHECK(times.size() == (text.size() + 1) / 6);
    for (std::size_t k = 0; k < times.size(); ++k) {
      FUZZ_CHECK(times[k].hour_offset == 6 * k && times[k].minute_offset == 6 * k + 3);
      FUZZ_CHECK(times[k].hour <= 99 && times[k].minute <= 99);
    }
  }

  if (!bpv::fuzz::is_ascii(text)) return 0;  // the body's offsets are computed for ASCII only
  auto const em = bpv::fuzz::embed(R"({"scheduled_policy":{"week_frequency":["MON"],"start_time":)", text, "}}");
  bpv::validator v;
  bpv::report const r = v.validate(em.body);
  auto at = [&](std::size_t i) { return std::optional<std::size_t>(em.at(text, i)); };
  if (std::count(text.begin(), text.end(), ',') >= 24) {
    FUZZ_CHECK(bpv::fuzz::find(r, "start_time.count") != nullptr);
    FUZZ_CHECK(!r.valid);
    return 0;
  }
  const bpv::diagnostic* syntax = bpv::fuzz::find(r, "start_time.syntax");
  if (e) {
    FUZZ_CHECK(syntax != nullptr && syntax->offset == at(e->offset));
    FUZZ_CHECK(syntax->path == "/scheduled_policy/start_time");
    FUZZ_CHECK(!r.valid);
    // Entry by entry (what the commas separate): its first breaking character, an hour of two
    // digits before its ':' above 23, and in an entry that is a time a minute other than 00.
    std::vector<std::pair<std::string_view, std::optional<std::size_t>>> want, got;
    for (std::size_t begin = 0;;) {
      std::size_t const comma = text.find(',', begin);
      std::string_view const entry = text.substr(begin, (comma == std::string_view::npos ? text.size() : comma) - begin);
      std::vector<bpv::fuzz::reference::time> one;
      auto const res = bpv::fuzz::reference::start_times(entry, one);
      auto const digit = [&](std::size_t i) { return entry[i] >= '0' && entry[i] <= '9'; };
      bool const hour = entry.size() >= 3 && digit(0) && digit(1) && entry[2] == ':';
      if (hour && (entry[0] - '0') * 10 + (entry[1] - '0') > 23) want.emplace_back("start_time.hour", at(begin));
      if (res.ok && one.front().minute != 0) want.emplace_back("start_time.full_hour", at(begin + 3));
      if (!res.ok) want.emplace_back("start_time.syntax", at(begin + res.error_offset));
      if (comma == std::string_view::npos) break;
      begin = comma + 1;
    }
    for (const auto& d : r.diagnostics)  // ('<' and '>' have a rule of their own)
      if (d.path == "/scheduled_policy/start_time" && d.rule.starts_with("start_time.")) got.emplace_back(d.rule, d.offset);
    auto const by_place = [](const auto& a, const auto& b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); };
    std::sort(want.begin(), want.end(), by_place);
    std::sort(got.begin(), got.end(), by_place);
    FUZZ_CHECK(want == got);
    return 0;
  }
  FUZZ_CHECK(syntax == nullptr);
  bool ascending = true;
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (times[k].hour > 23) {
      const bpv::diagnostic* d = bpv::fuzz::find(r, "start_time.hour");
      FUZZ_CHECK(d != nullptr && !r.valid);
    }
    if (times[k].minute != 0) {
      const bpv::diagnostic* d = bpv::fuzz::find(r, "start_time.full_hour");
      FUZZ_CHECK(d != nullptr && !r.valid);
    }
    if (k > 0 && times[k].hour <= times[k - 1].hour) ascending = false;
  }
  bool const all_full_hours = std::all_of(times.begin(), times.end(), [](const auto& t) { return t.hour <= 23 && t.minute == 0; });
  FUZZ_CHECK(r.valid == (all_full_hours && ascending));
  if (r.valid) FUZZ_CHECK(r.effective->scheduled_policy->start_time == std::optional<std::string>(text));
  // The first bad part is reported where it starts.
  for (const auto& t : times) {
    if (t.hour > 23) {
      FUZZ_CHECK(bpv::fuzz::find(r, "start_time.hour")->offset == at(t.hour_offset));
      break;
    }
  }
  for (const auto& t : times) {
    if (t.minute != 0) {
      FUZZ_CHECK(bpv::fuzz::find(r, "start_time.full_hour")->offset == at(t.minute_offset));
      break;
    }
  }
  return 0;
}
