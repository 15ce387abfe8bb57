// Heap allocations made by this thread, counted by the replaced global operator new of
// alloc_counter.cpp (linked into the benchmark binary only).
#pragma once

#include <cstdint>

namespace bench {

/// Allocations by the calling thread since it started.
std::uint64_t allocations() noexcept;

/// Bytes the calling thread's operator new has handed out and no delete on it has given back
/// (by malloc_usable_size, so with the allocator's rounding) while weigh_live_bytes(true) was in
/// force: what it holds of what was allocated since. Off by default: it costs every allocation.
std::int64_t live_bytes() noexcept;
void weigh_live_bytes(bool on) noexcept;

/// While on, this thread's non-throwing operator new (the form simdjson allocates its buffers
/// with) fails, as when memory runs out; the throwing forms still allocate. For tests of what a
/// library does when simdjson cannot allocate. Off by default.
void refuse_nothrow_allocations(bool on) noexcept;

/// This thread's allocation `n` from now (0: the next), in any form of operator new, fails as
/// when memory runs out (a throwing form throws std::bad_alloc); -1, the default, fails none.
/// allocation_failed(): whether that allocation has come since.
void fail_allocation(long n) noexcept;
bool allocation_failed() noexcept;

}  // namespace bench
