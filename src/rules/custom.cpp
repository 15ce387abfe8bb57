// Running custom rules: the request as they see it (bpv::request_view), and their findings.
#include <string>

#include "bpv/custom_rule.hpp"
#include "rules/findings.hpp"
#include "rules/numbers.hpp"
#include "rules/request.hpp"
#include "rules/rule_set.hpp"

namespace bpv {

std::optional<std::int64_t> field_view::integer() const noexcept {
  if (kind != value_kind::number) return std::nullopt;
  return engine::integer_literal(text);
}

std::optional<std::int64_t> field_view::floor() const noexcept {
  if (kind != value_kind::number) return std::nullopt;
  return engine::floor_of(text);
}

namespace engine {
namespace {

static_assert(static_cast<int>(value_kind::null) == static_cast<int>(json::kind::null) &&
                  static_cast<int>(value_kind::object) == static_cast<int>(json::kind::object),
              "value_kind mirrors json::kind");

field_view field_of(const json::node& n, std::string_view path) {
  bool const container = n.kind == json::kind::object || n.kind == json::kind::array;
  return {path, static_cast<value_kind>(n.kind), container ? std::string_view{} : n.text, n.offset,
          n.is_member() ? n.name_offset : n.offset};
}

class sink final : public finding_sink {
 public:
  sink(findings& out, const custom_state& rule, std::size_t body_size) : out_(out), rule_(rule), body_size_(body_size) {}

 private:
  void emit(std::string_view path, std::optional<std::size_t> offset, std::string message) override {
    if (offset && *offset > body_size_) offset.reset();
    severity const sev = rule_.state.level;
    out_.add(rule_.id, sev, sev == severity::error ? rule_.code : std::string_view{}, path, offset, std::move(message));
  }

  findings& out_;
  const custom_state& rule_;
  std::size_t body_size_;
};

}  // namespace

void run_custom(const json::document& doc, const request& req, std::string_view body, const context& ctx,
                const rule_set& rules, custom_scratch& s, findings& out) {
  // The members first (their paths are fixed), then week_frequency's items; pointers into
  // s.fields are taken once it is filled.
  struct member {
    const json::node* node;
    std::string_view path;
    const field_view* request_view::*slot;
  };
  const member members[] = {
      {req.backup_policy_name, "/backup_policy_name", &request_view::backup_policy_name},
      {req.scheduled_policy, "/scheduled_policy", &request_view::scheduled_policy},
      {req.time_zone, "/time_zone", &request_view::time_zone},
      {req.start_time, "/scheduled_policy/start_time", &request_view::start_time},
      {req.frequency, "/scheduled_policy/frequency", &request_view::frequency},
      {req.week_frequency, "/scheduled_policy/week_frequency", &request_view::week_frequency},
      {req.rentention_num, "/scheduled_policy/rentention_num", &request_view::rentention_num},
      {req.rentention_day, "/scheduled_policy/rentention_day", &request_view::rentention_day},
      {req.remain_first_backup_of_curMonth, "/scheduled_policy/remain_first_backup_of_curMonth",
       &request_view::remain_first_backup_of_curMonth},
      {req.status, "/scheduled_policy/status", &request_view::status},
  };
  s.fields.clear();
  s.item_paths.clear();
  for (const member& m : members)
    if (m.node) s.fields.push_back(field_of(*m.node, m.path));
  std::size_t const first_item = s.fields.size();
  if (req.week_frequency && req.week_frequency->kind == json::kind::array) {
    std::vector<std::size_t> ends;
    for (const json::node& item : json::children(doc, *req.week_frequency)) {
      s.item_paths += "/scheduled_policy/week_frequency/";
      s.item_paths += std::to_string(item.index);
      ends.push_back(s.item_paths.size());
      s.fields.push_back(field_of(item, {}));
    }
    std::size_t begin = 0;
    for (std::size_t i = 0; i < ends.size(); ++i) {
      s.fields[first_item + i].path = std::string_view(s.item_paths).substr(begin, ends[i] - begin);
      begin = ends[i];
    }
  }

  request_view view;
  view.body = body;
  view.context = &ctx;
  std::size_t k = 0;
  for (const member& m : members)
    if (m.node) view.*m.slot = &s.fields[k++];
  view.week_frequency_items = std::span<const field_view>(s.fields).subspan(first_item);
  view.has_errors = out.has_error();

  for (const custom_state& c : rules.custom()) {
    if (!c.state.on) continue;
    sink to(out, c, body.size());
    c.rule->check(view, to);
  }
}

}  // namespace engine
}  // namespace bpv
