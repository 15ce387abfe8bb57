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

/// The first place `body` breaks RFC 8259 JSON (UTF-8 included), or nothing if it is JSON.
std::optional<syntax_location> locate_syntax_error(std::string_view body);

}  // namespace bpv::json
