// Shared by the fuzz targets: how the first bytes of an input choose the context and options,
// the invariants every report keeps, and a JSON body that carries a fuzzed string.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bpv/bpv.hpp"
#include "rules/findings.hpp"

// Aborts with a message: libFuzzer and the replay main both report an abort as a crash.
#define FUZZ_CHECK(cond)                                                                    \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond);    \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)

namespace bpv::fuzz {

inline constexpr std::string_view example_policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
inline constexpr std::string_view example_project_id = "0605767fe980d5b52f7cc00d7a8a4b46";

/// A validation set up from an input's first two bytes; the rest is the body.
///   byte 0  bits 0-1  policy id: none, the example's, empty, the example's on the default policy
///           bit  2    project id given
///           bits 3-4  limits.max_diagnostics: 100, 0, 3, SIZE_MAX (for bodies of a fuzzer's
///                     size, what the command line's 10,000 is)
///           bits 5-6  limits.max_depth: 64, 2, 1, 3 (0 is refused by the options)
///           bit  7    effective_policy off
///   byte 1  below 0x80: limits.max_body_bytes 1 MiB, and
///             bit  0    the lenient profile
///             bits 1-2  every rule that may be changed (all but the ones that stay errors):
///                       as the profile has it, off, lowered to warning, raised to error
///           otherwise: limits.max_body_bytes (byte - 0x80) * 4 + 1 (1..509), rules as modify has them
/// Inputs shorter than two bytes are an empty body with the defaults. Rules off let values of
/// any kind and size into a valid request's effective policy.
struct setup {
  bpv::options opts;
  bpv::context ctx;
  std::string_view body;
};

/// The built-in rules an override may change (rules.hpp: the ones without which a value cannot be
/// read stay errors), as the options themselves say, asked once.
inline const std::vector<std::string>& changeable_rules() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const bpv::rule_info& r : bpv::rules()) {
      bpv::options o;
      o.overrides = {{std::string(r.id), bpv::rule_level::off}};
      if (bpv::options_problem(o).empty()) out.emplace_back(r.id);
    }
    return out;
  }();
  return ids;
}

inline setup decode(const std::uint8_t* data, std::size_t size) {
  setup s;
  if (size < 2) return s;
  unsigned const a = data[0], b = data[1];
  switch (a & 3u) {
    case 1: s.ctx.policy_id = example_policy_id; break;
    case 2: s.ctx.policy_id = std::string_view(); break;
    case 3:
      s.ctx.policy_id = example_policy_id;
      s.ctx.target_is_default = true;
      break;
    default: break;
  }
  if (a & 4u) s.ctx.project_id = example_project_id;
  static constexpr std::size_t diagnostics[] = {100, 0, 3, SIZE_MAX};
  static constexpr std::size_t depths[] = {64, 2, 1, 3};
  s.opts.limits.max_diagnostics = diagnostics[(a >> 3) & 3u];
  s.opts.limits.max_depth = depths[(a >> 5) & 3u];
  s.opts.effective_policy = (a & 0x80u) == 0;
  if (b >= 0x80) {
    s.opts.limits.max_body_bytes = (b - 0x80u) * 4 + 1;
  } else {
    if (b & 1u) s.opts.profile = bpv::profile::lenient;
    static constexpr bpv::rule_level levels[] = {bpv::rule_level::off, bpv::rule_level::warning, bpv::rule_level::error};
    if (unsigned const mode = (b >> 1) & 3u; mode != 0)
      for (const std::string& id : changeable_rules()) s.opts.overrides.push_back({id, levels[mode - 1]});
  }
  s.body = std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2);
  return s;
}

/// What every report promises, whatever the body (report.hpp, validator.hpp, cli.md); `table`
/// is the validating validator's rules(), as its options have them.
inline void check_report(const bpv::report& r, const setup& s, std::span<const bpv::rule_info> table) {
  bool any_error = false;
  std::optional<std::size_t> last;  // offsets in order, null first
  bool seen_offset = false;
  for (const auto& d : r.diagnostics) {
    any_error = any_error || d.severity == bpv::severity::error;
    // A rule that is off is not in the table, and lists nothing.
    auto const rule = std::find_if(table.begin(), table.end(), [&](const bpv::rule_info& i) { return i.id == d.rule; });
    FUZZ_CHECK(rule != table.end());
    FUZZ_CHECK(rule->severity == d.severity);
    // A near miss that is an error takes the code of the member it resembles; every other
    // code is the rule's as configured (none below error).
    if (d.rule == "member.near_miss") FUZZ_CHECK(d.severity == bpv::severity::error ? d.code.starts_with("AutoBackup.") : d.code.empty());
    else FUZZ_CHECK(d.code == rule->code);
    FUZZ_CHECK(!d.message.empty());
    FUZZ_CHECK(d.path.empty() || d.path.front() == '/');
    if (d.offset) {
      FUZZ_CHECK(*d.offset <= s.body.size());
      FUZZ_CHECK(!seen_offset || *d.offset >= *last);
      seen_offset = true;
      last = d.offset;
    } else {
      FUZZ_CHECK(!seen_offset);
    }
  }
  // A body refused whole (blank, not JSON, too large, too deep) has no other finding but the
  // URI's; one that is JSON but not an object, only those of the rules that hold anywhere.
  // `other`: a body finding that is neither body.not_object nor one of the rules that hold anywhere.
  bool whole = false, not_object = false, other = false;
  std::size_t body_findings = 0;
  for (const auto& d : r.diagnostics) {
    if (d.rule == "request.policy_id_empty") continue;
    ++body_findings;
    bool const refusal = d.rule == "body.empty" || d.rule == "body.not_json" || d.rule == "body.too_large" ||
                         d.rule == "body.too_deep";
    whole = whole || refusal;
    not_object = not_object || d.rule == "body.not_object";
    other = other || (d.rule != "body.not_object" && d.rule != "member.duplicate" && d.rule != "string.angle_brackets");
  }
  if (whole) FUZZ_CHECK(body_findings == 1);
  if (not_object) FUZZ_CHECK(!other);
  FUZZ_CHECK(r.valid == !any_error);
  FUZZ_CHECK(r.http_status == (r.valid ? 200 : 400));
  FUZZ_CHECK((r.first_error() == nullptr) == r.valid);
  FUZZ_CHECK(r.effective.has_value() == (r.valid && s.opts.effective_policy));
  // At most max_diagnostics listed, plus the first error when it would not have been.
  FUZZ_CHECK(r.diagnostics.empty() || r.diagnostics.size() - 1 <= s.opts.limits.max_diagnostics);
  // Findings are left out only from a full list (max_diagnostics 0 lists only the first error),
  // or once the listed paths, as a report writes them, pass their room (engine::path_room).
  std::size_t path_bytes = 0;
  for (const auto& d : r.diagnostics) path_bytes += bpv::engine::rendered_path_size(d.path);
  FUZZ_CHECK(r.omitted == 0 || r.diagnostics.size() >= s.opts.limits.max_diagnostics ||
             path_bytes > bpv::engine::path_room(s.body.size()));
  FUZZ_CHECK(r.policy_id == (s.ctx.policy_id ? std::optional<std::string>(*s.ctx.policy_id) : std::nullopt));
  if (s.body.size() > s.opts.limits.max_body_bytes) FUZZ_CHECK(!r.valid);
}

inline bool same_diagnostic(const bpv::diagnostic& a, const bpv::diagnostic& b) {
  return a.rule == b.rule && a.severity == b.severity && a.code == b.code && a.path == b.path &&
         a.offset == b.offset && a.message == b.message;
}

inline bool same_report(const bpv::report& a, const bpv::report& b) {
  if (a.valid != b.valid || a.http_status != b.http_status || a.effective != b.effective || a.omitted != b.omitted ||
      a.policy_id != b.policy_id || a.diagnostics.size() != b.diagnostics.size())
    return false;
  for (std::size_t i = 0; i < a.diagnostics.size(); ++i)
    if (!same_diagnostic(a.diagnostics[i], b.diagnostics[i])) return false;
  return true;
}

/// A body whose member `name` (inside `before`/`after`) holds `text` as a JSON string, and the
/// byte of the body where each character of `text` starts. Only for ASCII text: control
/// characters, '"' and '\' are written as \u00XX.
struct embedded {
  std::string body;
  std::size_t text_at = 0;  ///< body index of text[0] (the byte after the opening quote)
  std::string escaped;      ///< text as written between the quotes

  /// The body byte where text[i] starts (i == text.size(): the closing quote).
  std::size_t at(std::string_view text, std::size_t i) const {
    std::size_t raw = text_at;
    for (std::size_t k = 0; k < i; ++k) raw += needs_escape(text[k]) ? 6 : 1;
    return raw;
  }

  static bool needs_escape(char ch) {
    unsigned char const c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == 0x7F || c == '"' || c == '\\';
  }
};

inline bool is_ascii(std::string_view text) {
  for (char ch : text)
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  return true;
}

inline embedded embed(std::string_view before, std::string_view text, std::string_view after) {
  static constexpr char hex[] = "0123456789abcdef";
  embedded e;
  for (char ch : text) {
    if (embedded::needs_escape(ch)) {
      unsigned char const c = static_cast<unsigned char>(ch);
      e.escaped += "\\u00";
      e.escaped += hex[c >> 4];
      e.escaped += hex[c & 15];
    } else {
      e.escaped += ch;
    }
  }
  e.body.append(before).append("\"");
  e.text_at = e.body.size();
  e.body.append(e.escaped).append("\"").append(after);
  return e;
}

/// The diagnostic with this rule ID, or nullptr.
inline const bpv::diagnostic* find(const bpv::report& r, std::string_view rule) {
  for (const auto& d : r.diagnostics)
    if (d.rule == rule) return &d;
  return nullptr;
}

}  // namespace bpv::fuzz
