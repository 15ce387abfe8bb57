// Out of memory at any allocation of a request: validate() throws std::bad_alloc (bpv_validate
// says BPV_ERROR_OUT_OF_MEMORY), never a crash and never a finding on the body, and the same
// validator then answers as a new one would. Each allocation of a request fails in turn, through
// this test's own replaced global operator new (the throwing and the non-throwing forms: simdjson
// allocates with the latter).
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "bpv/bpv.h"
#include "bpv/bpv.hpp"

namespace {

thread_local long countdown = -1;  // allocations that succeed before one fails; -1: none fails

void* allocate(std::size_t n) {
  if (countdown >= 0 && countdown-- == 0) return nullptr;
  return std::malloc(n ? n : 1);
}

void* allocate_aligned(std::size_t n, std::align_val_t align) {
  if (countdown >= 0 && countdown-- == 0) return nullptr;
  auto const a = static_cast<std::size_t>(align);
  return std::aligned_alloc(a, (n + a - 1) / a * a + (n ? 0 : a));
}

void* or_throw(void* p) {
  if (!p) throw std::bad_alloc();
  return p;
}

}  // namespace

void* operator new(std::size_t n) { return or_throw(allocate(n)); }
void* operator new[](std::size_t n) { return or_throw(allocate(n)); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new(std::size_t n, std::align_val_t a) { return or_throw(allocate_aligned(n, a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return or_throw(allocate_aligned(n, a)); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace {

// First in this file: the process's first request. simdjson chooses its kernels on first use,
// in code that lets no exception through; were that left to the first request, running out of
// memory there would end the process (std::terminate).
TEST(OutOfMemory, InTheFirstRequestOfTheProcess) {
  bpv::validator v;
  bpv::report r;
  countdown = 0;
  EXPECT_THROW(v.validate(R"({"backup_policy_name":"a"})", {}, r), std::bad_alloc);
  countdown = -1;
  v.validate(R"({"backup_policy_name":"a"})", {}, r);
  EXPECT_TRUE(r.valid);
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
    };
    // Nested past the depth limit: On-Demand's walk, whose parser takes no notice when its
    // string buffer could not be had.
    b.push_back(R"({"backup_policy_name":"a","x":)" + std::string(70, '[') + std::string(70, ']') + "}");
    std::string many = R"({"backup_policy_name":"a")";
    for (int i = 0; i < 3000; ++i) many += ",\"label_" + std::to_string(i) + "\":\"<" + std::to_string(i) + ">\"";
    b.push_back(many + "}");
    return b;
  }();
  return all;
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
        countdown = k;
        bool threw = false;
        try {
          v.validate(body, ctx, r);
        } catch (const std::bad_alloc&) {
          threw = true;
        }
        bool const failed = countdown < 0;  // the k-th allocation came, and failed
        countdown = -1;
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
    countdown = k;
    bool threw = false;
    try {
      v.validate(body, {}, r);
    } catch (const std::bad_alloc&) {
      threw = true;
    }
    bool const failed = countdown < 0;
    countdown = -1;
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
    countdown = k;
    bpv_status const s = bpv_validate(v, body.data(), body.size(), nullptr, r);
    bool const failed = countdown < 0;
    countdown = -1;
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
