#include "tensority.h"

// The tiled kernel, designed for GPUs with dp4a: one work-group of 256 per chain. For each block
// of TILE_ROWS rows of A (held in local memory: output row i needs only row i of A), M streams
// through local memory in double-buffered tiles of TILE_QUADS k-quads, and each work-item computes
// a (TILE_ROWS / 8) × 8 tile of the block: 8 row groups × 32 column groups, columns strided by 32
// so neighbouring work-items read neighbouring words. Every loop inside a block is unrolled, so the
// tile's accumulators and operands are registers (a loop left rolled indexes them dynamically,
// which puts them in local memory: ptxas showed 96 LDL/STL around 16 IDP.4A before).
//
// Multiply-adds of 4 int8 at once:
//   NVIDIA (the host defines BTM_NVIDIA_PTX)   dp4a.s32.s32 in inline PTX          IDP.4A
//   AMD with dot1-insts (gfx906, 908, 90a, 10.3) __builtin_amdgcn_sdot4             v_dot4_i32_i8
//   AMD RDNA3 (gfx11)                           __builtin_amdgcn_sudot4 (signed)    v_dot4_i32_iu8
//   cl_khr_integer_dot_product (BTM_DOT_PRODUCT) dot(char4, char4)
//   anything else (PoCL in the tests)           exact float multiply-adds (|partial sums| < 2^24)
#ifndef TILE_ROWS
#define TILE_ROWS 64
#endif
#define TILE_QUADS 8
#define ITEM_ROWS (TILE_ROWS / 8)
#define ITEM_COLUMNS 8

#if defined(__gfx906__) || defined(__gfx908__) || defined(__gfx90a__) || defined(__gfx940__) \
    || defined(__gfx1011__) || defined(__gfx1012__) || defined(__gfx1030__) || defined(__gfx1031__) \
    || defined(__gfx1032__) || defined(__gfx1034__) || defined(__gfx1035__) || defined(__gfx1036__)
#define BTM_AMD_SDOT4
#elif defined(__gfx1100__) || defined(__gfx1101__) || defined(__gfx1102__) || defined(__gfx1103__)
#define BTM_AMD_SUDOT4
#endif

#if defined(BTM_NVIDIA_PTX) || defined(BTM_AMD_SDOT4) || defined(BTM_AMD_SUDOT4)
typedef int acc_t;
typedef int word_t;
#define ACC_ZERO 0
#define WORD(w) (w)
inline int mac4(int acc, int a, int m) {
#if defined(BTM_NVIDIA_PTX)
    int d;
    asm("dp4a.s32.s32 %0, %1, %2, %3;" : "=r"(d) : "r"(a), "r"(m), "r"(acc));
    return d;
#elif defined(BTM_AMD_SDOT4)
    return __builtin_amdgcn_sdot4(a, m, acc, false);
#else
    return __builtin_amdgcn_sudot4(true, a, true, m, acc, false);
#endif
}
#elif defined(BTM_DOT_PRODUCT) && defined(__opencl_c_integer_dot_product_input_4x8bit)
typedef int acc_t;
typedef char4 word_t;
#define ACC_ZERO 0
#define WORD(w) as_char4(w)
#define mac4(acc, a, m) ((acc) + dot((a), (m)))
#else
typedef float acc_t;
typedef float4 word_t;
#define ACC_ZERO 0.0f
#define WORD(w) convert_float4(as_char4(w))
inline float mac4(float acc, float4 a, float4 m) {
    return fma(a.w, m.w, fma(a.z, m.z, fma(a.y, m.y, fma(a.x, m.x, acc))));
}
#endif

// The first product of a chain: A is the identity, so A × M_mᵀ = M_mᵀ, folded; work-item j
// writes column j.
inline void first_product_quads(__global const int *cache, int m, __global char *a, int j) {
    __global const char *bytes = (__global const char *) (cache + (size_t) m * (MATRIX / 4));
    for (int i = 0; i < DIM; i++) {
        a[i * DIM + j] = fold1(bytes[((i >> 2) * DIM + j) * 4 + (i & 3)]);
    }
}

__kernel __attribute__((reqd_work_group_size(DIM, 1, 1)))
void tensority_chain_tiled(__global const int *cache, __global const uchar *sequences, __global char *chains) {
    const size_t chain = get_group_id(0);
    const int id = get_local_id(0);
    const int row0 = (id / 32) * ITEM_ROWS;   // this work-item's rows of the block
    const int column0 = id % 32;              // and columns column0 + 32·c
    __global const uchar *sequence = sequences + chain * SEQUENCE;
    __global char *a = chains + chain * MATRIX;
    __local int a_block[TILE_ROWS * DIM / 4];        // rows of A as words of 4 consecutive k
    __local int m_tiles[2][TILE_QUADS * DIM];        // [tile][quad][column]

    first_product_quads(cache, sequence[0], a, id);
    barrier(CLK_GLOBAL_MEM_FENCE);

    for (int step = 1; step < PRODUCTS; step++) {
        __global const int *quads = cache + (size_t) sequence[step % SEQUENCE] * (MATRIX / 4);
        for (int i0 = 0; i0 < DIM; i0 += TILE_ROWS) {
            __global const int *a_words = (__global const int *) (a + i0 * DIM);
            for (int w = id; w < TILE_ROWS * DIM / 4; w += DIM) {
                a_block[w] = a_words[w];
            }
#pragma unroll
            for (int t = 0; t < TILE_QUADS; t++) {
                m_tiles[0][t * DIM + id] = quads[t * DIM + id];
            }
            barrier(CLK_LOCAL_MEM_FENCE);

            acc_t acc[ITEM_ROWS][ITEM_COLUMNS];
#pragma unroll
            for (int r = 0; r < ITEM_ROWS; r++) {
#pragma unroll
                for (int c = 0; c < ITEM_COLUMNS; c++) {
                    acc[r][c] = ACC_ZERO;
                }
            }
            for (int tile = 0; tile < DIM / 4 / TILE_QUADS; tile++) {
                // The next tile goes into the other buffer while this one is read: the barrier at
                // the end of the previous tile made sure nobody still reads that one.
                if (tile + 1 < DIM / 4 / TILE_QUADS) {
                    __global const int *next = quads + (tile + 1) * TILE_QUADS * DIM;
#pragma unroll
                    for (int t = 0; t < TILE_QUADS; t++) {
                        m_tiles[(tile + 1) & 1][t * DIM + id] = next[t * DIM + id];
                    }
                }
                __local const int *m_tile = m_tiles[tile & 1];
                __local const int *a_tile = a_block + row0 * (DIM / 4) + tile * TILE_QUADS;
#pragma unroll
                for (int t = 0; t < TILE_QUADS; t++) {
                    word_t m[ITEM_COLUMNS];
#pragma unroll
                    for (int c = 0; c < ITEM_COLUMNS; c++) {
                        m[c] = WORD(m_tile[t * DIM + column0 + 32 * c]);
                    }
#pragma unroll
                    for (int r = 0; r < ITEM_ROWS; r++) {
                        const word_t x = WORD(a_tile[r * (DIM / 4) + t]);
#pragma unroll
                        for (int c = 0; c < ITEM_COLUMNS; c++) {
                            acc[r][c] = mac4(acc[r][c], x, m[c]);
                        }
                    }
                }
                barrier(CLK_LOCAL_MEM_FENCE);
            }
            // The block's rows of A are in local memory: its product rows may replace them now.
#pragma unroll
            for (int r = 0; r < ITEM_ROWS; r++) {
#pragma unroll
                for (int c = 0; c < ITEM_COLUMNS; c++) {
                    a[(i0 + row0 + r) * DIM + column0 + 32 * c] = fold1((int) acc[r][c]);
                }
            }
        }
        barrier(CLK_GLOBAL_MEM_FENCE);
    }
}
