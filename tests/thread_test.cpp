// Validators on several threads at once: one validator per thread, made from options (with a
// custom rule) and C API options shared read-only, give exactly the single-threaded results.
// Run under ThreadSanitizer by scripts/tsan-test.
#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bpv/bpv.h"
#include "support.hpp"

namespace {

using bpv::options;
using bpv::test::sp;

constexpr unsigned thread_count = 4;
constexpr unsigned rounds = 25;

struct input {
  std::string body;
  bpv::context ctx;
};

// Mixed inputs: valid, invalid in many ways, broken, large, with and without a context.
const std::vector<input>& inputs() {
  static const std::vector<input> all = [] {
    std::vector<input> v;
    auto add = [&](std::string body, bpv::context ctx = {}) { v.push_back({std::move(body), ctx}); };
    bpv::context with_ids;
    with_ids.project_id = "0605767fe980d5b52f7cc00d7a8a4b46";
    with_ids.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
    bpv::context default_policy;
    default_policy.target_is_default = true;
    bpv::context empty_id;
    empty_id.policy_id = "";
    add(R"({"backup_policy_name":"policy_01","scheduled_policy":{"remain_first_backup_of_curMonth":"Y","rentention_num":10,"week_frequency":["MON"],"start_time":"12:00","status":"ON"},"time_zone":"UTC+08:00"})",
        with_ids);
    add(R"({"backup_policy_name":"default policy","scheduled_policy":{"rentention_num":1,"retention_day":30,"frequency":1,"start_time":"22:00,00:30","status":"on","time_zone":"UTC+02:00"},"time_zone":"UTC+2:00"})");
    add(sp(R"("status":"OFF")"));
    add(sp(R"("frequency":1,"rentention_day":3.5)"));
    add(sp(R"("rentention_day":5,"rentention_num":3,"frequency":1,"frequncy":2)"));
    add(R"({"scheduled_policy":{"start_time":"22:00,00:00,02:00","frequency":1},"time_zone":"UTC+02:00"})");
    add(R"({"backup_policy_name":"x"})", default_policy);
    add("", empty_id);
    add("[1,2,3]");
    add(R"({"a":)");
    add(std::string(100000, '['));
    std::string wide = "{";
    for (int i = 0; i < 2000; ++i) wide += "\"m" + std::to_string(i) + "\":\"<" + std::to_string(i) + ">\",";
    wide += R"("time_zone":"UTC+01:00"})";
    add(wide);
    add(R"({"k":1,"k":2,"time_zone":"UTC+15:00"})");
    return v;
  }();
  return all;
}

// A configuration shared by every thread: lenient, overrides, and a custom rule that reads a
// shared immutable setting.
options shared_options() {
  options o;
  o.profile = bpv::profile::lenient;
  o.overrides = {{"member.unknown", bpv::rule_level::info}, {"start_time.order", bpv::rule_level::warning}};
  auto const min_days = std::make_shared<const std::int64_t>(7);
  o.custom_rules.push_back({"acme.retention_min_days", bpv::severity::error, "AutoBackup.0107",
                            "Backups are kept at least 7 days.",
                            [min_days](const bpv::request_view& v, bpv::finding_sink& out) {
                              if (!v.rentention_day || v.rentention_num) return;
                              if (auto d = v.rentention_day->floor(); d && *d < *min_days)
                                out.add(*v.rentention_day, "keep backups at least 7 days");
                            }});
  o.limits.max_diagnostics = 50;
  return o;
}

std::string rendered(const bpv::report& r, const input& in) { return bpv::to_json(r, "-") + "\n" + bpv::to_text(r, in.body, "-"); }

std::vector<std::string> single_threaded(const options& o) {
  bpv::validator v(o);
  std::vector<std::string> out;
  for (const auto& in : inputs()) out.push_back(rendered(v.validate(in.body, in.ctx), in));
  return out;
}

TEST(Threads, ValidatorsPerThreadAgreeWithOneThread) {
  const options defaults{};
  const options shared = shared_options();
  const std::vector<std::string> expected_defaults = single_threaded(defaults);
  const std::vector<std::string> expected_shared = single_threaded(shared);
  ASSERT_NE(expected_defaults, expected_shared) << "the shared options must change something";

  std::atomic<unsigned> mismatches{0}, runs{0};
  std::latch start(thread_count);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      bpv::validator plain(defaults);
      bpv::report r;  // reused, as a service would
      for (unsigned round = 0; round < rounds; ++round) {
        // A fresh validator from the shared options now and then: construction runs concurrently too.
        bpv::validator configured(shared);
        for (std::size_t k = 0; k < inputs().size(); ++k) {
          std::size_t const i = (k + t + round) % inputs().size();  // each thread in its own order
          const input& in = inputs()[i];
          plain.validate(in.body, in.ctx, r);
          if (rendered(r, in) != expected_defaults[i]) ++mismatches;
          configured.validate(in.body, in.ctx, r);
          if (rendered(r, in) != expected_shared[i]) ++mismatches;
          runs += 2;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0u);
  EXPECT_EQ(runs.load(), thread_count * rounds * inputs().size() * 2);
}

// The C API: one bpv_options shared read-only, one validator and result per thread.
TEST(Threads, CApiValidatorsPerThreadAgree) {
  bpv_options* o = nullptr;
  ASSERT_EQ(bpv_options_create(&o), BPV_OK);
  ASSERT_EQ(bpv_options_set_profile(o, "lenient"), BPV_OK);
  ASSERT_EQ(bpv_options_set_rule(o, "member.unknown", BPV_RULE_ERROR), BPV_OK);

  auto run = [&](const input& in, bpv_validator* v, bpv_result* r) {
    bpv_context ctx{};
    if (in.ctx.policy_id) {
      ctx.policy_id = in.ctx.policy_id->data();
      ctx.policy_id_len = in.ctx.policy_id->size();
    }
    ctx.target_is_default = in.ctx.target_is_default;
    std::string out;
    if (bpv_validate(v, in.body.data(), in.body.size(), &ctx, r) != BPV_OK) return std::string("failed");
    std::size_t n = 0;
    bpv_result_diagnostic_count(r, &n);
    for (std::size_t i = 0; i < n; ++i) {
      bpv_diagnostic d;
      bpv_result_diagnostic(r, i, &d);
      out.append(d.rule, d.rule_len).append(" ").append(d.code, d.code_len).append(" ").append(d.path, d.path_len);
      out.append(" ").append(std::to_string(d.offset)).append(" ").append(d.message, d.message_len).append("\n");
    }
    const char* json = nullptr;
    std::size_t len = 0;
    bpv_result_response_json(r, &json, &len);
    out.append(json, len);
    bpv_result_effective_json(r, &json, &len);
    out.append(json, len);
    return out;
  };

  std::vector<std::string> expected;
  {
    bpv_validator* v = nullptr;
    bpv_result* r = nullptr;
    ASSERT_EQ(bpv_validator_create(o, &v), BPV_OK);
    ASSERT_EQ(bpv_result_create(&r), BPV_OK);
    for (const auto& in : inputs()) expected.push_back(run(in, v, r));
    bpv_result_destroy(r);
    bpv_validator_destroy(v);
  }

  std::atomic<unsigned> mismatches{0};
  std::latch start(thread_count);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      bpv_validator* v = nullptr;
      bpv_result* r = nullptr;
      if (bpv_validator_create(o, &v) != BPV_OK || bpv_result_create(&r) != BPV_OK) {
        ++mismatches;
        return;
      }
      for (unsigned round = 0; round < rounds; ++round)
        for (std::size_t k = 0; k < inputs().size(); ++k) {
          std::size_t const i = (k + t * 3 + round) % inputs().size();
          if (run(inputs()[i], v, r) != expected[i]) ++mismatches;
        }
      bpv_result_destroy(r);
      bpv_validator_destroy(v);
    });
  }
  for (auto& th : threads) th.join();
  bpv_options_destroy(o);
  EXPECT_EQ(mismatches.load(), 0u);
}

}  // namespace
