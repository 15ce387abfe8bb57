// The validator for "Modifying a Backup Policy" (PUT /v2/{project_id}/backuppolicy/{policy_id}).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "bpv/export.h"
#include "bpv/report.hpp"

namespace bpv {

/// Limits on what is read and reported.
struct limits {
  /// Larger bodies are refused (AutoBackup.0008, offset null). 1 MiB.
  std::size_t max_body_bytes = std::size_t{1} << 20;
  /// Deeper nesting is refused (AutoBackup.0008, offset null); the root object is level 1.
  std::size_t max_depth = 64;
  /// At most this many diagnostics are listed, the first in document order; the first error is
  /// always listed (the response is made from it), and report::omitted counts the rest. 0 lists
  /// only the first error. A bound, so that a hostile body cannot make a huge report.
  std::size_t max_diagnostics = 100;
};

struct options {
  bpv::limits limits{};
};

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

/// Reusable: owns the JSON parser and buffers, so keep one per thread and reuse it.
/// Validating never throws on any input; the only exception it can raise is std::bad_alloc.
/// A moved-from validator may only be destroyed or assigned to.
class BPV_API validator {
 public:
  explicit validator(options opts = {});
  ~validator();
  validator(validator&&) noexcept;
  validator& operator=(validator&&) noexcept;
  validator(const validator&) = delete;
  validator& operator=(const validator&) = delete;

  /// Validates `body` as the request body.
  [[nodiscard]] report validate(std::string_view body, const context& ctx = {});
  /// The same, into `out`, reusing its storage. `body` must not point into `out`.
  void validate(std::string_view body, const context& ctx, report& out);

  [[nodiscard]] const options& config() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace bpv
