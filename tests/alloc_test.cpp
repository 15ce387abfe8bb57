// The hot path's promise: after a validator and a report have seen requests of a kind, another
// such request allocates nothing, whether it is clean, noted or invalid, a body that is not JSON
// at all included. Counted by the benchmark's replaced operator new (bench/alloc_counter.cpp),
// linked into this test alone.
#include <gtest/gtest.h>

#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "alloc_counter.hpp"
#include "bpv/bpv.h"
#include "bpv/bpv.hpp"
#include "support.hpp"

namespace {

std::string read_example(const char* name) {
  return bpv::test::read_file(std::string(BPV_SOURCE_DIR) + "/examples/" + name);
}

// Clean, noted and invalid requests; many findings and few, long paths and short, so that a
// reused report shrinks and grows between them.
std::vector<std::string> bodies() {
  std::vector<std::string> out = {
      read_example("modify-request.json"),
      read_example("invalid-request.json"),
      R"({"backup_policy_name":"nightly","description":"kept for a week"})",
      R"({"scheduled_policy":{"frequency":3,"week_frequency":["MON"],"rentention_num":3,"rentention_day":7}})",
      R"({"backup_policy_name":"a.b","time_zone":"UTC+15:00","scheduled_policy":{"frequency":40,"status":"on",)"
      R"("start_time":"04:00,02:00,12:30","remain_first_backup_of_curMonth":true,"rentention_day":1.5}})",
      R"({"scheduled_policy":{"frequency":1,"start_time":"1:00"},"x":{"y":{"z":["<a>","b>"]}},"x":2})",
      R"({"time_zon":"UTC+01:00","schedule_policy":{},"backup_policy_name":"default_x"})",
      R"({"backup_policy_name":"p"})",
  };
  // Not JSON, or not an object: the words that say where reading stopped are composed into
  // storage the document keeps, and the locator's stack is the walker's.
  for (const char* broken : {R"({"backup_policy_name":"abc","scheduled_policy":{"frequency":1,)", R"({"a":tru})",
                             R"({"x":[1,2,)", "[1,2", "[1,2]", "\"a string\"", "\xEF\xBB\xBF{}", R"({"a":"\ud800"})",
                             "{\"a\":\"\xC3\"}", "{\"a\":1}}", R"({"a":"b" "c":1})",
                             R"(["<",{"a":1,"a":2},"x>"])"})
    out.emplace_back(broken);
  out.push_back(std::string(70, '[') + std::string(70, ']'));
  std::string deep;
  for (int i = 0; i < 70; ++i) deep += "{\"a\":";
  out.push_back(deep + "1" + std::string(70, '}'));
  std::string many = "{";
  for (int i = 0; i < 150; ++i) many += "\"label_with_a_long_name_" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  many += "\"time_zone\":\"UTC+01:00\"}";
  out.push_back(many);
  return out;
}

TEST(Allocations, NoneForRequestsOfAKindSeenBefore) {
  std::vector<std::string> const all = bodies();
  bpv::validator v;
  bpv::context ctx;
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  bpv::report r;
  for (int round = 0; round < 2; ++round)  // warm-up: every buffer reaches its size
    for (const auto& body : all) v.validate(body, ctx, r);
  std::size_t valid = 0, findings = 0;
  for (int round = 0; round < 3; ++round) {
    for (const auto& body : all) {
      std::uint64_t const before = bench::allocations();
      v.validate(body, ctx, r);
      EXPECT_EQ(bench::allocations() - before, 0u) << body.substr(0, 80);
      valid += r.valid;
      findings += r.diagnostics.size();
    }
  }
  EXPECT_GT(valid, 0u);
  EXPECT_GT(findings, 300u) << "the bodies make findings, so that their storage is what is reused";
}

// The C API too: its result keeps the response's and the policy's JSON text as the report
// keeps its strings (README: bpv_validate reuses the result's storage).
TEST(Allocations, NoneThroughTheCApiForRequestsOfAKindSeenBefore) {
  std::vector<std::string> const all = bodies();
  bpv_validator* v = nullptr;
  bpv_result* r = nullptr;
  ASSERT_EQ(bpv_validator_create(nullptr, &v), BPV_OK);
  ASSERT_EQ(bpv_result_create(&r), BPV_OK);
  bpv_context ctx{};
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  ctx.policy_id_len = std::string_view(ctx.policy_id).size();
  for (int round = 0; round < 2; ++round)
    for (const auto& body : all) ASSERT_EQ(bpv_validate(v, body.data(), body.size(), &ctx, r), BPV_OK);
  std::size_t valid = 0;
  for (const auto& body : all) {
    std::uint64_t const before = bench::allocations();
    ASSERT_EQ(bpv_validate(v, body.data(), body.size(), &ctx, r), BPV_OK);
    EXPECT_EQ(bench::allocations() - before, 0u) << body.substr(0, 80);
    int ok = 0;
    ASSERT_EQ(bpv_result_valid(r, &ok), BPV_OK);
    valid += static_cast<std::size_t>(ok);
    const char* json = nullptr;
    std::size_t len = 0;
    ASSERT_EQ(bpv_result_response_json(r, &json, &len), BPV_OK);
    EXPECT_NE(std::string_view(json, len).find(ok ? "backup_policy_id" : "error"), std::string_view::npos);
  }
  EXPECT_GT(valid, 0u);
  bpv_result_destroy(r);
  bpv_validator_destroy(v);
}

// A megabyte of strings that need the document ('<' deep down).
std::string outsized_body() {
  std::string big = R"({"backup_policy_name":"p","x":[)";
  while (big.size() < 1000000) big += R"("<",)";
  big += R"("<"]})";
  return big;
}

// What `v` holds more than at `before` (live bytes being weighed since) once an ordinary body
// follows; stops the weighing.
std::int64_t held_after_an_ordinary_body(bpv::validator& v, bpv::report& r, std::int64_t before,
                                         std::string_view ordinary = R"({"backup_policy_name":"p"})") {
  v.validate(ordinary, {}, r);
  EXPECT_TRUE(r.valid);
  std::int64_t const held = bench::live_bytes() - before;
  bench::weigh_live_bytes(false);
  return held;
}

// Storage is kept, but not what an outsized body grew (src/storage.hpp): after a megabyte of
// values that need the document (some 50 MB of parser buffers and nodes) and an ordinary
// request, a validator holds a few megabytes more than before them, and requests of the kinds
// seen before are back to no allocation once each has been seen again.

TEST(Allocations, WhatAnOutsizedBodyGrewIsGivenBack) {
  std::vector<std::string> const all = bodies();
  std::string const big = outsized_body();
  bpv::validator v;
  bpv::context ctx;
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  bpv::report r;
  for (int round = 0; round < 2; ++round)
    for (const auto& body : all) v.validate(body, ctx, r);
  bench::weigh_live_bytes(true);
  std::int64_t const before = bench::live_bytes();
  v.validate(big, ctx, r);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.first_error()->rule, "string.angle_brackets");
  std::int64_t const grown = bench::live_bytes() - before;
  EXPECT_GT(grown, std::int64_t{40} << 20) << "the body grows the buffers (so that this test can fail)";
  v.validate(big, ctx, r);  // outsized bodies one after another keep what they grew
  EXPECT_EQ(bench::live_bytes() - before, grown);
  EXPECT_LT(held_after_an_ordinary_body(v, r, before), std::int64_t{8} << 20);
  for (const auto& body : all) v.validate(body, ctx, r);
  for (const auto& body : all) {
    std::uint64_t const allocs = bench::allocations();
    v.validate(body, ctx, r);
    EXPECT_EQ(bench::allocations() - allocs, 0u) << body.substr(0, 80);
  }
}

// "a body of at most 64 KiB" (validator.hpp): one of exactly 64 KiB gives it back too.
TEST(Allocations, WhatAnOutsizedBodyGrewIsGivenBackByABodyOfExactly64KiB) {
  std::string ordinary = R"({"backup_policy_name":"p","description":")";
  ordinary += std::string((std::size_t{64} << 10) - ordinary.size() - 2, 'd');
  ordinary += "\"}";
  ASSERT_EQ(ordinary.size(), std::size_t{64} << 10);
  bpv::validator v;
  bpv::report r;
  v.validate(ordinary, {}, r);
  ASSERT_TRUE(r.valid);
  bench::weigh_live_bytes(true);
  std::int64_t const before = bench::live_bytes();
  v.validate(outsized_body(), {}, r);
  EXPECT_GT(bench::live_bytes() - before, std::int64_t{40} << 20) << "the body grows the buffers";
  EXPECT_LT(held_after_an_ordinary_body(v, r, before, ordinary), std::int64_t{8} << 20);
}

// So too when the outsized body ends in an exception (a custom rule may throw, and the validator
// stays usable): what it grew is given back after the next ordinary body all the same.
TEST(Allocations, WhatAnOutsizedBodyGrewIsGivenBackAfterAnException) {
  bpv::options opts;
  opts.custom_rules.push_back({"test.throws_on_outsized_bodies", bpv::severity::warning, "", "throws on bodies beyond 64 KiB",
                               [](const bpv::request_view& r, bpv::finding_sink&) {
                                 if (r.body.size() > (std::size_t{64} << 10)) throw std::runtime_error("outsized");
                               }});
  bpv::validator v(opts);
  bpv::context ctx;
  bpv::report r;
  for (const auto& body : bodies()) v.validate(body, ctx, r);
  std::string const big = outsized_body();
  bench::weigh_live_bytes(true);
  std::int64_t const before = bench::live_bytes();
  EXPECT_THROW(v.validate(big, ctx, r), std::runtime_error);
  EXPECT_GT(bench::live_bytes() - before, std::int64_t{40} << 20) << "the body grows the buffers";
  EXPECT_LT(held_after_an_ordinary_body(v, r, before), std::int64_t{8} << 20);
}

// And with limits far above the defaults: a depth limit of 200,000 lets a body nest objects
// 60,000 deep, with a table of names per level; only the first 64 levels keep theirs.
TEST(Allocations, WhatAnOutsizedBodyGrewIsGivenBackWithHighLimits) {
  bpv::options opts;
  opts.limits.max_depth = 200000;
  bpv::validator v(opts);
  bpv::context ctx;
  bpv::report r;
  std::string deep;
  for (int i = 0; i < 60000; ++i) deep += R"({"a":1,"b":)";
  deep += "0";
  deep += std::string(60000, '}');
  bench::weigh_live_bytes(true);
  std::int64_t const before = bench::live_bytes();
  v.validate(deep, ctx, r);
  EXPECT_EQ(r.first_error()->rule, "body.nothing_to_modify");
  EXPECT_GT(bench::live_bytes() - before, std::int64_t{8} << 20) << "the body grows the buffers";
  // (7.5 MB with every level's table kept.)
  EXPECT_LT(held_after_an_ordinary_body(v, r, before), std::int64_t{4} << 20);
}

// A custom rule may add any number of findings; a validator keeps the words of those it lists
// (max_diagnostics), not of every one: added in document order, those left out are never
// copied, and in any other order what the request grew is given back when it ends.
TEST(Allocations, TheWordsOfFindingsLeftOutAreNotKept) {
  for (bool reversed : {false, true}) {
    SCOPED_TRACE(reversed ? "findings from the last byte back" : "findings in document order");
    bpv::options opts;
    opts.custom_rules.push_back({"test.many", bpv::severity::warning, "", "adds 100,000 findings",
                                 [reversed](const bpv::request_view& r, bpv::finding_sink& sink) {
                                   for (std::size_t i = 0; i < 100000; ++i) {
                                     std::size_t const at = (reversed ? 100000 - i : i) % r.body.size();
                                     sink.add("/p" + std::to_string(i), at, std::string(100, 'm'));
                                   }
                                 }});
    bpv::validator v(opts);
    bpv::report r;
    std::string const body = R"({"backup_policy_name":"nightly"})";
    bench::weigh_live_bytes(true);
    std::int64_t const before = bench::live_bytes();
    v.validate(body, {}, r);
    EXPECT_TRUE(r.valid);
    EXPECT_EQ(r.diagnostics.size(), 100u);
    EXPECT_EQ(r.omitted, 100000u - 100u);
    std::int64_t const held = bench::live_bytes() - before;
    bench::weigh_live_bytes(false);
    EXPECT_LT(held, std::int64_t{1} << 20) << "10 MB of words were added";
  }
}

// With max_diagnostics raised, a small body can have a long report: what the findings kept for
// it (entries, and the strings of its diagnostics that a shorter report handed back through a
// reused report) is given back too, once that report is dropped.
TEST(Allocations, ALongReportOnASmallBodyIsGivenBack) {
  bpv::options opts;
  opts.limits.max_diagnostics = 100000;
  bpv::validator v(opts);
  std::string body = R"({"scheduled_policy":{"frequency":1})";
  for (int i = 0; i < 6000; ++i) body += R"(,"<":"<")";
  body += "}";
  ASSERT_LT(body.size(), std::size_t{64} << 10) << "not an outsized body";
  bench::weigh_live_bytes(true);
  std::int64_t const before = bench::live_bytes();
  {
    bpv::report r;
    v.validate(body, {}, r);
    EXPECT_GT(r.diagnostics.size(), 12000u);
    v.validate(R"({"scheduled_policy":{"frequency":100},"x":1})", {}, r);
    EXPECT_EQ(r.diagnostics.size(), 2u);
  }
  bpv::report r;
  v.validate(R"({"backup_policy_name":"p"})", {}, r);
  EXPECT_TRUE(r.valid);
  std::int64_t const held = bench::live_bytes() - before;
  bench::weigh_live_bytes(false);
  EXPECT_LT(held, std::int64_t{2} << 20);
}

// A report listing many thousands of findings (max_diagnostics raised) holds each one's words
// and little more: the room kept ahead for the strings of a report at the default cap, which
// lets them settle without allocating, would spread a long one over caches it no longer fits.
TEST(Allocations, AReportOfManyFindingsHoldsLittleMoreThanTheirWords) {
  bpv::options opts;
  opts.limits.max_diagnostics = 100000;
  bpv::validator v(opts);
  std::string body = R"({"backup_policy_name":"nightly")";
  for (int i = 0; i < 20000; ++i) body += ",\"m" + std::to_string(i) + "\":1";
  body += "}";
  bpv::report r;
  bench::weigh_live_bytes(true);
  v.validate(body, {}, r);
  ASSERT_TRUE(r.valid);
  ASSERT_EQ(r.diagnostics.size(), 20000u);
  std::int64_t const with = bench::live_bytes();
  // What the list must hold: its entries (as the vector grew), and the words of the strings
  // too long to be kept in a std::string itself.
  std::size_t words = sizeof(bpv::diagnostic) * r.diagnostics.capacity();
  for (const bpv::diagnostic& d : r.diagnostics)
    for (const std::string* s : {&d.message, &d.path})
      if (s->size() > std::string().capacity()) words += s->size() + 1;
  std::vector<bpv::diagnostic>().swap(r.diagnostics);
  std::int64_t const held = with - bench::live_bytes();
  bench::weigh_live_bytes(false);
  // The allocator's own rounding and headers aside, nothing more: two strings of 256 bytes
  // kept ahead for each came to more than 700 bytes a finding, three times these.
  EXPECT_LT(held, static_cast<std::int64_t>(words + 20000 * 32));
}

// simdjson reports a buffer it could not allocate as an error code. That is not a verdict on
// the body ("not JSON: Error allocating memory", 400): validate() throws std::bad_alloc, its
// one documented exception, and the validator works again once memory is back. Here only the
// non-throwing operator new fails, the form simdjson allocates with, so every refusal is one
// of simdjson's.
TEST(Allocations, SimdjsonOutOfMemoryIsBadAllocNotAFinding) {
  bpv::options opts;
  opts.limits.max_body_bytes = std::size_t{16} << 20;
  std::string const small = R"({"backup_policy_name":"nightly","time_zone":"UTC+08:00"})";
  std::string large = R"({"backup_policy_name":"nightly","description":")";
  large += std::string(std::size_t{4} << 20, 'a');
  large += "\"}";
  for (bool warmed : {false, true}) {
    SCOPED_TRACE(warmed ? "after a small body" : "a new validator");
    bpv::validator v(opts);
    bpv::report r;
    if (warmed) {
      v.validate(small, {}, r);
      ASSERT_TRUE(r.valid);
    }
    for (const std::string* body : std::initializer_list<const std::string*>{&small, &large}) {
      if (warmed && body == &small) continue;  // its buffers are there already
      bench::refuse_nothrow_allocations(true);
      EXPECT_THROW(v.validate(*body, {}, r), std::bad_alloc) << body->size() << " bytes";
      bench::refuse_nothrow_allocations(false);
      EXPECT_FALSE(r.valid);
      EXPECT_EQ(r.http_status, 400);
      EXPECT_FALSE(r.effective.has_value());
    }
    for (const std::string* body : std::initializer_list<const std::string*>{&large, &small}) {
      v.validate(*body, {}, r);
      EXPECT_TRUE(r.valid) << body->size() << " bytes";
      ASSERT_TRUE(r.effective.has_value());
      EXPECT_EQ(r.effective->backup_policy_name, std::string("nightly"));
    }
    EXPECT_EQ(r.effective->time_zone, std::string("UTC+08:00"));
  }
}

}  // namespace
