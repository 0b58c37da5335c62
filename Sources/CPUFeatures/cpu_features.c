// CPUID for the kernel table: Swift has no portable way to ask, the compilers' builtin does
// (it also checks, through XGETBV, that the operating system saves the wider registers).
#include "cpu_features.h"

int cpu_features_avx2_fma(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

int cpu_features_x86_64_v4(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("x86-64-v4");
#else
    return 0;
#endif
}
