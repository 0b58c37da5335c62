#ifndef KERNEL_INTRINSICS_H
#define KERNEL_INTRINSICS_H

// Cache prefetch for the kernels, which Swift lacks. Each function is inline, so it compiles into
// the calling kernel variant's code with that variant's instruction set; a prefetch never waits
// and never faults, whatever the address.

/// Asks for the cache line at `address` in the level-2 cache (prefetcht1 on x86-64).
static inline __attribute__((always_inline)) void kernel_prefetch_l2(const void *address) {
    __builtin_prefetch(address, 0, 2);
}

/// Asks for the cache line at `address` in the level-1 cache (prefetcht0 on x86-64).
static inline __attribute__((always_inline)) void kernel_prefetch_l1(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
