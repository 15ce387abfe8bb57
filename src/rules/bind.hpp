// Binding the typed request (rules/request.hpp) to a body, in one of two readings.
#pragma once

#include <cstddef>
#include <vector>

#include "json/document.hpp"
#include "json/member_names.hpp"
#include "json/structure.hpp"
#include "rules/request.hpp"

namespace bpv::engine {

/// The request of a walked document (any body that is a JSON object).
void bind(const json::document& doc, request& out);

/// What bind_index() keeps from one body to the next.
struct index_scratch {
  std::vector<json::member_names> names;  ///< one per object level being read
  struct frame {
    bool object;
    std::uint32_t items;
  };
  std::vector<frame> open;  ///< containers being stepped over
  /// Why the last bind_index() returned false: true when the body is one JSON object within
  /// the depth limit that needs the document all the same (a name repeated below what it
  /// knows, with `angles` an angle bracket there); false when it is not JSON, or nests too
  /// deep, which no document mends.
  bool wants_document = false;
};

/// The request straight from simdjson's structural index of a body: no document, no second
/// stage. The first stage has checked UTF-8 and found the strings; this checks the rest of
/// JSON's grammar as it goes (each ':' and ',', brackets that match, each scalar's whole text,
/// one object and nothing after it) and counts depth against `max_depth`. Strings are taken as
/// written, so the caller must know that the body has no '\' (see the validator). Repeated
/// names of the root and scheduled_policy are marked (request::marks); with `angles`, so are
/// '<' and '>' in the names and strings whose path it knows (members of those two objects,
/// items of week_frequency). False when the body needs the document instead: a syntax error,
/// nesting beyond the limit, a name repeated deeper, with `angles` one of them deeper, so that
/// whatever is wrong is said by the walk that says it now; `sc.wants_document` tells which.
bool bind_index(const json::structure& s, std::size_t max_depth, request& out, index_scratch& sc,
                bool angles = false);

}  // namespace bpv::engine
