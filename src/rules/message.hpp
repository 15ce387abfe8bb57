// A finding's message as its parts, written out only when the finding is kept, into a string
// the findings reuse from request to request: a finding left out by the cap costs no text, and
// a kept one no allocation once the strings have grown. say("a", n, quote{text}, "b") reads as
// the sentence it makes.
#pragma once

#include <charconv>
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace bpv::engine {

/// A value shown in quotes, with '"', '\' and control characters escaped as in JSON (C1 controls,
/// U+2028, U+2029 and the bidirectional formatting characters too: escape::is_hidden), long text
/// shortened (see append_quoted).
struct quote {
  std::string_view text;
};

/// Appends `text` quoted: at most 48 characters shown, then "...".
void append_quoted(std::string& out, std::string_view text);

namespace detail {

inline void append_part(std::string& out, std::string_view s) { out += s; }
inline void append_part(std::string& out, char c) { out += c; }
inline void append_part(std::string& out, quote q) { append_quoted(out, q.text); }
template <std::integral I>
  requires(!std::same_as<I, char> && !std::same_as<I, bool>)
void append_part(std::string& out, I v) {
  char digits[24];
  auto const r = std::to_chars(digits, digits + sizeof digits, v);
  out.append(digits, r.ptr);
}
/// Other parts say how they are written: a member `void append_to(std::string&) const`.
template <class P>
  requires requires(const P& p, std::string& s) { p.append_to(s); }
void append_part(std::string& out, const P& p) {
  p.append_to(out);
}

// Parts are kept by value: text as views (literals and names outlive the finding's making).
template <class P>
auto keep(P&& p) {
  using T = std::remove_cvref_t<P>;
  if constexpr (std::is_convertible_v<P, std::string_view> && !std::is_same_v<T, std::string>) {
    return std::string_view(p);
  } else if constexpr (std::is_same_v<T, std::string>) {
    static_assert(!std::is_same_v<T, std::string>, "pass a view, or a part type that writes itself");
  } else {
    return T(std::forward<P>(p));
  }
}

}  // namespace detail

template <class... P>
class message {
 public:
  explicit message(P... parts) : parts_(std::move(parts)...) {}
  /// Appends the sentence to `out`.
  void write(std::string& out) const {
    std::apply([&](const auto&... p) { (detail::append_part(out, p), ...); }, parts_);
  }

 private:
  std::tuple<P...> parts_;
};

template <class... P>
auto say(P&&... parts) {
  return message<decltype(detail::keep(std::forward<P>(parts)))...>(detail::keep(std::forward<P>(parts))...);
}

}  // namespace bpv::engine
