// Replaces every form of global operator new with a counting one; deletes go to free().
// A thread-local count: no atomic on the measured path, and two threads measure apart.
#include "alloc_counter.hpp"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace {

thread_local std::uint64_t count = 0;
thread_local bool weighing = false;  // live bytes are counted (off in the benchmarks: it costs)
thread_local std::int64_t live = 0;
thread_local bool refusing = false;  // the nothrow forms fail (a test's simulated shortage)
thread_local long countdown = -1;    // allocations until one fails (fail_allocation); -1: none
thread_local bool failed = false;    // that one has come

// Whether this allocation is the one fail_allocation() asked to fail.
bool fails_now() noexcept {
  if (countdown < 0 || countdown-- != 0) return false;
  failed = true;
  return true;
}

void* counted(void* p) {
  if (!p) throw std::bad_alloc();
  ++count;
  if (weighing) live += static_cast<std::int64_t>(malloc_usable_size(p));
  return p;
}

void* allocate(std::size_t size) { return counted(fails_now() ? nullptr : std::malloc(size ? size : 1)); }

void* allocate_aligned(std::size_t size, std::align_val_t align) {
  if (fails_now()) return counted(nullptr);
  auto const a = static_cast<std::size_t>(align);
  return counted(std::aligned_alloc(a, (size + a - 1) / a * a + (size ? 0 : a)));
}

// The nothrow forms: nullptr for a failure, and always while refuse_nothrow_allocations is on.
template <class Allocate>
void* without_throwing(Allocate allocate_it) noexcept {
  if (refusing) return nullptr;
  try {
    return allocate_it();
  } catch (...) {
    return nullptr;
  }
}

void release(void* p) noexcept {
  if (p && weighing) live -= static_cast<std::int64_t>(malloc_usable_size(p));
  std::free(p);
}

}  // namespace

std::uint64_t bench::allocations() noexcept { return count; }
std::int64_t bench::live_bytes() noexcept { return live; }
void bench::weigh_live_bytes(bool on) noexcept { weighing = on; }
void bench::refuse_nothrow_allocations(bool on) noexcept { refusing = on; }
void bench::fail_allocation(long n) noexcept {
  countdown = n;
  failed = false;
}
bool bench::allocation_failed() noexcept { return failed; }

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return without_throwing([n] { return allocate(n); }); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return without_throwing([n] { return allocate(n); }); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return without_throwing([n, a] { return allocate_aligned(n, a); });
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return without_throwing([n, a] { return allocate_aligned(n, a); });
}

void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
