// Binding the typed request to a walked document, and the effective policy of a valid request.
#include <iterator>

#include "rules/bind.hpp"
#include "rules/members.hpp"
#include "rules/numbers.hpp"

namespace bpv::engine {

using json::kind;
using json::node;

namespace {

static_assert(std::size(members) == slot_count, "one slot per member of the API, in the order of members[]");

void take(value& v, const node& n) {
  v.kind = n.kind;
  v.count = n.child_count;
  v.offset = n.offset;
  v.name_offset = n.is_member() ? n.name_offset : n.offset;
  v.text = n.text;
  v.raw = n.raw;
  v.has_raw = true;  // as written, escapes and all
}

// Binds the members of `object` (one of the API's), and lists the others; returns the node
// bound to `wanted`. The first occurrence of a name binds (later ones are marked duplicates,
// and reported as such).
const node* bind_members(const json::document& doc, const node& object, object_id in, request& r,
                         std::vector<other_member>& others, slot wanted) {
  const node* found = nullptr;
  for (const node& m : json::children(doc, object)) {
    if (m.duplicate) continue;
    if (const member_spec* spec = find_member(in, m.name)) {
      auto const s = static_cast<slot>(spec - members);
      take(r.bind_with_raw(s), m);
      if (s == wanted) found = &m;
    } else {
      others.push_back(other_member{m.name, m.name_offset});
    }
  }
  return found;
}

}  // namespace

void bind(const json::document& doc, request& r) {
  r.clear();
  const node& root = doc.root();
  r.root_offset = root.offset;
  r.root_members = root.child_count;
  const node* sp = bind_members(doc, root, object_id::root, r, r.root_others, slot::scheduled_policy);
  if (!sp || sp->kind != kind::object) return;
  const node* week =
      bind_members(doc, *sp, object_id::scheduled_policy, r, r.scheduled_policy_others, slot::week_frequency);
  if (!week || week->kind != kind::array) return;
  for (const node& item : json::children(doc, *week)) {
    value& v = r.week_items.emplace_back();
    take(v, item);
    v.member = slot::week_frequency;
    v.index = item.index;
  }
}

void effective_into(const request& req, const scratch& s, policy& p) {
  // Appended into the kept storage: assigning a view would take std::string's general replace.
  auto text = [](field<std::string>& f, const value* v) {
    if (v) {
      f.emplace().append(v->text);
    } else {
      f.reset();
    }
  };
  text(p.backup_policy_name, req.backup_policy_name());
  text(p.time_zone, req.time_zone());
  if (!req.scheduled_policy()) {
    p.scheduled_policy.reset();
    return;
  }
  scheduled_policy& sp = p.scheduled_policy.emplace();
  text(sp.start_time, req.start_time());
  // A number reaches the policy only as itself: one read at the clamp (rules/numbers.hpp), which
  // only a range rule lowered by an override lets through, is left out rather than written as 2^53.
  if (req.frequency() && !at_clamp(s.frequency)) sp.frequency = s.frequency;
  if (req.week_frequency() && !req.frequency()) {
    auto& days = sp.week_frequency.emplace();
    // The items as sent; one that is not a string (let through by week_frequency.day lowered)
    // has no place in a list of days and is left out, not written as text.
    for (const value& item : req.week_items)
      if (item.kind == kind::string) days.emplace_back(item.text);
  }
  if (req.rentention_num() && !at_clamp(s.rentention_num)) sp.rentention_num = s.rentention_num;
  if (req.rentention_day() && !req.rentention_num() && !at_clamp(s.rentention_day)) sp.rentention_day = s.rentention_day;
  text(sp.remain_first_backup_of_curMonth, req.remain_first_backup_of_curMonth());
  text(sp.status, req.status());
}

}  // namespace bpv::engine
