#ifndef CPU_FEATURES_H
#define CPU_FEATURES_H

/// 1 when the processor and the operating system support AVX2 and FMA (Haswell, Zen and later);
/// 0 otherwise, and on every processor that is not x86-64.
int cpu_features_avx2_fma(void);

/// 1 when the processor and the operating system support AVX-512F (Skylake-X, Zen 4 and later).
int cpu_features_avx512f(void);

#endif
