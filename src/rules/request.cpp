// Binding the typed request to a walked body, and the effective policy of a valid one.
#include "rules/request.hpp"

#include "rules/numbers.hpp"

namespace bpv::engine {

using json::kind;
using json::node;

namespace {

const node* member(const json::document& doc, const node& object, std::string_view name) {
  for (const node& m : json::children(doc, object))
    if (!m.duplicate && m.name == name) return &m;
  return nullptr;
}

std::int64_t integer_of(const node& n) { return integer_literal(n.text).value_or(0); }

}  // namespace

request bind(const json::document& doc) {
  request r;
  const node& root = doc.root();
  r.backup_policy_name = member(doc, root, "backup_policy_name");
  r.scheduled_policy = member(doc, root, "scheduled_policy");
  r.time_zone = member(doc, root, "time_zone");
  if (r.scheduled_policy && r.scheduled_policy->kind == kind::object) {
    const node& sp = *r.scheduled_policy;
    r.start_time = member(doc, sp, "start_time");
    r.frequency = member(doc, sp, "frequency");
    r.week_frequency = member(doc, sp, "week_frequency");
    r.rentention_num = member(doc, sp, "rentention_num");
    r.rentention_day = member(doc, sp, "rentention_day");
    r.remain_first_backup_of_curMonth = member(doc, sp, "remain_first_backup_of_curMonth");
    r.status = member(doc, sp, "status");
  }
  return r;
}

policy effective_of(const json::document& doc, const request& req) {
  policy p;
  auto text = [](const node* n) { return n ? std::optional<std::string>(n->text) : std::nullopt; };
  p.backup_policy_name = text(req.backup_policy_name);
  p.time_zone = text(req.time_zone);
  if (req.scheduled_policy) {
    scheduled_policy& sp = p.scheduled_policy.emplace();
    sp.start_time = text(req.start_time);
    if (req.frequency) sp.frequency = integer_of(*req.frequency);
    if (req.week_frequency && !req.frequency) {
      auto& days = sp.week_frequency.emplace();
      for (const node& item : json::children(doc, *req.week_frequency)) days.emplace_back(item.text);
    }
    if (req.rentention_num) sp.rentention_num = integer_of(*req.rentention_num);
    if (req.rentention_day && !req.rentention_num) sp.rentention_day = floor_of(req.rentention_day->text);
    sp.remain_first_backup_of_curMonth = text(req.remain_first_backup_of_curMonth);
    sp.status = text(req.status);
  }
  return p;
}

}  // namespace bpv::engine
