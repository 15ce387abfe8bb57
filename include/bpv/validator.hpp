// The validator for "Modifying a Backup Policy" (PUT /v2/{project_id}/backuppolicy/{policy_id}).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bpv/custom_rule.hpp"
#include "bpv/export.h"
#include "bpv/report.hpp"
#include "bpv/rules.hpp"

namespace bpv {

struct internal_access;  // the library's own tests and fuzzers reach inside through it

/// Limits on what is read and reported.
struct limits {
  /// Larger bodies are refused (AutoBackup.0008, offset null). 1 MiB; at least 1.
  std::size_t max_body_bytes = std::size_t{1} << 20;
  /// Deeper nesting is refused (AutoBackup.0008, offset null); the root object is level 1. At
  /// least 1.
  std::size_t max_depth = 64;
  /// At most this many diagnostics are listed, the first in document order, and besides them the
  /// first error when they do not include it (the response is made from it): so one more than
  /// this at most. report::omitted counts the rest. 0 lists only the first error. A bound, so
  /// that a hostile body cannot make a huge report (see report::omitted for the other one).
  std::size_t max_diagnostics = 100;
};

/// Strict defaults: the modify profile, every rule as the table has it, no custom rules.
/// Options are plain values: one set may be shared (read-only) by validators on many threads.
struct options {
  bpv::limits limits{};
  /// The reading of the API page (README "Profiles and rules").
  bpv::profile profile = profile::modify;
  /// Applied in order after the profile; a later override of the same ID wins. Each must be
  /// usable on its own: one that options_problem() refuses is refused even when a later one of
  /// the same ID would undo it.
  std::vector<rule_override> overrides;
  /// Run after the built-in rules, in this order.
  std::vector<custom_rule> custom_rules;
  /// Whether a valid request's report carries its effective policy (report::effective). A
  /// service that passes the body on as it came needs only the verdict and the findings: off,
  /// validate() leaves report::effective absent and skips copying the policy's strings (a tenth
  /// to a fifth of a clean request's time, by the machine; README "Performance"). Findings are
  /// the same either way.
  bool effective_policy = true;
};

/// What is wrong with `opts`, or "" when a validator can be made from them: a body or depth
/// limit of 0, an unknown profile, an override with no level of rule_level or of an unknown
/// rule ID (`bpv rules` lists them) or of a rule that stays an error, a custom rule with a bad
/// or taken ID, a code with characters other than ASCII letters, digits, '.', '_' and '-', a
/// severity none of error, warning and info, a missing check, or an error without a code (also
/// when an override raises it to one).
[[nodiscard]] BPV_API std::string options_problem(const options& opts);

/// What the URI and the caller know about the request. The views must outlive the call to
/// validate() (they are copied into the report where needed).
struct context {
  /// The URI's project_id. Reserved: no service code covers it, so the library does not check
  /// it; the command line refuses an empty one.
  std::optional<std::string_view> project_id;
  /// The URI's policy_id. Empty is AutoBackup.0006; absent means "validate the body only".
  std::optional<std::string_view> policy_id;
  /// The target is the tenant's default backup policy (it cannot be renamed).
  bool target_is_default = false;
};

/// Reusable: owns the JSON parser and buffers, so keep one per thread and reuse it (a validator
/// is not for two threads at once; several validators may run at once, made from the same
/// options). The buffers keep the size the largest body so far needed, so that requests of a
/// kind seen before allocate nothing, but only up to what a body of 64 KiB needs: what a larger
/// body grew is given back by the next body of at most 64 KiB (which then allocates a little),
/// so a validator comes back to holding a few megabytes whatever it read. Larger bodies one
/// after another keep what they grew. Validating never throws on any input; the only exceptions it can raise are
/// std::bad_alloc and what a custom rule throws. A moved-from validator may only be destroyed
/// or assigned to.
class BPV_API validator {
 public:
  /// Compiles the options' rule set. Throws std::invalid_argument with options_problem(opts)
  /// when they are not usable.
  explicit validator(options opts = {});
  ~validator();
  validator(validator&&) noexcept;
  validator& operator=(validator&&) noexcept;
  validator(const validator&) = delete;
  validator& operator=(const validator&) = delete;

  /// Validates `body` as the request body.
  [[nodiscard]] report validate(std::string_view body, const context& ctx = {});
  /// The same, into `out`, reusing its storage. `body` must not point into `out`. An exception
  /// (std::bad_alloc, or what a custom rule throws) leaves `out` invalid (400, no effective
  /// policy) but not a report to answer with: its diagnostics, and so response_json(out), are
  /// unspecified (the failure is the service's, not the client's). The validator stays usable.
  /// Running out of memory is never reported as a finding on the body.
  void validate(std::string_view body, const context& ctx, report& out);

  [[nodiscard]] const options& config() const noexcept;

  /// The rules as these options have them: built-in rules that are on, with their severity
  /// and code after the profile and overrides, then the custom rules that are on.
  [[nodiscard]] std::span<const rule_info> rules() const noexcept;

 private:
  friend struct internal_access;
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace bpv
