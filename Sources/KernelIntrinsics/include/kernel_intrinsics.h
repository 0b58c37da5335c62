#ifndef KERNEL_INTRINSICS_H
#define KERNEL_INTRINSICS_H

#include <stddef.h>

// Cache control and a spin-wait hint, which Swift lacks. The prefetches are inline, so they compile into the calling
// kernel variant's code with that variant's instruction set; a prefetch never waits and never
// faults, whatever the address.

/// Asks for the cache line at `address` in the level-2 cache (prefetcht1 on x86-64).
static inline __attribute__((always_inline)) void kernel_prefetch_l2(const void *address) {
    __builtin_prefetch(address, 0, 2);
}

/// Asks for the cache line at `address` in the level-1 cache (prefetcht0 on x86-64).
static inline __attribute__((always_inline)) void kernel_prefetch_l1(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Tells the core that the thread is spinning on a value another thread will change (PAUSE on
/// x86-64, YIELD on arm64): on a core shared by two hardware threads, it leaves the issue slots
/// to the other one, and the loop leaves without the memory-order flush a plain spin pays.
static inline __attribute__((always_inline)) void kernel_spin_pause(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/// 1 when `kernel_evict_lines` works on this CPU (x86-64 with CLFLUSHOPT: Intel since Skylake,
/// AMD since Zen), else 0.
int kernel_can_evict_lines(void);

/// Writes back and drops the cache lines of `bytes` bytes from `start` out of every level of
/// cache, as far as `kernel_can_evict_lines` says it can (otherwise does nothing). The memory's
/// values are unchanged.
void kernel_evict_lines(const void *start, size_t bytes);

#endif
