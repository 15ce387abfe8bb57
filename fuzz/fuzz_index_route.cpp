// The request read from simdjson's structural index (src/rules/bind_index.cpp) against the one
// read from the walked document: the rules are the same code on either, so on every body, under
// the context and options the first two bytes choose (common.hpp), the validator that reads
// from the index where it can and the one that always walks the document must give the same
// report, field for field. The third byte picks a profile, overrides or custom rules (some
// refused), so that they meet both readings too.
#include "common.hpp"
#include "internal_access.hpp"

#include <stdexcept>

namespace {

// A custom rule that reads every view it is given, so that custom rules meet every body too:
// retention under 7 days, and names longer than 10 characters (as warnings or errors).
bpv::custom_rule reading_everything(bpv::severity sev) {
  bpv::custom_rule r;
  r.id = sev == bpv::severity::error ? "fuzz.retention_min_days" : "fuzz.short_names";
  r.severity = sev;
  r.code = sev == bpv::severity::error ? "AutoBackup.0107" : "";
  r.enforces = "Backups are kept at least 7 days; names are short.";
  r.check = [](const bpv::request_view& req, bpv::finding_sink& out) {
    const bpv::field_view* all[] = {req.backup_policy_name, req.scheduled_policy, req.time_zone, req.start_time,
                                    req.frequency, req.week_frequency, req.rentention_num, req.rentention_day,
                                    req.remain_first_backup_of_curMonth, req.status};
    std::size_t seen = req.week_frequency_items.size();
    for (const bpv::field_view* f : all) {
      if (!f) continue;
      FUZZ_CHECK(f->offset <= req.body.size() && f->name_offset <= f->offset);
      FUZZ_CHECK(f->path.starts_with("/"));
      seen += f->text.size() + static_cast<std::size_t>(f->integer().value_or(0) != 0) +
              static_cast<std::size_t>(f->floor().has_value());
    }
    if (req.rentention_day && !req.rentention_num)
      if (auto days = req.rentention_day->floor(); days && *days < 7) out.add(*req.rentention_day, "under 7 days");
    if (req.backup_policy_name && req.backup_policy_name->text.size() > 10)
      out.add(*req.backup_policy_name, req.backup_policy_name->offset + 1, "a long name");
    if (seen > 1000) out.add("", std::nullopt, "a large request");
  };
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bpv::fuzz::setup s = bpv::fuzz::decode(data, size);
  if (!s.body.empty()) {
    switch (static_cast<unsigned char>(s.body.front()) % 8) {
      case 1: s.opts.profile = bpv::profile::lenient; break;
      case 2: s.opts.overrides = {{"member.unknown", bpv::rule_level::error}}; break;
      case 3: s.opts.overrides = {{"week_frequency.ignored", bpv::rule_level::off}}; break;
      case 4: s.opts.custom_rules = {reading_everything(bpv::severity::error)}; break;
      case 5:
        s.opts.profile = bpv::profile::lenient;
        s.opts.custom_rules = {reading_everything(bpv::severity::warning)};
        s.opts.overrides = {{"fuzz.short_names", bpv::rule_level::info}, {"member.near_miss", bpv::rule_level::warning}};
        break;
      case 6: s.opts.overrides = {{"no.such_rule", bpv::rule_level::off}}; break;  // refused
      case 7: s.opts.overrides = {{"body.not_json", bpv::rule_level::off}}; break;  // a fixed rule: refused
      default: break;
    }
    s.body.remove_prefix(1);
  }
  std::string const problem = bpv::options_problem(s.opts);
  try {
    bpv::validator index(s.opts), doc(s.opts);
    FUZZ_CHECK(problem.empty());
    bpv::internal_access::use_index_route(doc, false);
    bpv::report const a = index.validate(s.body, s.ctx);
    bpv::report const b = doc.validate(s.body, s.ctx);
    FUZZ_CHECK(bpv::fuzz::same_report(a, b));
    FUZZ_CHECK(bpv::to_json(a, "-") == bpv::to_json(b, "-"));
  } catch (const std::invalid_argument& e) {
    FUZZ_CHECK(!problem.empty() && problem == e.what());
  }
  return 0;
}
