#ifndef KERNEL_INTRINSICS_H
#define KERNEL_INTRINSICS_H

/// Asks for the cache line at `address` to be brought into the level-2 cache (prefetcht1 on
/// x86-64), without waiting for it and without faulting on any address. Swift has no prefetch;
/// this header's inline function compiles into the calling kernel variant's code.
static inline __attribute__((always_inline)) void kernel_prefetch_l2(const void *address) {
    __builtin_prefetch(address, 0, 2);
}

static inline __attribute__((always_inline)) void kernel_prefetch_l1(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
