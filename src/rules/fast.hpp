// Fast acceptance: answers "is this request clean?" straight from simdjson's structural index, for the
// requests that make up most traffic. Clean means the full rules (check.cpp) would find
// nothing at all (no error, no warning, no note) but what other_members() finds on members the
// API does not have, which the fast path lists. When in doubt it says no, and the validator
// runs the full rules, which then say what there is; so it can cost time, never a finding.
// Tests and a fuzz target compare the two on every input they have.
#pragma once

#include "bpv/policy.hpp"
#include "bpv/validator.hpp"
#include "json/document.hpp"
#include "json/structure.hpp"
#include "rules/request.hpp"

namespace bpv::engine {

/// True when the request whose body simdjson's first stage indexed into `s` is clean under
/// `ctx`, but perhaps for members the API does not have (their findings are other_members'
/// alone: each is listed in `sc.others`); then `effective` holds the policy the service would
/// store (unspecified when false).
bool fast_accept(const json::structure& s, const context& ctx, std::size_t max_depth, scratch& sc, policy& effective);

/// The findings on the members `sc.others` lists, made by other_members() as the full rules
/// make them, on a document of just those members (written into `doc`, which `out` reads the
/// paths from): the root, scheduled_policy when some are inside it, and each member.
void other_findings(const scratch& sc, json::document& doc, findings& out);

}  // namespace bpv::engine
