// conv1 of a preset as a bare C register-tile product, beside a loop of nothing but FMAs: the
// ceiling the engine's conv1 (`engine-bench alexnet --only conv1`) can be held to on this CPU,
// for each instruction set it has.
//
//     cc -O3 -o conv1_ceiling scripts/conv1_ceiling.c -lpthread && ./conv1_ceiling [alexnet|seed]
//
// The product is the engine's (Sources/Kernels/Shared/GEMM.swift): A read in place from the
// zero-padded HWC input, one row per output pixel, a run of kw * C floats per kernel row; B packed
// in panels two vectors wide, asked for in L1 1 KiB ahead of its reads; the AVX-512 tile 8 rows x 32 columns (16 zmm accumulators), the
// AVX2 tile 6 x 16 (12 ymm); rows cut into chunks of 64, each chunk through every panel. Left
// out, as the engine's own overhead over this: bias, ReLU, the padded copy, edge tiles' copies,
// the hand-off between threads. Two threads take static halves of the chunks.
#include <immintrin.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    const char *name;
    int out, channels;            // out x out output pixels, `channels` filters
    int padded;                   // side of the zero-padded input
} Geometry;

enum { kernel = 11, stride = 4, depth_channels = 3, runs = 41 };
static Geometry g;
static float *input, *packed, *output;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static const float *row_start(int m) {
    int y = m / g.out, x = m % g.out;
    return input + ((size_t)y * stride * g.padded + (size_t)x * stride) * depth_channels;
}

// One tile: ROWS x VECTORS registers of LANES floats, over 11 runs of 33 floats. Written as loops
// over constant bounds, which the compiler unrolls into registers.
#define TILE(NAME, TARGET, VEC, LANES, ROWS, VECTORS, LOAD, SET1, FMA, STORE, ZERO)                     \
    __attribute__((target(TARGET))) static void NAME(int m0, int panel) {                          \
        const float *a[ROWS];                                                                     \
        for (int r = 0; r < ROWS; r++) a[r] = row_start(m0 + r < g.out * g.out ? m0 + r : g.out * g.out - 1); \
        VEC c[ROWS][VECTORS];                                                                     \
        for (int r = 0; r < ROWS; r++)                                                            \
            for (int j = 0; j < VECTORS; j++) c[r][j] = ZERO();                                   \
        const float *b = packed + (size_t)panel * kernel * kernel * depth_channels * VECTORS * LANES; \
        for (int s = 0; s < kernel; s++) {                                                        \
            int offset = s * g.padded * depth_channels;                                           \
            for (int k = 0; k < kernel * depth_channels; k++) {                                   \
                VEC bj[VECTORS];                                                                  \
                for (int j = 0; j < VECTORS; j++) bj[j] = LOAD(b + j * LANES);                    \
                for (int line = 0; line < VECTORS * LANES * 4; line += 64)                        \
                    _mm_prefetch((const char *)b + 1024 + line, _MM_HINT_T0);                     \
                for (int r = 0; r < ROWS; r++) {                                                  \
                    VEC x = SET1(a[r][offset + k]);                                               \
                    for (int j = 0; j < VECTORS; j++) c[r][j] = FMA(x, bj[j], c[r][j]);           \
                }                                                                                 \
                b += VECTORS * LANES;                                                             \
            }                                                                                     \
        }                                                                                         \
        for (int r = 0; r < ROWS && m0 + r < g.out * g.out; r++)                                  \
            for (int j = 0; j < VECTORS; j++)                                                     \
                STORE(output + (size_t)(m0 + r) * g.channels + (panel * VECTORS + j) * LANES, c[r][j]); \
    }

TILE(tile_avx512, "avx512f", __m512, 16, 8, 2, _mm512_loadu_ps, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_storeu_ps,
     _mm512_setzero_ps)
TILE(tile_avx512_wide, "avx512f", __m512, 16, 6, 4, _mm512_loadu_ps, _mm512_set1_ps, _mm512_fmadd_ps,
     _mm512_storeu_ps, _mm512_setzero_ps)
TILE(tile_avx2, "avx2,fma", __m256, 8, 6, 2, _mm256_loadu_ps, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_storeu_ps,
     _mm256_setzero_ps)

typedef struct {
    const char *name;
    int lanes, rows, vectors;
    void (*tile)(int, int);
} Variant;

static Variant variant;

// Chunks [first, end) of 64 rows, each through every panel.
static void product(int first, int end) {
    int panels = g.channels / (variant.vectors * variant.lanes);
    for (int chunk = first; chunk < end; chunk++) {
        int start = chunk * 64, stop = start + 64 < g.out * g.out ? start + 64 : g.out * g.out;
        for (int panel = 0; panel < panels; panel++)
            for (int m = start; m < stop; m += variant.rows) variant.tile(m, panel);
    }
}

static int chunks(void) { return (g.out * g.out + 63) / 64; }

// A second thread that runs the upper half of the chunks whenever `go` moves.
static atomic_int go, done;
static void *helper(void *unused) {
    (void)unused;
    for (int seen = 0;;) {
        int now_go;
        while ((now_go = atomic_load(&go)) == seen) _mm_pause();
        if (now_go < 0) return NULL;
        seen = now_go;
        product(chunks() / 2, chunks());
        atomic_fetch_add(&done, 1);
    }
}

static double two_threads(void) {
    double start = now();
    int before = atomic_load(&done);
    atomic_fetch_add(&go, 1);
    product(0, chunks() / 2);
    while (atomic_load(&done) == before) _mm_pause();
    return now() - start;
}

static double one_thread(void) {
    double start = now();
    product(0, chunks());
    return now() - start;
}

// `count` iterations of 12 independent FMA chains per `lanes`: a core's multiply-add peak.
__attribute__((target("avx512f"))) static float fma_avx512(long count) {
    __m512 c[12], x = _mm512_set1_ps(0.9999f), y = _mm512_set1_ps(1e-5f);
    for (int i = 0; i < 12; i++) c[i] = _mm512_set1_ps(i);
    for (long n = 0; n < count; n++)
        for (int i = 0; i < 12; i++) c[i] = _mm512_fmadd_ps(c[i], x, y);
    float sum = 0;
    for (int i = 0; i < 12; i++) sum += _mm512_reduce_add_ps(c[i]);
    return sum;
}

__attribute__((target("avx2,fma"))) static float fma_avx2(long count) {
    __m256 c[12], x = _mm256_set1_ps(0.9999f), y = _mm256_set1_ps(1e-5f);
    for (int i = 0; i < 12; i++) c[i] = _mm256_set1_ps(i);
    for (long n = 0; n < count; n++)
        for (int i = 0; i < 12; i++) c[i] = _mm256_fmadd_ps(c[i], x, y);
    // Every chain feeds the result: a chain left out is dead code the compiler drops, and the
    // loop would count FMAs it never ran.
    __m256 total = c[0];
    for (int i = 1; i < 12; i++) total = _mm256_add_ps(total, c[i]);
    float lanes[8], sum = 0;
    _mm256_storeu_ps(lanes, total);
    for (int i = 0; i < 8; i++) sum += lanes[i];
    return sum;
}

static const long fma_count = 20000000;
static void *fma_thread(void *result) {
    *(float *)result = variant.lanes == 16 ? fma_avx512(fma_count) : fma_avx2(fma_count);
    return NULL;
}

// GFLOP/s of the FMA loop on `threads` threads at once, best of 5.
static double fma_peak(int threads) {
    double best = 0;
    for (int attempt = 0; attempt < 5; attempt++) {
        pthread_t thread[2];
        float sink[2];
        double start = now();
        for (int t = 0; t < threads; t++) pthread_create(&thread[t], NULL, fma_thread, &sink[t]);
        for (int t = 0; t < threads; t++) pthread_join(thread[t], NULL);
        double rate = threads * fma_count * 12.0 * 2 * variant.lanes / (now() - start) / 1e9;
        if (rate > best) best = rate;
    }
    return best;
}

static int ascending(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    g = (Geometry){"alexnet", 55, 64, 227};
    if (argc > 1 && strcmp(argv[1], "seed") == 0) g = (Geometry){"seed", 56, 96, 231};
    else if (argc > 1 && strcmp(argv[1], "alexnet") != 0) {
        fprintf(stderr, "usage: %s [alexnet|seed]\n", argv[0]);
        return 64;
    }
    size_t inputs = (size_t)g.padded * g.padded * depth_channels + 64;
    size_t weights = (size_t)kernel * kernel * depth_channels * g.channels;
    input = aligned_alloc(64, inputs * sizeof(float));
    packed = aligned_alloc(64, weights * sizeof(float));
    output = aligned_alloc(64, (size_t)g.out * g.out * g.channels * sizeof(float));
    for (size_t i = 0; i < inputs; i++) input[i] = (float)(i % 97) / 97;
    for (size_t i = 0; i < weights; i++) packed[i] = (float)(i % 89) / 89 - 0.5f;
    double flops = 2.0 * g.out * g.out * g.channels * kernel * kernel * depth_channels;

    __builtin_cpu_init();
    // The engine's tiles, and a 6x64 one (24 zmm accumulators) where the filters come in 64s.
    Variant variants[] = {{"avx512", 16, 8, 2, tile_avx512}, {"avx2", 8, 6, 2, tile_avx2},
                          {"avx512 6x64", 16, 6, 4, tile_avx512_wide}};
    int present[] = {__builtin_cpu_supports("avx512f"), __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"),
                     __builtin_cpu_supports("avx512f") && g.channels % 64 == 0};
    printf("%s conv1: %dx%d x %d filters of 11x11x3, %.1f MFLOP; median of %d runs\n", g.name, g.out, g.out,
           g.channels, flops / 1e6, runs);
    printf("tile     threads  FMA loop GFLOP/s  product ms  GFLOP/s  share of the FMA loop\n");
    // The FMA loop's peaks first: the product's second thread spins between runs.
    double peaks[3][2];
    for (int v = 0; v < 3; v++) {
        if (!present[v]) continue;
        variant = variants[v];
        for (int threads = 1; threads <= 2; threads++) peaks[v][threads - 1] = fma_peak(threads);
    }
    pthread_t thread;
    pthread_create(&thread, NULL, helper, NULL);
    for (int v = 0; v < 3; v++) {
        if (!present[v]) continue;
        variant = variants[v];
        double one[runs], two[runs];
        // Alternating, so that a change in the machine's speed falls on both alike; each is run
        // twice and timed the second time, once every thread finds its input and output in its
        // own cache (NOTE: one thread timed straight after two took 1.4x as long).
        for (int run = 0; run < runs; run++) {
            one_thread();
            one[run] = one_thread();
            two_threads();
            two[run] = two_threads();
        }
        qsort(one, runs, sizeof one[0], ascending);
        qsort(two, runs, sizeof two[0], ascending);
        for (int threads = 1; threads <= 2; threads++) {
            double seconds = (threads == 1 ? one : two)[runs / 2], peak = peaks[v][threads - 1];
            printf("%-11s %4d %17.1f %11.3f %8.1f %21.0f%%\n", variant.name, threads, peak, seconds * 1e3,
                   flops / seconds / 1e9, 100 * flops / seconds / 1e9 / peak);
        }
    }
    atomic_store(&go, -1);
    pthread_join(thread, NULL);
    return 0;
}
