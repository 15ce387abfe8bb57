// One pass over a request body with simdjson On-Demand, building a json::document.
// Private to the library; simdjson stays behind this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "json/document.hpp"
#include "json/structure.hpp"

namespace bpv::json {

struct walk_limits {
  std::size_t max_body_bytes;
  std::size_t max_depth;
};

/// How the body is read. Every route gives the same document; `automatic` is the fast one.
enum class route : std::uint8_t {
  /// For a body without escapes, the document straight from the structural index of
  /// simdjson's first stage (its kernels are chosen at run time). Otherwise, or when that
  /// reading stops (a syntax error, nesting beyond the limit), the `dom` route.
  automatic,
  /// simdjson's DOM parser with the byte offsets of its structural index; the On-Demand walk
  /// for whatever DOM refuses (syntax errors, to locate them; numbers beyond 64 bits, which
  /// JSON allows), and for nesting beyond the limit.
  dom,
  /// The On-Demand walk alone (what the others fall back to).
  on_demand,
};

/// Reusable: keeps the parser, the padded copy of the input and its scratch space.
class walker {
 public:
  walker();
  ~walker();
  walker(walker&&) noexcept;
  walker& operator=(walker&&) noexcept;

  /// Reads `body` into `out`. Rejects what is not one JSON object (a blank body included):
  /// syntax errors, trailing content, invalid UTF-8, lone surrogates, nesting beyond
  /// max_depth, bodies beyond max_body_bytes. Every value is read, so nothing is left
  /// unvalidated. Duplicate member names (after unescaping) are marked, not rejected. A body
  /// that is JSON but not an object keeps the nodes of its array or string beside that failure
  /// (when it has a '<', '>', '\' or an object, and nests within max_depth), for the rules
  /// that hold anywhere; any other failure keeps none.
  /// Never recurses, never throws except std::bad_alloc.
  void walk(std::string_view body, const walk_limits& limits, document& out, route how = route::automatic);

  /// The same in two steps, so that a caller can look at the body between them. index() runs
  /// simdjson's first stage over the body where it lies (no copy; over a padded copy on
  /// simdjson's scalar fallback kernel, which reads past the end); it returns the structural
  /// index when that stage read a non-empty body within the size limit (a grammar error may
  /// remain: the first stage does not look for one), else nothing. build() then copies the
  /// body (if index() has not) and makes its document. The body must stay alive until build();
  /// the index, until the next index(). `broken`: the caller has read the index and found the
  /// body not JSON (or nested too deep), so the document is not read from the index, which
  /// would make a node of every value before the break; simdjson's DOM refuses such a body at
  /// once, and the walk that locates the break follows.
  std::optional<json::structure> index(std::string_view body, const walk_limits& limits);
  void build(document& out, bool broken = false);
  /// Which route made the last document: `automatic` when the structural index alone did,
  /// `dom` for DOM's tape, `on_demand` for the On-Demand walk. For tests: each route gives the
  /// same document, so only this tells a route that gave up early from one that did not.
  route made_by() const noexcept;

  /// Brings each buffer back to about what a body of `body_bytes` needs (after a larger one;
  /// see storage.hpp). The document last made and the index must not be read after it.
  void give_back(std::size_t body_bytes);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// True when `body` has nothing but JSON white space.
bool is_blank(std::string_view body) noexcept;

/// RFC 8259 number syntax: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
bool is_json_number(std::string_view text) noexcept;

/// A whole JSON scalar other than a string: a number, true, false or null.
bool is_json_scalar(std::string_view text) noexcept;

/// Maps an index into a string's unescaped text to the byte of the raw text (between the
/// quotes) where that character's source starts: a plain byte, or the '\' of its escape.
std::size_t raw_index_of(std::string_view raw, std::size_t unescaped_index) noexcept;

}  // namespace bpv::json
