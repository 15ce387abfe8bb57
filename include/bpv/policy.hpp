// The typed policy: what the service would store after a valid modify request
// (members of the API only, precedence applied, rentention_day rounded down).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bpv/export.h"

namespace bpv {

struct scheduled_policy {
  std::optional<std::string> start_time;                   ///< "HH:mm[,HH:mm...]" as sent (UTC)
  std::optional<std::int64_t> frequency;                   ///< days between backups, 1..14
  std::optional<std::vector<std::string>> week_frequency;  ///< SUN..SAT; absent when frequency prevails
  std::optional<std::int64_t> rentention_num;              ///< 2..14 (the API's spelling)
  std::optional<std::int64_t> rentention_day;              ///< 2..99999, rounded down; absent when rentention_num prevails
  std::optional<std::string> remain_first_backup_of_curMonth;  ///< "Y" or "N"
  std::optional<std::string> status;                       ///< "ON" or "OFF"

  friend bool operator==(const scheduled_policy&, const scheduled_policy&) = default;
};

struct policy {
  std::optional<std::string> backup_policy_name;
  std::optional<bpv::scheduled_policy> scheduled_policy;
  std::optional<std::string> time_zone;  ///< "UTC+HH:mm" / "UTC-HH:mm"

  friend bool operator==(const policy&, const policy&) = default;
};

/// The policy as compact JSON, members in the API's order.
[[nodiscard]] BPV_API std::string to_json(const policy& p);

}  // namespace bpv
