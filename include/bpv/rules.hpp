// The rule table: every rule bpv enforces, with its stable ID, the service code it maps to,
// and the sentence of the API page (or of decisions.md) it enforces.
#pragma once

#include <span>
#include <string_view>

#include "bpv/diagnostic.hpp"
#include "bpv/export.h"

namespace bpv {

struct rule_info {
  std::string_view id;        ///< stable, e.g. "start_time.full_hour"
  bpv::severity severity;     ///< the severity its findings carry
  std::string_view code;      ///< "AutoBackup.NNNN", or empty ("near_miss" takes the resembled member's code)
  std::string_view enforces;  ///< the sentence it enforces, quoted from the page or decisions.md
};

/// All rules, in a fixed order.
BPV_API std::span<const rule_info> rules() noexcept;

/// The rule with this ID, or nullptr.
[[nodiscard]] BPV_API const rule_info* find_rule(std::string_view id) noexcept;

}  // namespace bpv
