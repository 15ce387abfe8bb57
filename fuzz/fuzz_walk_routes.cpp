// The three routes of the JSON walk (src/json/walker.hpp) on every body: the document straight
// from simdjson's structural index, DOM's tape, and On-Demand must give the same document, node
// for node, or the same failure. The index route checks the grammar itself, so a body it took
// for JSON that is not would show here as a document against a failure. The first byte picks
// the depth limit (64, 1, 2 or 3), as deep limits take other routes.
#include "common.hpp"

#include "json/walker.hpp"

namespace {

using bpv::json::document;
using bpv::json::route;

bool same(const document& a, const document& b) {
  if (a.error.has_value() != b.error.has_value()) return false;
  if (a.error) {
    if (a.error->why != b.error->why || a.error->offset != b.error->offset || a.error->message != b.error->message)
      return false;
    // A failed walk keeps nodes only of a root that is JSON but not an object.
    if (a.error->why != bpv::json::failure::reason::not_object) return a.nodes.empty() && b.nodes.empty();
  }
  if (a.any_duplicate != b.any_duplicate || a.maybe_angle_brackets != b.maybe_angle_brackets ||
      a.nodes.size() != b.nodes.size())
    return false;
  for (std::size_t i = 0; i < a.nodes.size(); ++i)
    if (!(a.nodes[i] == b.nodes[i]) || a.nodes[i].is_member() != b.nodes[i].is_member()) {
      std::fprintf(stderr, "node %zu differs\n", i);
      return false;
    }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static bpv::json::walker automatic, dom, on_demand;  // reused, as a validator reuses its walker
  static document a, d, o;
  std::size_t const depths[] = {64, 1, 2, 3};
  bpv::json::walk_limits const limits{std::size_t{1} << 20, size == 0 ? 64 : depths[data[0] & 3]};
  std::string_view const body =
      size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
  automatic.walk(body, limits, a, route::automatic);
  dom.walk(body, limits, d, route::dom);
  on_demand.walk(body, limits, o, route::on_demand);
  FUZZ_CHECK(same(a, o));
  FUZZ_CHECK(same(d, o));
  return 0;
}
