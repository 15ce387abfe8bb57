// The typed policy: what the service would store after a valid modify request
// (members of the API only, precedence applied, rentention_day rounded down). The ranges below
// are the page's; a range rule lowered by an override lets other numbers through as sent, except
// one of magnitude 2^53 or more (beyond what JSON carries exactly), which is left out, as are
// week_frequency's items that are not strings when week_frequency.day is lowered.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bpv/export.h"
#include "bpv/field.hpp"

namespace bpv {

struct scheduled_policy {
  field<std::string> start_time;                   ///< "HH:mm[,HH:mm...]" as sent (UTC)
  field<std::int64_t> frequency;                   ///< days between backups, 1..14
  field<std::vector<std::string>> week_frequency;  ///< SUN..SAT; absent when frequency prevails
  field<std::int64_t> rentention_num;              ///< 2..14 (the API's spelling)
  field<std::int64_t> rentention_day;              ///< 2..99999, rounded down; absent when rentention_num prevails
  field<std::string> remain_first_backup_of_curMonth;  ///< "Y" or "N"
  field<std::string> status;                       ///< "ON" or "OFF"

  /// No members (their storage kept: see field).
  void clear() noexcept {
    start_time.reset();
    frequency.reset();
    week_frequency.reset();
    rentention_num.reset();
    rentention_day.reset();
    remain_first_backup_of_curMonth.reset();
    status.reset();
  }
  friend bool operator==(const scheduled_policy&, const scheduled_policy&) = default;
};

struct policy {
  field<std::string> backup_policy_name;
  field<bpv::scheduled_policy> scheduled_policy;
  field<std::string> time_zone;  ///< "UTC+HH:mm" / "UTC-HH:mm"

  /// No members (their storage kept: see field).
  void clear() noexcept {
    backup_policy_name.reset();
    scheduled_policy.reset();
    time_zone.reset();
  }
  friend bool operator==(const policy&, const policy&) = default;
};

/// The policy as compact JSON, members in the API's order.
[[nodiscard]] BPV_API std::string to_json(const policy& p);

}  // namespace bpv
