// Explaining a syntax error: where a body stops being JSON, and what was expected there.
// Used only after simdjson has refused a body (simdjson decides; this only points), so it is
// written for clarity, not speed. Iterative: no recursion on deep nesting.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace bpv::json {

struct syntax_location {
  std::size_t offset;    ///< the first byte that breaks RFC 8259 (body.size() when it ends early;
                         ///< the opening quote of a string that is never closed)
  /// What is wrong there, `message` then `detail` (static text: locating allocates nothing),
  /// e.g. "the body ends early: " and "expected ',' or '}' after a member".
  std::string_view message;
  std::string_view detail = {};
  bool too_deep = false; ///< the root object nests past the depth limit here (`offset`: the bracket
                         ///< that opens the level too many), before any other problem; the
                         ///< walk words it, as it words its own depth limit
  /// Where reading found the problem when that is not `offset`: the end of the body, for a
  /// string never closed. What decides which of two problems comes first.
  std::size_t found_at = static_cast<std::size_t>(-1);
  std::size_t found() const noexcept { return found_at != static_cast<std::size_t>(-1) ? found_at : offset; }
};

/// RFC 8259's number, -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, from s[i]. On a
/// match `i` is just past it and nothing is returned; otherwise `i` is at the first byte that
/// breaks it and what was expected there is returned. The one number grammar of the JSON layer.
std::optional<std::string_view> scan_number(std::string_view s, std::size_t& i) noexcept;

/// The first place `body` breaks RFC 8259 JSON (UTF-8 included), or nothing if it is JSON. With
/// a depth limit, a root object that nests past it before any such place is the first problem
/// (reading stops where it would: the bracket that opens the level too many); a root that is not
/// an object is "not an object" however deep, so its depth is not counted. `stack` is the
/// caller's storage for the open brackets (cleared first, kept: a caller that keeps it makes
/// locating allocate nothing once it has seen a body as deep).
std::optional<syntax_location> locate_syntax_error(std::string_view body, std::vector<char>& stack,
                                                   std::size_t max_depth = static_cast<std::size_t>(-1));

}  // namespace bpv::json
