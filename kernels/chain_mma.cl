#include "tensority.h"

// The tensor-core kernel for NVIDIA sm_75 and later: int8 products by warp-wide mma.
//
// Row i of a product needs only row i of A, so a chain splits into independent blocks of rows:
// two work-groups of 4 warps per chain, and each warp owns 32 rows (two 16-row m-tiles) for all 63
// products, never exchanging data with another warp. During a product its rows of A are registers,
// the A fragments of every 32-k block; M's B fragments come straight from the L2-resident cache,
// laid out as the fragments (MMA_B_FRAGMENTS): a lane's two words in one 64-bit load, a warp's
// loads 256 contiguous bytes, from L1 for the warps after the first. Each output chunk of
// 32 rows × 8·N_TILES columns is folded to int8 into the warp's rows in local memory, which it reads
// back as the next product's fragments: a C fragment's stores and an A fragment's loads each touch
// 8 rows, cheap in local memory (rows padded to 272 bytes, so neither conflicts on a bank) and
// 8 cache lines an instruction in global memory. Only the final rows go to global memory.
//
// Accumulation in int32 is exact (|P| < 2^23), and the fold keeps P's low 16 bits.
//
// mma_s8 is the one place the builds differ (the host picks one):
//   BTM_MMA_M16N8K32  sm_80 and later: mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32
//   BTM_MMA_M8N8K16   sm_75 (Turing): the same tile as four m8n8k16 (the PTX ISA's m8n8k16 .s8
//                     fragments are the quarters of m16n8k32's)
//   BTM_MMA_EMULATE   any device (PoCL in CI): the fragments exchanged through local memory, as
//                     the PTX ISA lays them out, and the tile product computed from them
#define WARPS 4           // a work-group's; two work-groups per chain
#define WARP_SIZE 32
#define WARP_ROWS 32
#define M_TILES 2         // 16-row tiles per warp
#define K_BLOCKS 8        // 32-k blocks of a row
#ifndef N_TILES
#define N_TILES 4         // 8-column tiles per output chunk: 2 × N_TILES int4 accumulators
#endif
#define WORDS_PER_ROW (DIM / 4)   // of A, four int8 a word
#define ROW_STRIDE (WORDS_PER_ROW + 4)  // words of a row in local memory: 4 · g + t picks 32 banks

// Fragments of one m16n8k32 tile, per lane (group g = lane / 4, t = lane % 4), after the PTX ISA's
// "Matrix Fragments for mma.m16n8k32" (.s8): four int8 in each word, the lowest k in the low byte.
//   A (16×32, row): a.x = A[g][4t …], a.y = A[g + 8][4t …], a.z = A[g][16 + 4t …], a.w = A[g + 8][16 + 4t …]
//   B (32×8, col):  b.x = B[4t …][g], b.y = B[16 + 4t …][g]
//   C, D (16×8):    c.x = C[g][2t], c.y = C[g][2t + 1], c.z = C[g + 8][2t], c.w = C[g + 8][2t + 1]
#if defined(BTM_MMA_M16N8K32)
#define MMA_SCRATCH_WORDS 1
inline int4 mma_s8(int4 a, int2 b, int4 c, __local int *scratch, int lane) {
    int d0, d1, d2, d3;
    asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%10,%11,%12,%13};"
                 : "=r"(d0), "=r"(d1), "=r"(d2), "=r"(d3)
                 : "r"(a.x), "r"(a.y), "r"(a.z), "r"(a.w), "r"(b.x), "r"(b.y), "r"(c.x), "r"(c.y), "r"(c.z), "r"(c.w));
    return (int4) (d0, d1, d2, d3);
}
#elif defined(BTM_MMA_M8N8K16)
#define MMA_SCRATCH_WORDS 1
// D (8×8) += A (8×16, one word a lane) · B (16×8, one word): rows g, columns 2t and 2t + 1.
inline int2 mma_m8n8k16(int a, int b, int2 c) {
    int d0, d1;
    asm volatile("mma.sync.aligned.m8n8k16.row.col.s32.s8.s8.s32 {%0,%1}, {%2}, {%3}, {%4,%5};"
                 : "=r"(d0), "=r"(d1) : "r"(a), "r"(b), "r"(c.x), "r"(c.y));
    return (int2) (d0, d1);
}
inline int4 mma_s8(int4 a, int2 b, int4 c, __local int *scratch, int lane) {
    const int2 top = mma_m8n8k16(a.z, b.y, mma_m8n8k16(a.x, b.x, c.xy));
    const int2 bottom = mma_m8n8k16(a.w, b.y, mma_m8n8k16(a.y, b.x, c.zw));
    return (int4) (top, bottom);
}
#elif defined(BTM_MMA_EMULATE)
// A tile as [row][word] (16 × 8 words), then B as [column][word] (8 × 8 words).
#define MMA_SCRATCH_WORDS (16 * 8 + 8 * 8)
inline int dot4(int x, int y) {
    const char4 p = as_char4(x), q = as_char4(y);
    return p.x * q.x + p.y * q.y + p.z * q.z + p.w * q.w;
}
inline int4 mma_s8(int4 a, int2 b, int4 c, __local int *scratch, int lane) {
    const int g = lane >> 2, t = lane & 3;
    __local int *tile_a = scratch;
    __local int *tile_b = scratch + 16 * 8;
    tile_a[g * 8 + t] = a.x;
    tile_a[(g + 8) * 8 + t] = a.y;
    tile_a[g * 8 + 4 + t] = a.z;
    tile_a[(g + 8) * 8 + 4 + t] = a.w;
    tile_b[g * 8 + t] = b.x;
    tile_b[g * 8 + 4 + t] = b.y;
    barrier(CLK_LOCAL_MEM_FENCE);
    int4 d = c;
    for (int w = 0; w < 8; w++) {
        const int top = tile_a[g * 8 + w], bottom = tile_a[(g + 8) * 8 + w];
        const int left = tile_b[2 * t * 8 + w], right = tile_b[(2 * t + 1) * 8 + w];
        d += (int4) (dot4(top, left), dot4(top, right), dot4(bottom, left), dot4(bottom, right));
    }
    barrier(CLK_LOCAL_MEM_FENCE);  // the tile is read by every lane before the next one is written
    return d;
}
#else
#error "chain_mma.cl needs BTM_MMA_M16N8K32, BTM_MMA_M8N8K16 or BTM_MMA_EMULATE"
#endif

// The first product of a warp's rows: A is the identity, so row i is M_mᵀ's, folded; M_m[j][i]
// from its place among the B fragments.
inline void first_product(__global const int2 *matrix, __local int *rows, int row0, int lane) {
    __global const char *bytes = (__global const char *) matrix;
    __local char *row_bytes = (__local char *) rows;
    for (int j = lane; j < DIM; j += WARP_SIZE) {
        for (int r = 0; r < WARP_ROWS; r++) {
            const int i = row0 + r, k = i % 32;
            row_bytes[r * ROW_STRIDE * 4 + j] = fold1(bytes[((((i / 32) * DIM + j) * 4 + k % 16 / 4) * 2 + k / 16) * 4 + k % 4]);
        }
    }
}

__kernel __attribute__((reqd_work_group_size(WARPS * WARP_SIZE, 1, 1)))
void tensority_chain_mma(__global const int *cache, __global const uchar *sequences, __global char *chains) {
    const size_t chain = get_group_id(0) / 2;
    const int warp = get_local_id(0) / WARP_SIZE;
    const int lane = get_local_id(0) % WARP_SIZE;
    const int g = lane >> 2, t = lane & 3;
    const int row0 = (get_group_id(0) % 2) * (WARPS * WARP_ROWS) + warp * WARP_ROWS;  // the warp's rows of the chain
    __global const uchar *sequence = sequences + chain * SEQUENCE;
    __global const int2 *cache_fragments = (__global const int2 *) cache;
    __local int all_rows[WARPS][WARP_ROWS * ROW_STRIDE];
    __local int *rows = all_rows[warp];
    __local char *row_bytes = (__local char *) rows;
    // Only the emulation uses it; the hardware builds keep one word so that the pointer is valid.
    __local int scratch[WARPS][MMA_SCRATCH_WORDS];

    first_product(cache_fragments + (size_t) sequence[0] * (MATRIX / 8), rows, row0, lane);
    barrier(CLK_LOCAL_MEM_FENCE);

    for (int step = 1; step < PRODUCTS; step++) {
        __global const int2 *fragments = cache_fragments + (size_t) sequence[step % SEQUENCE] * (MATRIX / 8);
        int4 fragment_a[M_TILES][K_BLOCKS];
#pragma unroll
        for (int mt = 0; mt < M_TILES; mt++) {
            __local const int *top = rows + (mt * 16 + g) * ROW_STRIDE + t;
            __local const int *bottom = top + 8 * ROW_STRIDE;
#pragma unroll
            for (int kb = 0; kb < K_BLOCKS; kb++) {
                fragment_a[mt][kb] = (int4) (top[kb * 8], bottom[kb * 8], top[kb * 8 + 4], bottom[kb * 8 + 4]);
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);  // every lane holds its A before any of the rows is overwritten

        for (int n0 = 0; n0 < DIM; n0 += N_TILES * 8) {
            int4 acc[M_TILES][N_TILES];
#pragma unroll
            for (int mt = 0; mt < M_TILES; mt++) {
#pragma unroll
                for (int nt = 0; nt < N_TILES; nt++) {
                    acc[mt][nt] = (int4) 0;
                }
            }
#pragma unroll
            for (int kb = 0; kb < K_BLOCKS; kb++) {
#pragma unroll
                for (int nt = 0; nt < N_TILES; nt++) {
                    const int2 fragment_b = fragments[(kb * DIM + n0 + nt * 8 + g) * 4 + t];
#pragma unroll
                    for (int mt = 0; mt < M_TILES; mt++) {
                        acc[mt][nt] = mma_s8(fragment_a[mt][kb], fragment_b, acc[mt][nt], scratch[warp], lane);
                    }
                }
            }
#pragma unroll
            for (int mt = 0; mt < M_TILES; mt++) {
#pragma unroll
                for (int nt = 0; nt < N_TILES; nt++) {
                    __local char *out = row_bytes + (mt * 16 + g) * ROW_STRIDE * 4 + n0 + nt * 8 + 2 * t;
                    vstore2((char2) (fold1(acc[mt][nt].x), fold1(acc[mt][nt].y)), 0, out);
                    vstore2((char2) (fold1(acc[mt][nt].z), fold1(acc[mt][nt].w)), 0, out + 8 * ROW_STRIDE * 4);
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);  // the warp's new rows are written before they are read as A
    }

    // The chain's rows, a row at a time, each lane a word of it.
    __global int *out = (__global int *) (chains + chain * MATRIX);
    for (int r = 0; r < WARP_ROWS; r++) {
        for (int w = lane; w < WORDS_PER_ROW; w += WARP_SIZE) {
            out[(row0 + r) * WORDS_PER_ROW + w] = rows[r * ROW_STRIDE + w];
        }
    }
}
