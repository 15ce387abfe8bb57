// The outcome of validating one request, and its renderers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpv/diagnostic.hpp"
#include "bpv/export.h"
#include "bpv/policy.hpp"

namespace bpv {

struct BPV_API report {
  /// True exactly when no diagnostic is an error.
  bool valid = false;
  /// 200 when valid, 400 when not (the modify page answers every body error with 400).
  int http_status = 400;
  /// Every finding, in document order (offset, null first; ties as decisions.md orders them).
  std::vector<diagnostic> diagnostics;
  /// What the service would store; absent when the request is invalid, or when
  /// options::effective_policy is off. A field keeps its storage when absent, so that a reused
  /// report allocates nothing for it.
  field<bpv::policy> effective;
  /// Findings left out of `diagnostics` (0 almost always): beyond limits::max_diagnostics, or
  /// once the listed findings' paths together, as a report writes them, pass 8 times the body's
  /// size (at least 64 KiB), which only many findings under long member names reach. The first
  /// error is always listed.
  std::size_t omitted = 0;
  /// The URI's policy_id, echoed by the success response; nullopt when the caller gave none.
  std::optional<std::string> policy_id;

  /// The first error diagnostic (the one the service answers with), or nullptr.
  [[nodiscard]] const diagnostic* first_error() const noexcept;
};

/// The service-shaped response body: {"backup_policy_id": ...} or {"error": {"code", "message"}}.
[[nodiscard]] BPV_API std::string response_json(const report& r);

/// One line of the JSON report of ../shared/contract/cli.md (no trailing newline). When
/// findings were left out, an "omitted" member counts them. "effective" is null when the report
/// has no policy: invalid, or made with options::effective_policy off (the command line never
/// turns it off).
[[nodiscard]] BPV_API std::string to_json(const report& r, std::string_view source);

/// The report for people: each finding with path, code, rule and message, and the input line
/// with a caret under the offset. `input` is the body the report was made from.
[[nodiscard]] BPV_API std::string to_text(const report& r, std::string_view input, std::string_view source);

}  // namespace bpv
