// The benchmark corpus: generated requests of the Modify call, from a fixed seed, sorted into
// the sets the benchmarks run over. Every request is classified by bpv itself, so a set never
// holds what its name denies: `valid` requests produce no diagnostic at all. Each change made to
// a clean request to make it invalid or noted is checked to raise the rule it is made for (35 of
// the rules appear), and a clean one to raise nothing: make_corpus throws if the generator drifts.
// A few requests hold non-ASCII text, raw or as \u escapes (which bpv reads through its document).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

struct corpus {
  std::vector<std::string> valid;    ///< valid, no diagnostics (the page's example first)
  std::vector<std::string> invalid;  ///< at least one error
  std::vector<std::string> noted;    ///< valid with warnings or info notes
  std::vector<std::string> mixed;    ///< all of them, in generation order
};

/// `count` requests of 150 to 350 bytes from `seed` (bodies cut short to be not JSON are
/// shorter): about 60% clean, 15% with warnings or notes, 25% invalid.
corpus make_corpus(std::size_t count, std::uint64_t seed);

/// One body of about `bytes` bytes for the scaling runs: "string" (one long string value),
/// "start_time" (one long start_time list) or "members" (many unknown members).
std::string make_scaled(const std::string& shape, std::size_t bytes);

/// A file's bytes; throws std::runtime_error when it is missing or empty.
std::string read_file(const std::string& path);

/// Total bytes of a set.
std::size_t bytes_of(const std::vector<std::string>& set);

}  // namespace bench
