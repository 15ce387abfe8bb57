// Compiling options into a rule set: the profile, the overrides, the custom rules.
#include "rules/rule_set.hpp"

#include <algorithm>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>

#include "escape.hpp"

namespace bpv {
namespace engine {
namespace {

using problem = rule_set::problem;
using kind = rule_set::problem_kind;

// Rules without which a value cannot be read at all: they stay errors.
bool is_fixed(rule r) noexcept {
  switch (r) {
    case rule::body_empty:
    case rule::body_not_json:
    case rule::body_not_object:
    case rule::body_too_large:
    case rule::body_too_deep:
    case rule::name_type:
    case rule::scheduled_policy_type:
    case rule::start_time_type:
    case rule::frequency_type:
    case rule::week_frequency_type:
    case rule::rentention_num_type:
    case rule::rentention_day_type:
    case rule::remain_first_type:
    case rule::status_type:
    case rule::time_zone_type: return true;
    default: return false;
  }
}

// The code of a rule's errors: its own, or for a rule that is not an error by default, the
// code of what it is about (raised by an override). A near miss brings its member's code.
std::string_view code_when_error(rule r) noexcept {
  switch (r) {
    case rule::member_unknown:
    case rule::member_misplaced: return "AutoBackup.0008";  // the body's shape, as for a duplicate
    case rule::week_frequency_ignored: return "AutoBackup.0106";
    case rule::rentention_day_ignored: return "AutoBackup.0107";
    default: return info(r).code;
  }
}

// Custom IDs and codes become diagnostic::rule and ::code, which are views of static storage:
// they are kept for the life of the process (a set of the distinct ones ever used).
std::string_view intern(std::string_view s) {
  static std::mutex m;
  static auto* const pool = new std::set<std::string, std::less<>>;  // never freed: views outlive statics
  std::lock_guard lock(m);
  auto it = pool->find(s);
  if (it == pool->end()) it = pool->emplace(s).first;
  return *it;
}

bool is_word(std::string_view s) noexcept {
  return !s.empty() && s.size() <= 128 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

// A name the caller gave, for a message: its first 128 bytes, control characters as \u00XX, so
// that the message is one line and an exception's what() (a C string) holds all of it.
std::string quote(std::string_view s) {
  std::string out(1, '\'');
  for (char c : s.substr(0, 128)) {
    if (escape::is_control(static_cast<unsigned char>(c))) {
      escape::append_u00(out, static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

problem check_custom(const custom_rule& c, std::span<const custom_state> before) {
  if (!is_word(c.id))
    return {kind::bad_custom_rule, "custom rule ID " + quote(c.id) +
                                       " must be 1 to 128 ASCII letters, digits, '.', '_' or '-'"};
  if (find_rule(c.id) || std::any_of(before.begin(), before.end(), [&](const custom_state& s) { return s.id == c.id; }))
    return {kind::bad_custom_rule, "custom rule ID " + quote(c.id) + " is already taken"};
  if (!c.code.empty() && !is_word(c.code))
    return {kind::bad_custom_rule, "custom rule " + quote(c.id) + ": code " + quote(c.code) +
                                       " must be 1 to 128 ASCII letters, digits, '.', '_' or '-'"};
  if (c.severity != severity::error && c.severity != severity::warning && c.severity != severity::info)
    return {kind::bad_custom_rule, "custom rule " + quote(c.id) + " has a severity that is none of error, warning, info"};
  if (c.severity == severity::error && c.code.empty())
    return {kind::bad_custom_rule, "custom rule " + quote(c.id) + " is an error, so it needs a code (e.g. AutoBackup.0107)"};
  if (!c.check) return {kind::bad_custom_rule, "custom rule " + quote(c.id) + " has no check"};
  return {};
}

bool valid_level(rule_level l) noexcept {
  switch (l) {
    case rule_level::off:
    case rule_level::error:
    case rule_level::warning:
    case rule_level::info: return true;
  }
  return false;
}

severity severity_of(rule_level l) noexcept {
  return l == rule_level::warning ? severity::warning : l == rule_level::info ? severity::info : severity::error;
}

rule_info configured(std::string_view id, const rule_state& s, std::string_view code, std::string_view enforces) {
  return {id, s.level, s.level == severity::error ? code : std::string_view{}, enforces};
}

}  // namespace

rule_set::rule_set() {
  for (std::size_t i = 0; i < rule_count; ++i) {
    rule const r = static_cast<rule>(i);
    builtin_[i] = {true, info(r).severity, code_when_error(r)};
  }
  table_.assign(bpv::rules().begin(), bpv::rules().end());
}

rule_set::problem rule_set::compile(const options& opts, rule_set& out) {
  out = rule_set();
  switch (opts.profile) {
    case profile::modify: break;
    case profile::lenient:
      out.builtin_[static_cast<std::size_t>(rule::member_near_miss)].level = severity::warning;
      out.status_alone_ = true;
      break;
    default: return {kind::unknown_profile, "unknown profile (modify or lenient)"};
  }
  // A body of at most 0 bytes, or nesting of at most 0 levels, would refuse every request: the
  // command line and the C API refuse them, and so does the library.
  if (opts.limits.max_body_bytes == 0) return {kind::bad_limit, "limits.max_body_bytes must be at least 1"};
  if (opts.limits.max_depth == 0) return {kind::bad_limit, "limits.max_depth must be at least 1 (the root object is level 1)"};
  for (const custom_rule& c : opts.custom_rules) {
    if (problem p = check_custom(c, out.custom_); p.kind != kind::none) return p;
    out.custom_.push_back({intern(c.id), c.code.empty() ? std::string_view{} : intern(c.code),
                           {true, c.severity, {}}, &c});
  }
  for (const rule_override& o : opts.overrides) {
    rule_state* s = nullptr;
    if (!valid_level(o.level))
      return {kind::bad_level, "override of " + quote(o.id) + " has no level of off, error, warning or info"};
    if (const rule_info* ri = find_rule(o.id)) {
      rule const r = static_cast<rule>(ri - bpv::rules().data());
      if (is_fixed(r) && o.level != rule_level::error)
        return {kind::fixed_rule, "rule " + quote(o.id) + " cannot be turned off or lowered: without it the value cannot be read"};
      s = &out.builtin_[static_cast<std::size_t>(r)];
    } else if (auto c = std::find_if(out.custom_.begin(), out.custom_.end(), [&](const custom_state& cs) { return cs.id == o.id; });
               c != out.custom_.end()) {
      if (o.level == rule_level::error && c->code.empty())
        return {kind::bad_custom_rule, "custom rule " + quote(o.id) + " has no code, so it cannot be an error"};
      s = &c->state;
    } else {
      return {kind::unknown_rule, "unknown rule ID " + quote(o.id) + " ('bpv rules' lists them)"};
    }
    s->on = o.level != rule_level::off;
    if (s->on) s->level = severity_of(o.level);
  }
  out.table_.clear();
  for (std::size_t i = 0; i < rule_count; ++i) {
    const rule_state& s = out.builtin_[i];
    const rule_info& ri = info(static_cast<rule>(i));
    if (s.on) out.table_.push_back(configured(ri.id, s, s.raised_code, ri.enforces));
  }
  for (const custom_state& c : out.custom_)
    if (c.state.on) out.table_.push_back(configured(c.id, c.state, c.code, c.rule->enforces));
  return {};
}

}  // namespace engine

std::string options_problem(const options& opts) {
  engine::rule_set rs;
  return engine::rule_set::compile(opts, rs).message;
}

std::string_view to_string(profile p) noexcept { return p == profile::lenient ? "lenient" : "modify"; }

std::optional<profile> find_profile(std::string_view name) noexcept {
  if (name == "modify") return profile::modify;
  if (name == "lenient") return profile::lenient;
  return std::nullopt;
}

std::string_view to_string(rule_level l) noexcept {
  switch (l) {
    case rule_level::off: return "off";
    case rule_level::error: return "error";
    case rule_level::warning: return "warning";
    case rule_level::info: return "info";
  }
  return "off";
}

std::optional<rule_level> find_rule_level(std::string_view name) noexcept {
  for (rule_level l : {rule_level::off, rule_level::error, rule_level::warning, rule_level::info})
    if (to_string(l) == name) return l;
  return std::nullopt;
}

}  // namespace bpv
