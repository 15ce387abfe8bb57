// The validator for "Modifying a Backup Policy" (PUT /v2/{project_id}/backuppolicy/{policy_id}).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "bpv/report.hpp"

namespace bpv {

/// Limits on what is read. Beyond them the body is refused (AutoBackup.0008, offset null).
struct limits {
  std::size_t max_body_bytes = std::size_t{1} << 20;  ///< 1 MiB
  std::size_t max_depth = 64;                         ///< nesting levels; the root object is level 1
};

struct options {
  bpv::limits limits{};
};

/// What the URI and the caller know about the request.
struct context {
  /// The URI's project_id. Not checked by the library (no service code covers it); the
  /// command line refuses an empty one.
  std::optional<std::string_view> project_id;
  /// The URI's policy_id. Empty is AutoBackup.0006; absent means "validate the body only".
  std::optional<std::string_view> policy_id;
  /// The target is the tenant's default backup policy (it cannot be renamed).
  bool target_is_default = false;
};

/// Reusable: owns the JSON parser and buffers, so keep one per thread and reuse it.
/// Validating never throws on any input; the only exception it can raise is std::bad_alloc.
class validator {
 public:
  explicit validator(options opts = {});
  ~validator();
  validator(validator&&) noexcept;
  validator& operator=(validator&&) noexcept;
  validator(const validator&) = delete;
  validator& operator=(const validator&) = delete;

  /// Validates `body` as the request body.
  report validate(std::string_view body, const context& ctx = {});
  /// The same, into `out`, reusing its storage.
  void validate(std::string_view body, const context& ctx, report& out);

  const options& config() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace bpv
