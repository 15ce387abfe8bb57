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

auto const start_times = time >> *(x3::lit(',') >> time)  //
                         >> expect(x3::eoi, "expected ',' or the end of the list");

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

}  // namespace bpv::grammar
