// The start_time grammar in Spirit X3. The only translation unit that instantiates it.
#include "start_time.hpp"

#include "detail/expect.hpp"

namespace bpv::grammar {
namespace {

namespace x3 = boost::spirit::x3;
using detail::digit;
using detail::expect;
using detail::two_digits;

auto const time = expect(digit, "expected a time in HH:mm form (two-digit hour)")  //
                  >> expect(digit, "expected a second hour digit (HH)")        //
                  >> expect(x3::lit(':'), "expected ':' between hour and minute")  //
                  >> expect(digit, "expected a two-digit minute (mm)")         //
                  >> expect(digit, "expected a second minute digit (mm)");

auto const end_of_time = expect(x3::eoi, "expected ',' or the end of the list");
auto const start_times = time >> *(x3::lit(',') >> time) >> end_of_time;
auto const entry = time >> end_of_time;

}  // namespace

std::optional<syntax_error> parse_start_times(std::string_view text, std::vector<clock_time>& out) {
  out.clear();
  detail::failure_note sink;
  const char* first = text.data();
  const char* const last = text.data() + text.size();
  if (!detail::parse_with(start_times, first, last, sink)) return sink.error_in(text, "expected a time in HH:mm form");
  // The full match fixes the layout: "HH:mm" every six characters. Reading the values here,
  // rather than in a semantic action per time, keeps the grammar free of state.
  for (std::size_t at = 0; at + 5 <= text.size(); at += 6) {
    clock_time t;
    t.hour_offset = at;
    t.minute_offset = at + 3;
    t.hour = two_digits(text.data() + at);
    t.minute = two_digits(text.data() + at + 3);
    out.push_back(t);
  }
  return std::nullopt;
}

std::optional<syntax_error> parse_start_time_entry(std::string_view text, clock_time& out, unsigned& parts) {
  detail::failure_note sink;
  const char* first = text.data();
  const char* const last = text.data() + text.size();
  std::optional<syntax_error> error;
  if (!detail::parse_with(entry, first, last, sink)) error = sink.error_in(text, "expected a time in HH:mm form");
  // The grammar reads left to right: whatever lies before the break has matched it. A part is
  // well-formed when it is two digits between its delimiters: the hour once the break is past
  // the ':' after it ("250:00" has no hour of two digits), the minute only in an entry that
  // does not break at all ("12:300" and "12:30 " have no minute of two digits).
  parts = !error ? 2 : error->offset >= 3 ? 1 : 0;
  out = clock_time{};
  out.hour_offset = 0;
  out.minute_offset = 3;
  if (parts >= 1) out.hour = two_digits(text.data());
  if (parts >= 2) out.minute = two_digits(text.data() + 3);
  return error;
}

}  // namespace bpv::grammar
