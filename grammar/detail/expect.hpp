// Private to grammar/*.cpp: the one place that includes Spirit X3 helpers shared by the grammars.
//
// `expect(p, "what")` matches p; when p fails it notes the position and what was expected in the
// parse's sink, and fails. Only the first note is kept. The grammars only ever backtrack out of
// an optional repetition (`*(',' >> time)`), and the failure that ends it is noted first, at
// the first character that breaks the syntax; later notes are further back and ignored.
// Unlike X3's `>`, nothing is thrown, so a bad value costs no more than a good one.
#pragma once

#include <functional>
#include <string_view>

#include <boost/spirit/home/x3.hpp>

#include "../syntax_error.hpp"

namespace bpv::grammar::detail {

namespace x3 = boost::spirit::x3;

struct sink_tag;

/// Where the first mismatch happened.
struct failure_note {
  const char* where = nullptr;
  std::string_view expected;

  void note(const char* at, std::string_view what) noexcept {
    if (where == nullptr) {
      where = at;
      expected = what;
    }
  }

  /// The error for a failed parse of `text`. Without a note, the mismatch came before any
  /// expectation: the start of the text, and `otherwise` as what was expected.
  syntax_error error_in(std::string_view text, std::string_view otherwise) const noexcept {
    if (where == nullptr) return syntax_error{0, otherwise};
    return syntax_error{static_cast<std::size_t>(where - text.data()), expected};
  }
};

template <class T>
T& unwrap(T& t) noexcept { return t; }
template <class T>
T& unwrap(std::reference_wrapper<T> t) noexcept { return t.get(); }

template <class Subject>
struct expect_parser : x3::unary_parser<Subject, expect_parser<Subject>> {
  using base_type = x3::unary_parser<Subject, expect_parser<Subject>>;
  static bool const is_pass_through_unary = true;

  constexpr expect_parser(Subject const& subject, std::string_view what) : base_type(subject), what(what) {}

  template <class Iterator, class Context, class RContext, class Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& ctx, RContext& rctx, Attribute& attr) const {
    if (this->subject.parse(first, last, ctx, rctx, attr)) return true;
    unwrap(x3::get<sink_tag>(ctx)).note(first, what);
    return false;
  }

  std::string_view what;
};

template <class Subject>
constexpr auto expect(Subject const& subject, std::string_view what) {
  return expect_parser<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(subject), what);
}

/// Runs `grammar` over [first, last) with `sink` as the sink_tag of the context. The grammar
/// is used in place: x3::parse with x3::with[...] would copy the whole parser (its literals and
/// character sets, hundreds of bytes) into a new expression on every call.
template <class Grammar, class Sink>
bool parse_with(Grammar const& grammar, const char*& first, const char* last, Sink& sink) {
  auto const ctx = x3::make_context<sink_tag>(sink);
  return grammar.parse(first, last, ctx, x3::unused, x3::unused);
}

/// ASCII digits only: non-ASCII digits and locale tricks are not part of these formats.
inline auto const digit = x3::char_('0', '9');

/// The value of two ASCII digits the grammar has matched.
inline unsigned two_digits(const char* p) noexcept {
  return static_cast<unsigned>(p[0] - '0') * 10 + static_cast<unsigned>(p[1] - '0');
}

}  // namespace bpv::grammar::detail
