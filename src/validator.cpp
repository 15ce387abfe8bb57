// The pipeline: bytes -> JSON walk -> typed request -> rules -> report.
#include "bpv/validator.hpp"

#include <algorithm>
#include <stdexcept>

#include "json/walker.hpp"
#include "rules/findings.hpp"
#include "rules/request.hpp"
#include "rules/rule_set.hpp"

namespace bpv {

struct validator::impl {
  options opts;
  engine::rule_set rules;  // compiled from opts, whose custom rules it points to
  json::walker walker;
  json::document doc;
  engine::scratch scratch;
  engine::custom_scratch custom;
};

validator::validator(options opts) : impl_(std::make_unique<impl>()) {
  impl_->opts = std::move(opts);
  if (auto p = engine::rule_set::compile(impl_->opts, impl_->rules); p.kind != engine::rule_set::problem_kind::none)
    throw std::invalid_argument(p.message);
}
validator::~validator() = default;
validator::validator(validator&&) noexcept = default;
validator& validator::operator=(validator&&) noexcept = default;

const options& validator::config() const noexcept { return impl_->opts; }

std::span<const rule_info> validator::rules() const noexcept { return impl_->rules.table(); }

report validator::validate(std::string_view body, const context& ctx) {
  report r;
  validate(body, ctx, r);
  return r;
}

namespace {

engine::rule rule_for(json::failure::reason why) noexcept {
  switch (why) {
    case json::failure::reason::syntax: return engine::rule::body_not_json;
    case json::failure::reason::not_object: return engine::rule::body_not_object;
    case json::failure::reason::too_deep: return engine::rule::body_too_deep;
    case json::failure::reason::too_large: return engine::rule::body_too_large;
  }
  return engine::rule::body_not_json;
}

}  // namespace

void validator::validate(std::string_view body, const context& ctx, report& out) {
  impl& m = *impl_;
  // Copy from the context before touching `out`: a caller may pass out.policy_id back in.
  std::optional<std::string> policy_id;
  if (ctx.policy_id) policy_id.emplace(*ctx.policy_id);
  out.valid = false;
  out.http_status = 400;
  out.effective.reset();
  out.omitted = 0;
  out.policy_id = std::move(policy_id);
  engine::findings f(&m.doc, m.opts.limits.max_diagnostics, &m.rules);

  // The URI comes before the body: its finding is listed first among those without an offset.
  if (ctx.policy_id && ctx.policy_id->empty())
    f.add(engine::rule::request_policy_id_empty, "", std::nullopt,
          "the policy ID in the URI is empty: PUT /v2/{project_id}/backuppolicy/{policy_id} needs one");

  std::optional<engine::request> req;
  // A body beyond the size limit is refused by the walk even when blank: the command line
  // reads no further than the limit, and a cut body must not pass for a blank one.
  if (body.size() <= m.opts.limits.max_body_bytes && json::is_blank(body)) {
    m.doc.clear();
    f.add(engine::rule::body_empty, "", std::nullopt, "the request body is empty: send a JSON object with the members to change");
  } else {
    m.walker.walk(body, json::walk_limits{m.opts.limits.max_body_bytes, m.opts.limits.max_depth}, m.doc);
    if (m.doc.error) {
      f.add(rule_for(m.doc.error->why), "", m.doc.error->offset, m.doc.error->message);
    } else {
      req = engine::bind(m.doc);
      engine::check(m.doc, *req, ctx, m.rules, m.scratch, f);
      if (!m.rules.custom().empty()) engine::run_custom(m.doc, *req, body, ctx, m.rules, m.custom, f);
    }
  }

  // Paths never need more room than the body they point into, bar escaping; a report whose
  // paths pass that is listing one hostile structure over and over.
  out.omitted = f.finish(out.diagnostics, std::max<std::size_t>(m.opts.limits.max_body_bytes, 4096));
  out.valid = std::none_of(out.diagnostics.begin(), out.diagnostics.end(),
                           [](const diagnostic& d) { return d.severity == severity::error; });
  out.http_status = out.valid ? 200 : 400;
  if (out.valid && req) out.effective = engine::effective_of(m.doc, *req);
}

}  // namespace bpv
