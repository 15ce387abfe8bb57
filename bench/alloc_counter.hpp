// Heap allocations made by this thread, counted by the replaced global operator new of
// alloc_counter.cpp (linked into the benchmark binary only).
#pragma once

#include <cstdint>

namespace bench {

/// Allocations by the calling thread since it started.
std::uint64_t allocations() noexcept;

}  // namespace bench
