// The time_zone grammar in Spirit X3. The only translation unit that instantiates it.
#include "utc_offset.hpp"

#include "detail/expect.hpp"

namespace bpv::grammar {
namespace {

namespace x3 = boost::spirit::x3;
using detail::digit;
using detail::expect;
using detail::two_digits;

// "UTC" is matched letter by letter so that "UTx+08:00" is reported at the 'x'.
auto const utc_offset_rule = expect(x3::lit('U'), "expected 'UTC' (upper case) at the start")  //
                             >> expect(x3::lit('T'), "expected 'UTC' (upper case) at the start")  //
                             >> expect(x3::lit('C'), "expected 'UTC' (upper case) at the start")  //
                             >> expect(x3::char_("+-"), "expected '+' or '-' after 'UTC'")      //
                             >> expect(digit, "expected a two-digit hour (HH)")                 //
                             >> expect(digit, "expected a second hour digit (HH)")              //
                             >> expect(x3::lit(':'), "expected ':' between hours and minutes")  //
                             >> expect(digit, "expected a two-digit minute (mm)")               //
                             >> expect(digit, "expected a second minute digit (mm)")            //
                             >> expect(x3::eoi, "expected the end of the time zone after UTC±HH:mm");

}  // namespace

std::optional<syntax_error> parse_utc_offset(std::string_view text, utc_offset& out) {
  detail::failure_note sink;
  const char* first = text.data();
  const char* const last = text.data() + text.size();
  bool const ok = detail::parse_with(utc_offset_rule, first, last, sink);
  if (!ok) return sink.error_in(text, "expected UTC+HH:mm or UTC-HH:mm");
  // The full match fixes the layout: "UTC" sign HH ":" mm.
  out.sign = text[3] == '-' ? -1 : +1;
  out.hour_offset = 4;
  out.minute_offset = 7;
  out.hours = two_digits(text.data() + 4);
  out.minutes = two_digits(text.data() + 7);
  return std::nullopt;
}

}  // namespace bpv::grammar
