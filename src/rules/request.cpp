// Binding the typed request to a walked body, and the effective policy of a valid one.
#include "rules/request.hpp"

#include <iterator>

#include "rules/members.hpp"
#include "rules/numbers.hpp"

namespace bpv::engine {

using json::kind;
using json::node;

namespace {

// The slot of the request that member `spec` binds to.
const node** slot_of(request& r, const member_spec& spec) noexcept {
  const node** slots[] = {&r.backup_policy_name, &r.scheduled_policy, &r.time_zone, &r.start_time,
                          &r.frequency, &r.week_frequency, &r.rentention_num, &r.rentention_day,
                          &r.remain_first_backup_of_curMonth, &r.status};
  static_assert(std::size(slots) == std::size(members));
  return slots[&spec - members];
}

// Binds the members of `object` (one of the API's); true when it has others too. The first
// occurrence of a name binds (later ones are marked duplicates).
bool bind_members(const json::document& doc, const node& object, object_id in, request& r) {
  bool others = false;
  for (const node& m : json::children(doc, object)) {
    if (m.duplicate) continue;
    if (const member_spec* spec = find_member(in, m.name)) {
      *slot_of(r, *spec) = &m;
    } else {
      others = true;
    }
  }
  return others;
}

std::int64_t integer_of(const node& n) { return integer_literal(n.text).value_or(0); }

}  // namespace

request bind(const json::document& doc) {
  request r;
  r.others_in_root = bind_members(doc, doc.root(), object_id::root, r);
  if (r.scheduled_policy && r.scheduled_policy->kind == kind::object)
    r.others_in_scheduled_policy = bind_members(doc, *r.scheduled_policy, object_id::scheduled_policy, r);
  return r;
}

void effective_into(const json::document& doc, const request& req, policy& p) {
  auto text = [](field<std::string>& f, const node* n) {
    if (n) {
      f = n->text;
    } else {
      f.reset();
    }
  };
  text(p.backup_policy_name, req.backup_policy_name);
  text(p.time_zone, req.time_zone);
  if (!req.scheduled_policy) {
    p.scheduled_policy.reset();
    return;
  }
  scheduled_policy& sp = p.scheduled_policy.emplace();
  text(sp.start_time, req.start_time);
  if (req.frequency) sp.frequency = integer_of(*req.frequency);
  if (req.week_frequency && !req.frequency) {
    auto& days = sp.week_frequency.emplace();
    for (const node& item : json::children(doc, *req.week_frequency)) days.emplace_back(item.text);
  }
  if (req.rentention_num) sp.rentention_num = integer_of(*req.rentention_num);
  if (req.rentention_day && !req.rentention_num) sp.rentention_day = floor_of(req.rentention_day->text);
  text(sp.remain_first_backup_of_curMonth, req.remain_first_backup_of_curMonth);
  text(sp.status, req.status);
}

}  // namespace bpv::engine
