// The library's own way inside a validator, for its tests and fuzzers. Not installed.
#pragma once

#include "bpv/validator.hpp"

namespace bpv {

struct internal_access {
  /// On (the default): a body that allows it is read straight from simdjson's structural index
  /// (rules/bind.hpp, bind_index). Off: every body is read through the walked document, which is
  /// what the index reading must agree with.
  static void use_index_route(validator& v, bool on) noexcept;
  /// Whether the last request was read from the structural index, rather than the document.
  static bool answered_from_index(const validator& v) noexcept;
  /// How many nodes the validator's document has room for: as many as the largest document it
  /// has made (its storage is kept), so what a fresh validator has made so far.
  static std::size_t document_room(const validator& v) noexcept;
};

}  // namespace bpv
