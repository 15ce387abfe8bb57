// The workload a profile-guided build of the library learns from (cmake/pgo.cmake,
// scripts/pgo-build): what a service does with bpv, one validator reused for every request of
// a mixed stream (about 60 % clean, 15 % noted, 25 % invalid), and the response rendered.
// Its requests come from another seed than the benchmarks': the profile learns the kind of
// traffic, not the very requests bench/run then times.
//
// usage: bpv_train [ROUNDS]   (default 200 rounds over 1,000 requests)
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "corpus.hpp"
#include "bpv/bpv.hpp"

int main(int argc, char** argv) try {
  unsigned long const rounds = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200;
  bench::corpus const c = bench::make_corpus(1000, 20261207);
  bpv::validator v;
  bpv::report r;
  bpv::context ctx;
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  std::size_t valid = 0, rendered = 0;
  for (unsigned long i = 0; i < rounds; ++i) {
    for (const auto& body : c.mixed) {
      v.validate(body, ctx, r);
      valid += r.valid;
      rendered += bpv::response_json(r).size();
    }
  }
  std::printf("bpv_train: %lu rounds of %zu requests, %zu valid, %zu bytes of responses\n", rounds, c.mixed.size(),
              valid, rendered);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "bpv_train: %s\n", e.what());
  return 1;
}
