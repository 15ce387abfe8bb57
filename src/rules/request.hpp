// The typed request: the members of the API found in the body, each a node of the walk
// (so with its place). Binding takes the first occurrence of each member; later ones are
// duplicates and reported as such.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "bpv/policy.hpp"
#include "bpv/validator.hpp"
#include "grammar/start_time.hpp"
#include "json/document.hpp"
#include "rules/findings.hpp"

namespace bpv::engine {

struct request {
  const json::node* backup_policy_name = nullptr;
  const json::node* scheduled_policy = nullptr;
  const json::node* time_zone = nullptr;
  // Members of scheduled_policy (bound only when it is an object).
  const json::node* start_time = nullptr;
  const json::node* frequency = nullptr;
  const json::node* week_frequency = nullptr;
  const json::node* rentention_num = nullptr;
  const json::node* rentention_day = nullptr;
  const json::node* remain_first_backup_of_curMonth = nullptr;
  const json::node* status = nullptr;

  /// Members that are not the API's (unknown, misplaced or near misses) in each object.
  bool others_in_root = false;
  bool others_in_scheduled_policy = false;

  bool has_api_member() const noexcept { return backup_policy_name || scheduled_policy || time_zone; }
};

request bind(const json::document& doc);

/// A member the fast path let through that the API does not have (fast.hpp).
struct other_member {
  bool in_scheduled_policy;
  std::string_view name;    ///< as written, which is its text: it has no escape
  std::size_t name_offset;  ///< its opening quote
};

/// Storage the checks reuse from one request to the next.
struct scratch {
  std::vector<grammar::clock_time> times;
  std::array<other_member, 8> others;  ///< the fast path lets through this many at most
  std::size_t other_count = 0;
};

/// The policy the service would store, for a request without errors: members of the API only,
/// precedence applied, rentention_day rounded down. Written into `p`, reusing its storage.
void effective_into(const json::document& doc, const request& req, policy& p);

}  // namespace bpv::engine
