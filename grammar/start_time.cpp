// The start_time grammar in Spirit X3. The only translation unit that instantiates it.
#include "start_time.hpp"

#include "detail/expect.hpp"

namespace bpv::grammar {
namespace {

namespace x3 = boost::spirit::x3;
using detail::digit;
using detail::expect;
using detail::two_digits;

struct list_sink : detail::failure_note {
  const char* begin = nullptr;
  std::vector<clock_time>* out = nullptr;
};

// Remembers where each time starts; the values are read from the text once the whole list
// has matched (a failed parse discards everything).
auto const mark_time = [](auto& ctx) {
  auto& sink = detail::unwrap(x3::get<detail::sink_tag>(ctx));
  clock_time t;
  t.hour_offset = static_cast<std::size_t>(x3::_where(ctx).begin() - sink.begin);
  t.minute_offset = t.hour_offset + 3;
  static_cast<list_sink&>(sink).out->push_back(t);
};

auto const time = x3::eps[mark_time]                                         //
                  >> expect(digit, "expected a time in HH:mm form (two-digit hour)")  //
                  >> expect(digit, "expected a second hour digit (HH)")        //
                  >> expect(x3::lit(':'), "expected ':' between hour and minute")  //
                  >> expect(digit, "expected a two-digit minute (mm)")         //
                  >> expect(digit, "expected a second minute digit (mm)");

auto const start_times = time >> *(x3::lit(',') >> time)  //
                         >> expect(x3::eoi, "expected ',' or the end of the list");

}  // namespace

std::optional<syntax_error> parse_start_times(std::string_view text, std::vector<clock_time>& out) {
  out.clear();
  list_sink sink;
  sink.begin = text.data();
  sink.out = &out;
  const char* first = text.data();
  const char* const last = text.data() + text.size();
  bool const ok = detail::parse_with(start_times, first, last, sink);
  if (!ok) {
    out.clear();
    return sink.error_in(text, "expected a time in HH:mm form");
  }
  for (auto& t : out) {
    t.hour = two_digits(text.data() + t.hour_offset);
    t.minute = two_digits(text.data() + t.minute_offset);
  }
  return std::nullopt;
}

}  // namespace bpv::grammar
