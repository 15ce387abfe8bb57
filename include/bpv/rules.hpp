// The rule table: every rule bpv enforces, with its stable ID, the service code it maps to,
// and the sentence of the API page (or of decisions.md) it enforces. Also what options can
// change about the rules: the profile, and overrides by rule ID.
#pragma once

#include <optional>
#include <span>
#include <string>
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

/// All built-in rules as the default profile has them, in a fixed order.
BPV_API std::span<const rule_info> rules() noexcept;

/// The built-in rule with this ID, or nullptr.
[[nodiscard]] BPV_API const rule_info* find_rule(std::string_view id) noexcept;

/// The rule as one line of JSON (`bpv rules --format json`):
/// {"rule":ID,"severity":"error"|"warning"|"info","code":CODE or null,"enforces":SENTENCE}.
[[nodiscard]] BPV_API std::string to_json(const rule_info& r);

/// A reading of the API page. README "Profiles and rules" says what each one changes.
enum class profile : unsigned char {
  modify,   ///< the default: the Modify page as ../shared/spec/decisions.md reads it
  lenient,  ///< what public clients send: `status` alone in scheduled_policy is enough; near misses are warnings
};

/// "modify" or "lenient".
BPV_API std::string_view to_string(profile p) noexcept;
/// The profile with this name, or nothing.
[[nodiscard]] BPV_API std::optional<profile> find_profile(std::string_view name) noexcept;

/// What an override does to a rule: turns it off, or gives its findings another severity.
enum class rule_level : unsigned char { off, error, warning, info };

/// "off", "error", "warning" or "info".
BPV_API std::string_view to_string(rule_level l) noexcept;
/// The level with this name, or nothing.
[[nodiscard]] BPV_API std::optional<rule_level> find_rule_level(std::string_view name) noexcept;

/// Turns a rule (built-in or custom, by ID) off, or changes the severity of its findings.
/// Findings below error carry no code; a rule raised to error carries its member's code, or
/// AutoBackup.0008 (the body's shape) for member.unknown and member.misplaced (README "Profiles
/// and rules"). The rules that decide whether a value can be read at all
/// (body.empty, body.not_json, body.not_object, body.too_large, body.too_deep and every
/// `*.type` rule) stay errors.
struct rule_override {
  std::string id;
  rule_level level = rule_level::off;
};

}  // namespace bpv
