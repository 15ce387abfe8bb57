// Explaining a syntax error: where a body stops being JSON, and what was expected there.
// Used only after simdjson has refused a body (simdjson decides; this only points), so it is
// written for clarity, not speed. Iterative: no recursion on deep nesting.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bpv::json {

struct syntax_location {
  std::size_t offset;    ///< the first byte that breaks RFC 8259 (body.size() when it ends early;
                         ///< the opening quote of a string that is never closed)
  std::string message;   ///< what is wrong there, e.g. "expected ',' or '}' after a member"
};

/// RFC 8259's number, -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, from s[i]. On a
/// match `i` is just past it and nothing is returned; otherwise `i` is at the first byte that
/// breaks it and what was expected there is returned. The one number grammar of the JSON layer.
std::optional<std::string_view> scan_number(std::string_view s, std::size_t& i) noexcept;

/// The first place `body` breaks RFC 8259 JSON (UTF-8 included), or nothing if it is JSON.
std::optional<syntax_location> locate_syntax_error(std::string_view body);

}  // namespace bpv::json
