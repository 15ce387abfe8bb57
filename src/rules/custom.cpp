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

field_view field_of(const value& n, std::string_view path) {
  bool const container = n.kind == json::kind::object || n.kind == json::kind::array;
  return {path, static_cast<value_kind>(n.kind), container ? std::string_view{} : n.text, n.offset, n.name_offset};
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

void run_custom(const request& req, std::string_view body, const context& ctx, const rule_set& rules,
                custom_scratch& s, findings& out) {
  // The members first (their paths are fixed), then week_frequency's items; pointers into
  // s.fields are taken once it is filled.
  struct member {
    slot at;
    const field_view* request_view::*view;
  };
  static constexpr member api[] = {
      {slot::backup_policy_name, &request_view::backup_policy_name},
      {slot::scheduled_policy, &request_view::scheduled_policy},
      {slot::time_zone, &request_view::time_zone},
      {slot::start_time, &request_view::start_time},
      {slot::frequency, &request_view::frequency},
      {slot::week_frequency, &request_view::week_frequency},
      {slot::rentention_num, &request_view::rentention_num},
      {slot::rentention_day, &request_view::rentention_day},
      {slot::remain_first_backup_of_curMonth, &request_view::remain_first_backup_of_curMonth},
      {slot::status, &request_view::status},
  };
  s.fields.clear();
  s.item_paths.clear();
  for (const member& m : api)
    if (const value* v = req.get(m.at)) s.fields.push_back(field_of(*v, v->path()));
  std::size_t const first_item = s.fields.size();
  if (!req.week_items.empty()) {
    std::vector<std::size_t> ends;
    for (const value& item : req.week_items) {
      s.item_paths += item.path();
      s.item_paths += '/';
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
  for (const member& m : api)
    if (req.has(m.at)) view.*m.view = &s.fields[k++];
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
