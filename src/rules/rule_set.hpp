// Options compiled for the engine: each rule on or off with its severity and code, what the
// profile changes in the checks, and the custom rules. Private to the library. Immutable once
// compiled; each validator holds its own.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bpv/validator.hpp"
#include "json/document.hpp"
#include "rules/catalog.hpp"

namespace bpv::engine {

struct request;
struct scratch;
struct other_member;
class findings;
enum class object_id : unsigned char;  // rules/members.hpp

/// A rule as configured.
struct rule_state {
  bool on = true;
  severity level = severity::error;
  std::string_view raised_code;  ///< the code its errors carry when the finding has none
};

struct custom_state {
  std::string_view id, code;  ///< interned: static storage, as diagnostic::rule and ::code promise
  rule_state state;
  const custom_rule* rule = nullptr;  ///< in the options the set was compiled from
};

class rule_set {
 public:
  enum class problem_kind : unsigned char { none, unknown_profile, unknown_rule, fixed_rule, bad_custom_rule, bad_limit, bad_level };
  struct problem {
    problem_kind kind = problem_kind::none;
    std::string message;
  };

  /// The default: the modify profile, no overrides, no custom rules.
  rule_set();

  /// Compiles `opts` into `out`, or says what is wrong (then `out` is unspecified). The custom
  /// rules of `opts` must outlive `out`.
  static problem compile(const options& opts, rule_set& out);

  /// False when rule `r` is off; else its findings' severity, and their code (none below error).
  bool apply(rule r, severity& sev, std::string_view& code) const noexcept {
    const rule_state& s = builtin_[static_cast<std::size_t>(r)];
    if (!s.on) return false;
    sev = s.level;
    if (sev != severity::error) {
      code = {};
    } else if (code.empty()) {
      code = s.raised_code;
    }
    return true;
  }

  /// Whether rule `r`'s findings are errors: a rule about what the service ignores, raised to
  /// one, says the body is refused rather than that the member is ignored.
  bool refuses(rule r) const noexcept { return builtin_[static_cast<std::size_t>(r)].level == severity::error; }

  /// lenient: scheduled_policy needs no frequency or week_frequency when status is its only
  /// member of the API.
  bool status_alone_is_enough() const noexcept { return status_alone_; }
  std::span<const custom_state> custom() const noexcept { return custom_; }
  /// The rules that are on, as configured (validator::rules()).
  std::span<const rule_info> table() const noexcept { return table_; }

 private:
  std::array<rule_state, rule_count> builtin_;
  bool status_alone_ = false;
  std::vector<custom_state> custom_;
  std::vector<rule_info> table_;
};

/// Runs every built-in rule over a request, as `rules` configures them, into `out`. `doc` is
/// the walked document when the request was bound from one (rules/bind.hpp), for the rules that
/// hold at any depth (duplicate names, '<' and '>'); null when it was bound from the structural
/// index, which hands every body where those could fire to the document.
void check(const request& req, const json::document* doc, const context& ctx, const rule_set& rules, scratch& s,
           findings& out);

/// The rules that hold at any depth (duplicate names, '<' and '>') alone, over a document that
/// is JSON but not an object (decisions.md: anywhere in the body): what check() runs for them.
void check_anywhere(const json::document& doc, findings& out);

/// The findings on members of object `in` of the API that are not the API's: misplaced, near
/// misses, unknown. Part of check().
void other_members(const std::vector<other_member>& others, object_id in, const rule_set& rules, findings& out);

/// What custom rules are shown, reused from one request to the next.
struct custom_scratch {
  std::vector<field_view> fields;  ///< the members of the API, then week_frequency's items
  std::string item_paths;     ///< the items' JSON Pointers, back to back
};

/// Runs the custom rules that are on over a request, into `out` (after the built-in ones).
void run_custom(const request& req, std::string_view body, const context& ctx, const rule_set& rules,
                custom_scratch& s, findings& out);

}  // namespace bpv::engine
