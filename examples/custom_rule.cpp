// Profiles, overrides and a custom rule: a service that accepts what public clients send
// (the lenient profile), refuses unknown members, and keeps backups at least 7 days.
// usage: custom_rule
#include <bpv/bpv.hpp>

#include <iostream>
#include <string>

int main() {
  bpv::options opts;
  opts.profile = bpv::profile::lenient;                               // status alone is enough
  opts.overrides.push_back({"member.unknown", bpv::rule_level::error});  // unknown members refused

  bpv::custom_rule min_days;
  min_days.id = "acme.retention_min_days";
  min_days.severity = bpv::severity::error;
  min_days.code = "AutoBackup.0107";  // the service's code for retention
  min_days.enforces = "Backups are kept at least 7 days.";
  min_days.check = [](const bpv::request_view& req, bpv::finding_sink& out) {
    // rentention_day counts when rentention_num is absent (rentention_num prevails).
    if (!req.rentention_day || req.rentention_num) return;
    if (auto days = req.rentention_day->floor(); days && *days < 7)
      out.add(*req.rentention_day, "rentention_day must be at least 7 days, not " + std::to_string(*days));
  };
  opts.custom_rules.push_back(min_days);

  bpv::validator v(opts);  // throws std::invalid_argument for an unknown rule ID
  for (std::string body : {R"({"scheduled_policy":{"status":"OFF"}})",
                           R"({"scheduled_policy":{"frequency":1,"rentention_day":3.5}})",
                           R"({"time_zone":"UTC+08:00","note":"x"})"}) {
    bpv::report r = v.validate(body);
    std::cout << bpv::to_json(r, "-") << '\n';
  }
  for (const bpv::rule_info& rule : v.rules())
    if (rule.id == "acme.retention_min_days" || rule.id == "member.unknown")
      std::cout << rule.id << ' ' << bpv::to_string(rule.severity) << ' ' << rule.code << '\n';
}
