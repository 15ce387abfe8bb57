// Fast acceptance: answers "is this request clean?" straight from simdjson's DOM tape, for the
// requests that make up most traffic. Clean means the full rules (check.cpp) would find
// nothing at all: no error, no warning, no note. When in doubt it says no, and the validator
// runs the full rules, which then say what there is; so it can cost time, never a finding.
// Tests and a fuzz target compare the two on every input they have.
#pragma once

#include "bpv/policy.hpp"
#include "bpv/validator.hpp"
#include "json/tape.hpp"
#include "rules/request.hpp"

namespace bpv::engine {

/// True when the request whose body DOM read into `t` (its root an object) is clean under
/// `ctx`; then `effective` holds the policy the service would store (unspecified when false).
bool fast_accept(const json::tape& t, const context& ctx, std::size_t max_depth, scratch& s, policy& effective);

}  // namespace bpv::engine
