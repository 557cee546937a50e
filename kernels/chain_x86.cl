#include "tensority.h"

// Kernels for x86 CPUs (PoCL), built where the host defines BTM_X86_CPU and run only where the
// host's CPU has their instructions: PoCL's LLVM neither emits VNNI by itself nor tells a kernel
// which instructions the CPU has. The target attribute must sit on a noinline helper: on the
// kernel itself it breaks PoCL's build, which inlines kernels into wrappers without the feature.
// Their working rows are private arrays: PoCL shares __local arrays passed to a noinline helper
// between work-groups running at once.
#ifndef BTM_X86_CPU
#error "chain_x86.cl is for x86 CPU devices: the host builds it with -DBTM_X86_CPU"
#endif

typedef int v16i __attribute__((vector_size(64)));
typedef int v8i __attribute__((vector_size(32)));
typedef int v4i __attribute__((vector_size(16)));
typedef short v32s __attribute__((vector_size(64)));

typedef char v16c __attribute__((vector_size(16)));

// 16 int32 product entries of one row, folded and stored as int8 at out (one vpmovdb and a store).
inline void fold_store16(v16i p, char *out) {
    const v16i folded = (p & 0xff) + ((p >> 8) & 0xff);
    *(v16c *) out = __builtin_convertvector(folded, v16c);
}

// VNNI: vpdpbusd multiplies unsigned bytes by signed ones. The cache comes as M + 128 (UINT8_QUADS)
// and A stays signed, so A's words can be broadcast straight from memory as the instruction's
// signed operand; 128 · Σ_k A[i][k] comes off each entry of row i. Exact: every sum fits int32.
//
// Column blocks outermost: a block's slice of M (8 KiB) stays in L1 while every row block of A
// streams past it, so the product reads M once; results go to the other matrix of a ping-pong
// pair, since every column block needs all of A. A block of 8 rows × 2 vectors of 16 columns: 16
// int32 accumulators in registers, each load of M serving 8 rows (measured best of 4×4, 8×2,
// 16×1, 4×2 and 8×1).
#ifndef VNNI_ROWS
#define VNNI_ROWS 8
#endif
#ifndef VNNI_VECTORS
#define VNNI_VECTORS 2
#endif

__attribute__((always_inline, target("avx512f,avx512bw,avx512vnni")))
static inline void vnni_product(__global const v16i *quads, const __private int *row_sums,
                                const char *a, char *next) {
    for (int v = 0; v < DIM / 16; v += VNNI_VECTORS) {
        for (int i = 0; i < DIM; i += VNNI_ROWS) {
            const int *r = (const int *) (a + i * DIM);
            v16i c[VNNI_ROWS][VNNI_VECTORS];
#pragma unroll
            for (int x = 0; x < VNNI_ROWS; x++) {
#pragma unroll
                for (int y = 0; y < VNNI_VECTORS; y++) {
                    c[x][y] = (v16i) {};
                }
            }
#pragma unroll 4  // measured: +5 % over no unrolling (paired runs)
            for (int q = 0; q < DIM / 4; q++) {
                v16i m[VNNI_VECTORS];
#pragma unroll
                for (int y = 0; y < VNNI_VECTORS; y++) {
                    m[y] = quads[q * (DIM / 16) + v + y];
                }
#pragma unroll
                for (int x = 0; x < VNNI_ROWS; x++) {
                    const v16i ax = (v16i) {} + r[x * (DIM / 4) + q];
#pragma unroll
                    for (int y = 0; y < VNNI_VECTORS; y++) {
                        c[x][y] = __builtin_ia32_vpdpbusd512(c[x][y], m[y], ax);
                    }
                }
            }
#pragma unroll
            for (int x = 0; x < VNNI_ROWS; x++) {
                const v16i bias = (v16i) {} + (row_sums[i + x] << 7);
#pragma unroll
                for (int y = 0; y < VNNI_VECTORS; y++) {
                    fold_store16(c[x][y] - bias, next + (i + x) * DIM + (v + y) * 16);
                }
            }
        }
    }
}

// Σ_k A[i][k] for every row: dot products of A's bytes (as the signed operand) with bytes of 1.
__attribute__((always_inline, target("avx512f,avx512bw,avx512vnni")))
static inline void vnni_row_sums(const char *a, __private int *row_sums) {
    const v16i ones = (v16i) {} + 0x01010101;
    for (int i = 0; i < DIM; i++) {
        const v16i *row = (const v16i *) (a + i * DIM);
        v16i sum = __builtin_ia32_vpdpbusd512((v16i) {}, ones, row[0]);
        sum = __builtin_ia32_vpdpbusd512(sum, ones, row[1]);
        sum = __builtin_ia32_vpdpbusd512(sum, ones, row[2]);
        sum = __builtin_ia32_vpdpbusd512(sum, ones, row[3]);
        const v8i s8 = __builtin_shufflevector(sum, sum, 0, 1, 2, 3, 4, 5, 6, 7)
                + __builtin_shufflevector(sum, sum, 8, 9, 10, 11, 12, 13, 14, 15);
        const v4i s4 = __builtin_shufflevector(s8, s8, 0, 1, 2, 3) + __builtin_shufflevector(s8, s8, 4, 5, 6, 7);
        row_sums[i] = s4[0] + s4[1] + s4[2] + s4[3];
    }
}

__attribute__((noinline, target("avx512f,avx512bw,avx512vnni")))
static void chain_vnni(__global const int *cache, __global const uchar *sequence, __global char *chain) {
    __private char ping[MATRIX];   // private: see above; the chain's matrix alternates between the two
    __private char pong[MATRIX];
    __private int row_sums[DIM];
    {   // the first product: M_mᵀ folded, from the biased quads
        __global const uchar *bytes = (__global const uchar *) (cache + (size_t) sequence[0] * (MATRIX / 4));
        for (int i = 0; i < DIM; i++) {
            for (int j = 0; j < DIM; j++) {
                ping[i * DIM + j] = fold1((short) (char) (bytes[((i >> 2) * DIM + j) * 4 + (i & 3)] ^ 0x80));
            }
        }
    }
    char *a = ping, *next = pong;
    for (int step = 1; step < PRODUCTS; step++) {
        vnni_row_sums(a, row_sums);
        vnni_product((__global const v16i *) (cache + (size_t) sequence[step % SEQUENCE] * (MATRIX / 4)), row_sums, a, next);
        char *t = a;
        a = next;
        next = t;
    }
    for (int n = 0; n < MATRIX; n++) {
        chain[n] = a[n];
    }
}

// AVX-512BW without VNNI: vpmaddwd multiplies int16 pairs and adds each pair into an int32 lane.
// The chain's matrix is kept as int16 in a ping-pong pair, so two consecutive k of a row of A are one
// 32-bit word that is broadcast straight from memory; otherwise as the VNNI kernel.
typedef short v16s __attribute__((vector_size(32)));

// 16 int32 product entries of one row, folded and stored as sign-extended int16 at out.
inline void fold_store16_wide(v16i p, short *out) {
    const v16i folded = (p & 0xff) + ((p >> 8) & 0xff);
    *(v16s *) out = __builtin_convertvector((folded << 24) >> 24, v16s);
}

__attribute__((always_inline, target("avx512f,avx512bw")))
static inline void maddwd_product(__global const v16i *pairs, const short *a, short *next) {
    for (int v = 0; v < DIM / 16; v += VNNI_VECTORS) {
        for (int i = 0; i < DIM; i += VNNI_ROWS) {
            const int *r = (const int *) (a + i * DIM);
            v16i c[VNNI_ROWS][VNNI_VECTORS];
#pragma unroll
            for (int x = 0; x < VNNI_ROWS; x++) {
#pragma unroll
                for (int y = 0; y < VNNI_VECTORS; y++) {
                    c[x][y] = (v16i) {};
                }
            }
#pragma unroll 4
            for (int p = 0; p < DIM / 2; p++) {
                v32s m[VNNI_VECTORS];
#pragma unroll
                for (int y = 0; y < VNNI_VECTORS; y++) {
                    m[y] = (v32s) pairs[p * (DIM / 16) + v + y];
                }
#pragma unroll
                for (int x = 0; x < VNNI_ROWS; x++) {
                    const v32s ax = (v32s) ((v16i) {} + r[x * (DIM / 2) + p]);
#pragma unroll
                    for (int y = 0; y < VNNI_VECTORS; y++) {
                        c[x][y] += __builtin_ia32_pmaddwd512(m[y], ax);
                    }
                }
            }
#pragma unroll
            for (int x = 0; x < VNNI_ROWS; x++) {
#pragma unroll
                for (int y = 0; y < VNNI_VECTORS; y++) {
                    fold_store16_wide(c[x][y], next + (i + x) * DIM + (v + y) * 16);
                }
            }
        }
    }
}

__attribute__((noinline, target("avx512f,avx512bw")))
static void chain_maddwd(__global const int *cache, __global const uchar *sequence, __global char *chain) {
    __private short ping[MATRIX];
    __private short pong[MATRIX];
    {   // the first product: M_mᵀ folded, from the int16 pairs
        __global const short *first = (__global const short *) (cache + (size_t) sequence[0] * (MATRIX / 2));
        for (int i = 0; i < DIM; i++) {
            for (int j = 0; j < DIM; j++) {
                ping[i * DIM + j] = fold1(first[((i >> 1) * DIM + j) * 2 + (i & 1)]);
            }
        }
    }
    short *a = ping, *next = pong;
    for (int step = 1; step < PRODUCTS; step++) {
        maddwd_product((__global const v16i *) (cache + (size_t) sequence[step % SEQUENCE] * (MATRIX / 2)), a, next);
        short *t = a;
        a = next;
        next = t;
    }
    for (int n = 0; n < MATRIX; n++) {
        chain[n] = (char) a[n];
    }
}

__kernel void tensority_chain_vnni(__global const int *cache, __global const uchar *sequences, __global char *chains) {
    const size_t chain = get_global_id(0);
    chain_vnni(cache, sequences + chain * SEQUENCE, chains + chain * MATRIX);
}

__kernel void tensority_chain_maddwd(__global const int *cache, __global const uchar *sequences, __global char *chains) {
    const size_t chain = get_global_id(0);
    chain_maddwd(cache, sequences + chain * SEQUENCE, chains + chain * MATRIX);
}

