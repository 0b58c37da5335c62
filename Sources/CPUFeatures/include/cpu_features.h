#ifndef CPU_FEATURES_H
#define CPU_FEATURES_H

/// 1 when the processor and the operating system support AVX2 and FMA (Haswell, Zen and later);
/// 0 otherwise, and on every processor that is not x86-64.
int cpu_features_avx2_fma(void);

/// 1 when the processor and the operating system support the x86-64-v4 level: AVX-512 F, VL, BW,
/// DQ and CD, with AVX2, FMA and the rest of x86-64-v3 (Skylake-X, Ice Lake, Zen 4 and later).
int cpu_features_x86_64_v4(void);

#endif
