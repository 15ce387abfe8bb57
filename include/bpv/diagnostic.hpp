// A single finding about a request: which rule, how bad, which service code, and where.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bpv/export.h"

namespace bpv {

enum class severity : unsigned char { error, warning, info };

/// "error", "warning" or "info".
BPV_API std::string_view to_string(severity s) noexcept;

struct diagnostic {
  std::string_view rule;              ///< stable rule ID, e.g. "start_time.full_hour" (static storage)
  bpv::severity severity = severity::error;
  std::string_view code;              ///< service code, e.g. "AutoBackup.0103"; empty for warnings and info
  std::string path;                   ///< RFC 6901 JSON Pointer into the body; "" = whole body or URI
  std::optional<std::size_t> offset;  ///< byte offset into the raw input, when the finding has a place
  std::string message;                ///< one sentence a person can act on
};

}  // namespace bpv
