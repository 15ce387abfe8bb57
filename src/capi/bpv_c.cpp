// The C API (include/bpv/bpv.h) over the C++ one. No exception leaves a function here: each
// body runs inside guard(), which turns std::bad_alloc and anything else into a status.
#include "bpv/bpv.h"

#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "bpv/bpv.hpp"
#include "rules/rule_set.hpp"
#include "report/json_text.hpp"

struct bpv_options {
  bpv::options opts;
};

struct bpv_validator {
  bpv::validator v;
};

struct bpv_result {
  bool has_result = false;
  bpv::report report;
  std::string response, effective;
};

namespace {

template <class F>
bpv_status guard(F&& f) noexcept {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return BPV_ERROR_OUT_OF_MEMORY;
  } catch (...) {
    return BPV_ERROR_INTERNAL;
  }
}

bpv_status status_of(bpv::engine::rule_set::problem_kind k) noexcept {
  using kind = bpv::engine::rule_set::problem_kind;
  switch (k) {
    case kind::none: return BPV_OK;
    case kind::unknown_profile: return BPV_ERROR_UNKNOWN_PROFILE;
    case kind::unknown_rule: return BPV_ERROR_UNKNOWN_RULE;
    case kind::fixed_rule: return BPV_ERROR_FIXED_RULE;
    case kind::bad_custom_rule: return BPV_ERROR_INVALID_ARGUMENT;  // custom rules are C++ only
    case kind::bad_limit:
    case kind::bad_level: return BPV_ERROR_INVALID_ARGUMENT;  // the setters refuse these already
  }
  return BPV_ERROR_INTERNAL;
}

// Compiles `o` to see whether a validator can be made from it.
bpv_status check(const bpv::options& o) {
  bpv::engine::rule_set rs;
  return status_of(bpv::engine::rule_set::compile(o, rs).kind);
}

// The functions take values outside each enum's list from C (BPV_ERROR_INVALID_ARGUMENT, "unknown
// status"): C++ holds them only because bpv.h fixes the enums' type. An enum initialised from an
// integer in braces compiles only then.
static_assert(static_cast<unsigned>(bpv_status{99u}) == 99u && static_cast<unsigned>(bpv_rule_level{42u}) == 42u &&
                  static_cast<unsigned>(bpv_severity{7u}) == 7u,
              "bpv.h gives its enums a fixed type (BPV_ENUM_TYPE)");

bool bad_text(const char* p, std::size_t len) noexcept { return !p && len != 0; }

std::optional<std::string_view> text(const char* p, std::size_t len) noexcept {
  if (!p) return std::nullopt;
  return std::string_view(p, len);
}

// Sets a limit; `positive` limits refuse 0.
bpv_status set_limit(bpv_options* o, std::size_t bpv::limits::*limit, std::size_t value, bool positive) noexcept {
  if (!o || (positive && value == 0)) return BPV_ERROR_INVALID_ARGUMENT;
  o->opts.limits.*limit = value;
  return BPV_OK;
}

bpv_status read_string(const bpv_result* r, const std::string bpv_result::*member, const char** json, std::size_t* len) noexcept {
  if (!r || !json || !len) return BPV_ERROR_INVALID_ARGUMENT;
  if (!r->has_result) return BPV_ERROR_NO_RESULT;
  *json = (r->*member).c_str();
  *len = (r->*member).size();
  return BPV_OK;
}

template <class T, class Get>
bpv_status read_value(const bpv_result* r, T* out, Get get) noexcept {
  if (!r || !out) return BPV_ERROR_INVALID_ARGUMENT;
  if (!r->has_result) return BPV_ERROR_NO_RESULT;
  *out = get(r->report);
  return BPV_OK;
}

}  // namespace

extern "C" {

const char* bpv_version(void) { return BPV_VERSION_STRING; }

const char* bpv_status_string(bpv_status status) {
  switch (status) {
    case BPV_OK: return "ok";
    case BPV_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case BPV_ERROR_OUT_OF_MEMORY: return "out of memory";
    case BPV_ERROR_UNKNOWN_PROFILE: return "unknown profile (modify or lenient)";
    case BPV_ERROR_UNKNOWN_RULE: return "unknown rule ID";
    case BPV_ERROR_FIXED_RULE: return "this rule cannot be turned off or lowered";
    case BPV_ERROR_OUT_OF_RANGE: return "index out of range";
    case BPV_ERROR_NO_RESULT: return "the result holds no validation";
    case BPV_ERROR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

bpv_status bpv_options_create(bpv_options** out) {
  if (!out) return BPV_ERROR_INVALID_ARGUMENT;
  *out = nullptr;
  return guard([&] {
    *out = new bpv_options{};
    return BPV_OK;
  });
}

void bpv_options_destroy(bpv_options* options) { delete options; }

bpv_status bpv_options_set_max_body_bytes(bpv_options* options, size_t bytes) {
  return set_limit(options, &bpv::limits::max_body_bytes, bytes, true);
}

bpv_status bpv_options_set_max_depth(bpv_options* options, size_t levels) {
  return set_limit(options, &bpv::limits::max_depth, levels, true);
}

bpv_status bpv_options_set_max_diagnostics(bpv_options* options, size_t count) {
  return set_limit(options, &bpv::limits::max_diagnostics, count, false);
}

bpv_status bpv_options_set_profile(bpv_options* options, const char* name) {
  if (!options || !name) return BPV_ERROR_INVALID_ARGUMENT;
  auto p = bpv::find_profile(name);
  if (!p) return BPV_ERROR_UNKNOWN_PROFILE;
  options->opts.profile = *p;
  return BPV_OK;
}

bpv_status bpv_options_set_rule(bpv_options* options, const char* rule_id, bpv_rule_level level) {
  if (!options || !rule_id) return BPV_ERROR_INVALID_ARGUMENT;
  bpv::rule_level l;
  switch (level) {
    case BPV_RULE_OFF: l = bpv::rule_level::off; break;
    case BPV_RULE_ERROR: l = bpv::rule_level::error; break;
    case BPV_RULE_WARNING: l = bpv::rule_level::warning; break;
    case BPV_RULE_INFO: l = bpv::rule_level::info; break;
    default: return BPV_ERROR_INVALID_ARGUMENT;
  }
  return guard([&] {
    // Checked now, so that the call that is wrong is the one that fails.
    bpv::options trial;
    trial.overrides.push_back({rule_id, l});
    if (bpv_status s = check(trial); s != BPV_OK) return s;
    options->opts.overrides.push_back(std::move(trial.overrides.back()));
    return BPV_OK;
  });
}

bpv_status bpv_options_set_effective_policy(bpv_options* options, int on) {
  if (!options) return BPV_ERROR_INVALID_ARGUMENT;
  options->opts.effective_policy = on != 0;
  return BPV_OK;
}

bpv_status bpv_validator_create(const bpv_options* options, bpv_validator** out) {
  if (!out) return BPV_ERROR_INVALID_ARGUMENT;
  *out = nullptr;
  return guard([&] {
    bpv::options o = options ? options->opts : bpv::options{};
    if (bpv_status s = check(o); s != BPV_OK) return s;
    *out = new bpv_validator{bpv::validator(std::move(o))};
    return BPV_OK;
  });
}

void bpv_validator_destroy(bpv_validator* validator) { delete validator; }

bpv_status bpv_result_create(bpv_result** out) {
  if (!out) return BPV_ERROR_INVALID_ARGUMENT;
  *out = nullptr;
  return guard([&] {
    *out = new bpv_result{};
    return BPV_OK;
  });
}

void bpv_result_destroy(bpv_result* result) { delete result; }

bpv_status bpv_validate(bpv_validator* validator, const char* body, size_t body_len, const bpv_context* context,
                        bpv_result* result) {
  if (!result) return BPV_ERROR_INVALID_ARGUMENT;
  result->has_result = false;
  if (!validator || bad_text(body, body_len)) return BPV_ERROR_INVALID_ARGUMENT;
  if (context && (bad_text(context->project_id, context->project_id_len) ||
                  bad_text(context->policy_id, context->policy_id_len)))
    return BPV_ERROR_INVALID_ARGUMENT;
  return guard([&] {
    bpv::context ctx;
    if (context) {
      ctx.project_id = text(context->project_id, context->project_id_len);
      ctx.policy_id = text(context->policy_id, context->policy_id_len);
      ctx.target_is_default = context->target_is_default != 0;
    }
    validator->v.validate(std::string_view(body ? body : "", body_len), ctx, result->report);
    // Written into the result's kept strings: a warm result allocates nothing, as a report does.
    result->response.clear();
    bpv::report_detail::append_response(result->response, result->report);
    result->effective.clear();
    if (result->report.effective) {
      bpv::report_detail::append_policy(result->effective, *result->report.effective);
    } else {
      result->effective += "null";
    }
    result->has_result = true;
    return BPV_OK;
  });
}

bpv_status bpv_result_valid(const bpv_result* result, int* valid) {
  return read_value(result, valid, [](const bpv::report& r) { return r.valid ? 1 : 0; });
}

bpv_status bpv_result_http_status(const bpv_result* result, int* http_status) {
  return read_value(result, http_status, [](const bpv::report& r) { return r.http_status; });
}

bpv_status bpv_result_diagnostic_count(const bpv_result* result, size_t* count) {
  return read_value(result, count, [](const bpv::report& r) { return r.diagnostics.size(); });
}

bpv_status bpv_result_omitted(const bpv_result* result, size_t* omitted) {
  return read_value(result, omitted, [](const bpv::report& r) { return r.omitted; });
}

bpv_status bpv_result_diagnostic(const bpv_result* result, size_t index, bpv_diagnostic* out) {
  if (!result || !out) return BPV_ERROR_INVALID_ARGUMENT;
  if (!result->has_result) return BPV_ERROR_NO_RESULT;
  if (index >= result->report.diagnostics.size()) return BPV_ERROR_OUT_OF_RANGE;
  const bpv::diagnostic& d = result->report.diagnostics[index];
  // Rule IDs and codes are views of NUL-terminated static storage (literals, interned strings).
  out->rule = d.rule.data();
  out->rule_len = d.rule.size();
  out->severity = d.severity == bpv::severity::error     ? BPV_SEVERITY_ERROR
                  : d.severity == bpv::severity::warning ? BPV_SEVERITY_WARNING
                                                         : BPV_SEVERITY_INFO;
  out->code = d.code.empty() ? "" : d.code.data();
  out->code_len = d.code.size();
  out->path = d.path.c_str();
  out->path_len = d.path.size();
  out->offset = d.offset ? *d.offset : BPV_NO_OFFSET;
  out->message = d.message.c_str();
  out->message_len = d.message.size();
  return BPV_OK;
}

bpv_status bpv_result_response_json(const bpv_result* result, const char** json, size_t* len) {
  return read_string(result, &bpv_result::response, json, len);
}

bpv_status bpv_result_effective_json(const bpv_result* result, const char** json, size_t* len) {
  return read_string(result, &bpv_result::effective, json, len);
}

}  // extern "C"
