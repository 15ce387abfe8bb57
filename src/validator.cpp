// The pipeline: bytes -> JSON walk -> typed request -> rules -> report.
#include "bpv/validator.hpp"

#include <algorithm>
#include <stdexcept>

#include "bytes.hpp"
#include "json/walker.hpp"
#include "internal_access.hpp"
#include "rules/bind.hpp"
#include "rules/findings.hpp"
#include "rules/request.hpp"
#include "rules/rule_set.hpp"
#include "storage.hpp"

namespace bpv {

struct validator::impl {
  options opts;
  engine::rule_set rules;  // compiled from opts, whose custom rules it points to
  json::walker walker;
  json::document doc;
  engine::request req;
  engine::index_scratch index;
  engine::scratch scratch;
  engine::findings::storage findings_room;
  engine::custom_scratch custom;
  bool index_route = true;  // see bind_index (rules/bind.hpp)
  bool answered_from_index = false;
  bool outsized = false;  // a body beyond kept_body_bytes has grown the buffers since give_back()

  // After a body beyond kept_body_bytes (storage.hpp), once an ordinary body follows: each
  // buffer back to about what a body of that size needs, so that what a validator holds comes
  // back to a few megabytes. Outsized bodies one after another keep what they grew.
  void give_back() {
    walker.give_back(kept_body_bytes);
    doc.clear();
    bpv::give_back(doc.nodes, 4096);  // about 480 KB of nodes
    constexpr std::size_t few = 64;
    req.clear();
    bpv::give_back(req.root_others, few);
    bpv::give_back(req.scheduled_policy_others, few);
    bpv::give_back(req.week_items, few);
    bpv::give_back(req.marks, few);
    give_back_levels(index.names, few);
    bpv::give_back(index.open, few);
    bpv::give_back(custom.fields, few);
    bpv::give_back(custom.item_paths, kept_body_bytes);
    bpv::give_back(findings_room.kept, 2 * few);  // more only with a max_diagnostics above it
    bpv::give_back(findings_room.text, kept_body_bytes);
    // Strings a report no longer lists: only those of an ordinary size, and not too many of
    // them, wait for reuse.
    std::erase_if(findings_room.spare, [](const std::string& s) { return s.capacity() > 4096; });
    if (findings_room.spare.size() > 4 * few) findings_room.spare.resize(4 * few);
    findings_room.spare.shrink_to_fit();
  }

  // What findings keep can outgrow a few megabytes on a small body too: a custom rule's words,
  // or with max_diagnostics raised far, the entries and the strings of a long report that the
  // next, shorter one handed back. Given back like a large body's buffers; a cap raised less
  // keeps its storage, and so allocates nothing once warm.
  bool findings_outgrown() const noexcept {
    constexpr std::size_t ordinary_findings = 16384;
    return findings_room.text.capacity() > kept_body_bytes || findings_room.kept.capacity() > ordinary_findings ||
           findings_room.spare.size() > ordinary_findings;
  }
};

void internal_access::use_index_route(validator& v, bool on) noexcept { v.impl_->index_route = on; }
bool internal_access::answered_from_index(const validator& v) noexcept { return v.impl_->answered_from_index; }
std::size_t internal_access::document_room(const validator& v) noexcept { return v.impl_->doc.nodes.capacity(); }

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

// Copies the URI's policy id into the report, into the storage it already has. A caller may pass
// the report's own policy_id back in as the context's: then it is already in place.
void set_policy_id(report& out, const std::optional<std::string_view>& id) {
  if (!id) {
    out.policy_id.reset();
  } else if (!out.policy_id) {
    out.policy_id.emplace(*id);
  } else if (*id != *out.policy_id) {  // (a service passes the same ID again and again)
    std::string& kept = *out.policy_id;
    bool const inside = id->data() >= kept.data() && id->data() <= kept.data() + kept.size();
    if (inside) {
      kept = std::string(*id);  // a part of itself
    } else {
      kept.assign(id->data(), id->size());
    }
  }
}

// The report's list from the findings; returns the verdict that follows from it.
bool conclude(report& out, engine::findings& f, std::size_t body_size) {
  out.omitted = f.finish(out.diagnostics, body_size);
  return std::none_of(out.diagnostics.begin(), out.diagnostics.end(),
                      [](const diagnostic& d) { return d.severity == severity::error; });
}

}  // namespace


void validator::validate(std::string_view body, const context& ctx, report& out) {
  impl& m = *impl_;
  // Marked before anything can throw (a custom rule, std::bad_alloc): what this body grows is
  // given back after the next ordinary one, however this one ends.
  if (body.size() > kept_body_bytes) m.outsized = true;
  m.answered_from_index = false;
  out.valid = false;
  out.http_status = 400;
  out.omitted = 0;
  out.effective.reset();  // here, so that a custom rule that throws leaves none from before

  engine::findings f(&m.doc, m.opts.limits.max_diagnostics, &m.rules, m.findings_room);
  // The URI comes before the body: its finding is listed first among those without an offset.
  auto uri = [&] {
    if (ctx.policy_id && ctx.policy_id->empty())
      f.add(engine::rule::request_policy_id_empty, engine::path_ref{}, std::nullopt,
            engine::say("the policy ID in the URI is empty: PUT /v2/{project_id}/backuppolicy/{policy_id} needs one"));
  };
  uri();

  // A body beyond the size limit is refused by the walk even when blank: the command line
  // reads no further than the limit, and a cut body must not pass for a blank one.
  // (A body is nearly always '{' first: no call for it.)
  bool const blank = body.size() <= m.opts.limits.max_body_bytes &&
                     (body.empty() || (json::is_json_space(body.front()) && json::is_blank(body)));
  bool bound = false;  // m.req holds the body's request
  bool broken = false;  // the index reading found the body not JSON, or too deep
  if (blank) {
    m.doc.clear();
    f.add(engine::rule::body_empty, engine::path_ref{}, std::nullopt,
          engine::say("the request body is empty: send a JSON object with the members to change"));
  } else {
    std::optional<json::structure> const index =
        m.walker.index(body, json::walk_limits{m.opts.limits.max_body_bytes, m.opts.limits.max_depth});
    // Most requests: the request straight from the structural index, and the rules on it, with
    // no document and not even DOM's second stage.
    bool const read = index && m.index_route && engine::bind_index(*index, m.opts.limits.max_depth, m.req, m.index);
    broken = index && m.index_route && !read && !m.index.wants_document;
    if (read) {
      std::size_t const before = f.raised();
      engine::check(m.req, nullptr, ctx, m.rules, m.scratch, f);
      // The index reading takes strings as written, which holds when the body has no '\', and
      // has not looked for '<' and '>'. A request on which the rules raised nothing, with no
      // member but the API's, has neither: every string it has passed a check that refuses
      // them (names of the API, days, Y/N, ON/OFF, the name's characters, both grammars).
      // Anything else is looked at.
      bool const sure = f.raised() == before && m.req.root_others.empty() && m.req.scheduled_policy_others.empty();
      bytes::special const special = sure ? bytes::special{} : bytes::find_special(body);
      bound = !special.backslash;  // escapes: the document unescapes
      if (bound && special.angle_bracket) {
        // Read again, minding '<' and '>' this time: most are in strings whose path the index
        // reading knows; for the others, the document.
        f.restart();
        uri();
        // (The body read once already: this reading can only hand it to the document.)
        bound = engine::bind_index(*index, m.opts.limits.max_depth, m.req, m.index, true);
        if (bound) engine::check(m.req, nullptr, ctx, m.rules, m.scratch, f);
      }
      if (!bound) {
        f.restart();
        uri();
      }
      m.answered_from_index = bound;
    }
    if (!bound) {
      m.walker.build(m.doc, broken);
      if (m.doc.error) {
        f.add(rule_for(m.doc.error->why), engine::path_ref{}, m.doc.error->offset,
              engine::say(std::string_view(m.doc.error->message)));
        // A failed walk keeps nodes only of a body that is JSON but not an object (walker::walk):
        // its array or string, read for these.
        if (!m.doc.nodes.empty()) engine::check_anywhere(m.doc, f);
      } else {
        engine::bind(m.doc, m.req);
        engine::check(m.req, &m.doc, ctx, m.rules, m.scratch, f);
        bound = true;
      }
    }
    if (bound && !m.rules.custom().empty()) engine::run_custom(m.req, body, ctx, m.rules, m.custom, f);
  }

  // Only now, when nothing reads the context any more: its views may point into `out` (the
  // policy_id of the last report, say), which a custom rule must see as the caller left it.
  set_policy_id(out, ctx.policy_id);
  bool const valid = conclude(out, f, body.size());
  if (m.findings_outgrown()) m.outsized = true;
  // The verdict last: running out of memory while the effective policy is copied, or while
  // storage is given back, leaves `out` invalid and without a policy (validator.hpp).
  try {
    if (valid && bound && m.opts.effective_policy) engine::effective_into(m.req, m.scratch, out.effective.emplace());
    if (body.size() <= kept_body_bytes && m.outsized) {
      m.give_back();
      m.outsized = false;
    }
  } catch (...) {
    out.effective.reset();
    throw;
  }
  out.valid = valid;
  out.http_status = valid ? 200 : 400;
}

}  // namespace bpv
