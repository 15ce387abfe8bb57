// What a grammar says when its text does not match: where, and what it expected there.
#pragma once

#include <cstddef>
#include <string_view>

namespace bpv::grammar {

struct syntax_error {
  std::size_t offset;         ///< index into the parsed text of the first character that breaks the syntax
  std::string_view expected;  ///< what would have been accepted there (static storage)
};

}  // namespace bpv::grammar
