// The JSON renderers: the report line of contract/cli.md, the service response, the policy.
#include <string>

#include "bpv/report.hpp"
#include "bpv/rules.hpp"
#include "report/json_text.hpp"

namespace bpv {

using report_detail::append_json_string;
using report_detail::append_policy;
using report_detail::append_response;

const diagnostic* report::first_error() const noexcept {
  for (const auto& d : diagnostics)
    if (d.severity == severity::error) return &d;
  return nullptr;
}

namespace {

void append_member(std::string& out, bool& first, std::string_view name) {
  if (!first) out.push_back(',');
  first = false;
  append_json_string(out, name);
  out.push_back(':');
}

}  // namespace

namespace report_detail {

void append_policy(std::string& out, const policy& p) {
  bool first = true;
  out.push_back('{');
  if (p.backup_policy_name) {
    append_member(out, first, "backup_policy_name");
    append_json_string(out, *p.backup_policy_name);
  }
  if (p.scheduled_policy) {
    const scheduled_policy& s = *p.scheduled_policy;
    append_member(out, first, "scheduled_policy");
    bool inner = true;
    out.push_back('{');
    auto str = [&](std::string_view name, const field<std::string>& v) {
      if (!v) return;
      append_member(out, inner, name);
      append_json_string(out, *v);
    };
    auto num = [&](std::string_view name, const field<std::int64_t>& v) {
      if (!v) return;
      append_member(out, inner, name);
      out += std::to_string(*v);
    };
    str("start_time", s.start_time);
    num("frequency", s.frequency);
    if (s.week_frequency) {
      append_member(out, inner, "week_frequency");
      out.push_back('[');
      for (std::size_t i = 0; i < s.week_frequency->size(); ++i) {
        if (i) out.push_back(',');
        append_json_string(out, (*s.week_frequency)[i]);
      }
      out.push_back(']');
    }
    num("rentention_num", s.rentention_num);
    num("rentention_day", s.rentention_day);
    str("remain_first_backup_of_curMonth", s.remain_first_backup_of_curMonth);
    str("status", s.status);
    out.push_back('}');
  }
  if (p.time_zone) {
    append_member(out, first, "time_zone");
    append_json_string(out, *p.time_zone);
  }
  out.push_back('}');
}

void append_response(std::string& out, const report& r) {
  if (const diagnostic* e = r.first_error()) {
    out += "{\"error\":{\"code\":";
    append_json_string(out, e->code);
    out += ",\"message\":";
    append_json_string(out, e->message);
    out += "}}";
  } else {
    out += "{\"backup_policy_id\":";
    if (r.policy_id) {
      append_json_string(out, *r.policy_id);
    } else {
      out += "null";
    }
    out += "}";
  }
}

}  // namespace report_detail

std::string to_json(const rule_info& r) {
  std::string out;
  bool first = true;
  out.push_back('{');
  append_member(out, first, "rule");
  append_json_string(out, r.id);
  append_member(out, first, "severity");
  append_json_string(out, to_string(r.severity));
  append_member(out, first, "code");
  if (r.code.empty()) {
    out += "null";
  } else {
    append_json_string(out, r.code);
  }
  append_member(out, first, "enforces");
  append_json_string(out, r.enforces);
  out.push_back('}');
  return out;
}

std::string to_json(const policy& p) {
  std::string out;
  append_policy(out, p);
  return out;
}

std::string response_json(const report& r) {
  std::string out;
  append_response(out, r);
  return out;
}

std::string to_json(const report& r, std::string_view source) {
  std::string out;
  out.reserve(256 + r.diagnostics.size() * 160);
  out += "{\"source\":";
  append_json_string(out, source);
  out += ",\"valid\":";
  out += r.valid ? "true" : "false";
  out += ",\"http_status\":";
  out += std::to_string(r.http_status);
  out += ",\"response\":";
  append_response(out, r);
  out += ",\"diagnostics\":[";
  for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
    const diagnostic& d = r.diagnostics[i];
    if (i) out.push_back(',');
    out += "{\"rule\":";
    append_json_string(out, d.rule);
    out += ",\"severity\":";
    append_json_string(out, to_string(d.severity));
    out += ",\"code\":";
    if (d.code.empty()) {
      out += "null";
    } else {
      append_json_string(out, d.code);
    }
    out += ",\"path\":";
    append_json_string(out, d.path);
    out += ",\"offset\":";
    out += d.offset ? std::to_string(*d.offset) : "null";
    out += ",\"message\":";
    append_json_string(out, d.message);
    out += "}";
  }
  out += "]";
  if (r.omitted != 0) {
    out += ",\"omitted\":";
    out += std::to_string(r.omitted);
  }
  out += ",\"effective\":";
  if (r.effective) {
    append_policy(out, *r.effective);
  } else {
    out += "null";
  }
  out += "}";
  return out;
}

}  // namespace bpv
