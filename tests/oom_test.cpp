// Out of memory at any allocation of a request: validate() throws std::bad_alloc (bpv_validate
// says BPV_ERROR_OUT_OF_MEMORY), never a crash and never a finding on the body, and the same
// validator then answers as a new one would. Each allocation of a request fails in turn, through
// the allocation counter's replaced global operator new (bench/alloc_counter.cpp: every form,
// the non-throwing one simdjson allocates with among them).
#include <gtest/gtest.h>

#include <new>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "bpv/bpv.h"
#include "bpv/bpv.hpp"

namespace {

// First in this file: the process's first request. simdjson chooses its kernels on first use,
// in code that lets no exception through; were that left to the first request, running out of
// memory there would end the process (std::terminate).
TEST(OutOfMemory, InTheFirstRequestOfTheProcess) {
  bpv::validator v;
  bpv::report r;
  bench::fail_allocation(0);
  EXPECT_THROW(v.validate(R"({"backup_policy_name":"a"})", {}, r), std::bad_alloc);
  bench::fail_allocation(-1);
  v.validate(R"({"backup_policy_name":"a"})", {}, r);
  EXPECT_TRUE(r.valid);
}

// A body of `members` more members, each unknown (a warning) with '<' in its value (an error).
std::string labelled_body(int members) {
  std::string b = R"({"backup_policy_name":"a")";
  for (int i = 0; i < members; ++i) b += ",\"label_" + std::to_string(i) + "\":\"<" + std::to_string(i) + ">\"";
  return b + "}";
}

const std::vector<std::string>& bodies() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> b = {
        R"({"backup_policy_name":"nightly","time_zone":"UTC+08:00","scheduled_policy":{"frequency":1,"start_time":"02:00,14:00","status":"ON"}})",
        R"({"backup_policy_name":"night\u006cy","x":{"y":["\u0041",1,2]}})",  // escapes: DOM's second stage
        R"({"backup_policy_name":"a.b","time_zone":"UTC+15:00","scheduled_policy":{"frequency":40,"status":"on","start_time":"04:00,02:00,12:30"}})",
        R"({"time_zon":"UTC+01:00","schedule_policy":{},"x":[{"a":1,"a":2}],"y":"<b>"})",
        R"({"backup_policy_name":"a", "x": [1, 2,)",
        R"({"n":123456789012345678901234567890,"backup_policy_name":"a"})",  // beyond 64 bits
        R"(["<",{"a":1,"a":2},"x>"])",  // JSON, not an object: read for the rules that hold anywhere
        // Valid, with an effective policy whose copies allocate (strings past the short-string
        // room, a list of days): the verdict must not be set before they are made.
        R"({"backup_policy_name":"a_policy_name_longer_than_short_strings","time_zone":"UTC+08:00",)"
        R"("scheduled_policy":{"week_frequency":["MON","TUE"],"start_time":"00:00,01:00,02:00,03:00","rentention_day":30}})",
    };
    // Nested past the depth limit: On-Demand's walk, whose parser takes no notice when its
    // string buffer could not be had.
    b.push_back(R"({"backup_policy_name":"a","x":)" + std::string(70, '[') + std::string(70, ']') + "}");
    b.push_back(labelled_body(3000));
    return b;
  }();
  return all;
}

// Runs `attempt` with the k-th allocation from now on failing: whether std::bad_alloc came out
// of it, and whether the k-th allocation came (and failed); allocations succeed again after.
struct outcome {
  bool threw, failed;
};
template <class F>
outcome failing_allocation(long k, F&& attempt) {
  bench::fail_allocation(k);
  bool threw = false;
  try {
    attempt();
  } catch (const std::bad_alloc&) {
    threw = true;
  }
  bool const failed = bench::allocation_failed();
  bench::fail_allocation(-1);
  return {threw, failed};
}

// For each body, and each allocation its validation makes in a new validator and in one that
// has validated a small body before: that allocation fails. validate() then throws bad_alloc,
// or (when the shortage was absorbed) answers as if nothing had happened; either way the
// validator's next answers are a new validator's.
TEST(OutOfMemory, AtEachAllocationOfARequest) {
  bpv::context ctx;
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  for (bool warmed : {false, true}) {
    for (const std::string& body : bodies()) {
      SCOPED_TRACE((warmed ? "warmed, " : "new, ") + body.substr(0, 60));
      std::string const expected = bpv::to_json(bpv::validator().validate(body, ctx), "b");
      std::string const small_expected = bpv::to_json(bpv::validator().validate(bodies()[0], ctx), "b");
      long failures = 0;
      for (long k = 0; k < 100000; ++k) {
        bpv::validator v;
        bpv::report r;
        if (warmed) v.validate(bodies()[0], ctx, r);
        auto const [threw, failed] = failing_allocation(k, [&] { v.validate(body, ctx, r); });
        if (threw) {
          EXPECT_TRUE(failed);
          EXPECT_FALSE(r.valid) << k;
          EXPECT_EQ(r.http_status, 400) << k;
          EXPECT_FALSE(r.effective.has_value()) << k;
        } else {
          EXPECT_EQ(bpv::to_json(r, "b"), expected) << "allocation " << k << " failed unseen";
        }
        v.validate(body, ctx, r);
        EXPECT_EQ(bpv::to_json(r, "b"), expected) << "after allocation " << k;
        v.validate(bodies()[0], ctx, r);
        EXPECT_EQ(bpv::to_json(r, "b"), small_expected) << "after allocation " << k;
        if (!failed) break;  // the request made fewer than k + 1 allocations
        ++failures;
        if (testing::Test::HasFailure()) return;
      }
      if (!warmed) {
        EXPECT_GT(failures, 0) << "a new validator allocates";
      }
    }
  }
}

// The first ordinary body after a large one gives back what the large one grew, which
// allocates: out of memory there too leaves the report invalid, without a policy, and the
// validator answering as a new one.
TEST(OutOfMemory, WhileGivingBackWhatALargeBodyGrew) {
  std::string const large = labelled_body(4000);
  ASSERT_GT(large.size(), std::size_t{64} << 10) << "a body that grows the buffers beyond what is kept";
  std::string const& small = bodies()[0];
  std::string const expected = bpv::to_json(bpv::validator().validate(small, {}), "b");
  ASSERT_NE(expected.find(R"("valid":true)"), std::string::npos);
  long failures = 0;
  for (long k = 0; k < 100000; ++k) {
    bpv::validator v;
    bpv::report r;
    v.validate(large, {}, r);
    auto const [threw, failed] = failing_allocation(k, [&] { v.validate(small, {}, r); });
    if (threw) {
      EXPECT_FALSE(r.valid) << k;
      EXPECT_EQ(r.http_status, 400) << k;
      EXPECT_FALSE(r.effective.has_value()) << k;
    } else {
      EXPECT_EQ(bpv::to_json(r, "b"), expected) << "allocation " << k << " failed unseen";
    }
    v.validate(small, {}, r);
    EXPECT_EQ(bpv::to_json(r, "b"), expected) << "after allocation " << k;
    if (!failed || testing::Test::HasFailure()) break;
    ++failures;
  }
  EXPECT_GT(failures, 0) << "giving back allocates";
}

// A custom rule may catch the bad_alloc of its own sink.add(): the findings are then as they
// were before the call (the finding left out), not a slot claimed for words that never came.
TEST(OutOfMemory, ACustomRuleThatCatchesIt) {
  bpv::options opts;
  opts.custom_rules.push_back({"test.long_words", bpv::severity::warning, "", "adds a long message",
                               [](const bpv::request_view&, bpv::finding_sink& sink) {
                                 try {
                                   sink.add("/backup_policy_name", std::size_t{1}, std::string(50000, 'm'));
                                 } catch (const std::bad_alloc&) {
                                 }
                               }});
  std::string const& body = bodies()[0];
  std::string const expected = bpv::to_json(bpv::validator(opts).validate(body, {}), "b");
  for (long k = 0; k < 100000; ++k) {
    bpv::validator v(opts);
    bpv::report r;
    auto const [threw, failed] = failing_allocation(k, [&] { v.validate(body, {}, r); });
    if (!threw) {
      std::size_t const listed = r.diagnostics.size();
      EXPECT_LE(listed, 1u) << k;
      for (const auto& d : r.diagnostics) EXPECT_EQ(d.path, "/backup_policy_name") << k;
    }
    v.validate(body, {}, r);
    EXPECT_EQ(bpv::to_json(r, "b"), expected) << "after allocation " << k;
    if (!failed || testing::Test::HasFailure()) break;
  }
}

// The same through the C API: a status, never an exception or a crash.
TEST(OutOfMemory, TheCApiSaysSo) {
  std::string const& body = bodies()[1];
  for (long k = 0; k < 100000; ++k) {
    bpv_validator* v = nullptr;
    bpv_result* r = nullptr;
    ASSERT_EQ(bpv_validator_create(nullptr, &v), BPV_OK);
    ASSERT_EQ(bpv_result_create(&r), BPV_OK);
    bench::fail_allocation(k);
    bpv_status const s = bpv_validate(v, body.data(), body.size(), nullptr, r);
    bool const failed = bench::allocation_failed();
    bench::fail_allocation(-1);
    EXPECT_TRUE(s == BPV_OK || (failed && s == BPV_ERROR_OUT_OF_MEMORY)) << k << ": " << bpv_status_string(s);
    EXPECT_EQ(bpv_validate(v, body.data(), body.size(), nullptr, r), BPV_OK) << k;
    int valid = 0;
    EXPECT_EQ(bpv_result_valid(r, &valid), BPV_OK);
    EXPECT_EQ(valid, 1) << k;
    bpv_result_destroy(r);
    bpv_validator_destroy(v);
    if (!failed || testing::Test::HasFailure()) break;
  }
}

}  // namespace
