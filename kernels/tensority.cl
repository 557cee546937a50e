// Tensority on OpenCL devices: the 4 chains of folded int8 matrix products and their reduction.
//
// The host hashes headers and derives each chain's 32-entry matrix sequence (SHA3 of 8 header
// bytes), and applies the final SHA3 to the 256 reduced bytes; the device does the 4.3·10⁹
// multiply-adds in between. SHA3 stays on the host: it is two small digests per chain, well under
// one percent of a hash even at GPU rates.
//
// Every chain kernel takes (cache, sequences, chains); the cache is uploaded once per
// seed in the layout its kernel reads (CacheLayout.java), each keeping consecutive k of one column
// j of M together, since a product entry is Σ_k A[i][k] · M_m[j][k]:
//     INT16_ROWS   short cache[(m·256 + k)·256 + j] = M_m[j][k]               (vector, workgroup)
//     INT16_PAIRS  int   cache[(m·128 + p)·256 + j] = M_m[j][2p], M_m[j][2p+1] as int16 (maddwd)
//     INT8_QUADS   int   cache[(m·64 + q)·256 + j]  = M_m[j][4q..4q+3] as int8        (tiled)
//     UINT8_QUADS  the same, each byte M_m[j][k] + 128 as uint8                        (vnni)
// Only the low 16 bits of a product entry are kept, so int16 lanes that wrap are exact.

#define DIM 256
#define MATRIX (DIM * DIM)
#define PRODUCTS 64
#define SEQUENCE 32
#define CHAINS 4

// int8(low byte + second byte) of a product entry.
inline char fold1(short p) {
    return (char) ((p & 0xff) + ((p >> 8) & 0xff));
}

inline char16 fold16(short16 p) {
    return convert_char16((p & (short16) 0xff) + ((p >> (short16) 8) & (short16) 0xff));
}

// One work-item per chain, whole rows in vector registers: the shape for CPU devices, where
// PoCL maps short16 onto AVX lanes and a chain's 64 KiB A matrix stays in the core's caches.
// chains: per chain, its A matrix (int8, 64 KiB), overwritten with the chain's final R.
__kernel void tensority_chain_vector(__global const short *cache,
                                     __global const uchar *sequences,
                                     __global char *chains) {
    const size_t chain = get_global_id(0);
    __global const uchar *sequence = sequences + chain * SEQUENCE;
    __global char *a = chains + chain * MATRIX;

    // A starts as the identity, so the first product is M_seq[0]ᵀ itself: fold, no multiply.
    __global const short16 *first = (__global const short16 *) (cache + (size_t) sequence[0] * MATRIX);
    for (int v = 0; v < MATRIX / 16; v++) {
        vstore16(fold16(first[v]), v, a);
    }

    for (int step = 1; step < PRODUCTS; step++) {
        __global const short16 *m = (__global const short16 *) (cache + (size_t) sequence[step % SEQUENCE] * MATRIX);
        // Row i of the product needs only row i of A, so each row is overwritten in place.
        for (int i = 0; i < DIM; i++) {
            __global char *row = a + i * DIM;
            short16 acc[16];
#pragma unroll
            for (int v = 0; v < 16; v++) {
                acc[v] = (short16) 0;
            }
            for (int k = 0; k < DIM; k++) {
                const short16 x = (short16) row[k];
                __global const short16 *mk = m + k * 16;
#pragma unroll
                for (int v = 0; v < 16; v++) {
                    acc[v] += x * mk[v];
                }
            }
#pragma unroll
            for (int v = 0; v < 16; v++) {
                vstore16(fold16(acc[v]), v, row);
            }
        }
    }
}

// One work-group of 256 per chain, work-item j owning column j: the shape for GPUs. Each
// work-item holds row j of the step's matrix in registers, and ROWS rows of A at a time are
// staged in local memory for all 256 work-items to read. Work-item j reads and writes only
// column j of A in global memory, so no global barrier is needed.
#ifndef ROWS
#define ROWS 16
#endif
__kernel __attribute__((reqd_work_group_size(DIM, 1, 1)))
void tensority_chain_workgroup(__global const short *cache,
                               __global const uchar *sequences,
                               __global char *chains) {
    const size_t chain = get_group_id(0);
    const int j = get_local_id(0);
    __global const uchar *sequence = sequences + chain * SEQUENCE;
    __global char *a = chains + chain * MATRIX;
    __local char rows[ROWS * DIM];

    __global const short *first = cache + (size_t) sequence[0] * MATRIX;
    for (int i = 0; i < DIM; i++) {
        a[i * DIM + j] = fold1(first[i * DIM + j]);
    }

    for (int step = 1; step < PRODUCTS; step++) {
        __global const short *m = cache + (size_t) sequence[step % SEQUENCE] * MATRIX;
        char mj[DIM];   // M[j][k] for every k: this work-item's column of the product
#pragma unroll 16
        for (int k = 0; k < DIM; k++) {
            mj[k] = (char) m[k * DIM + j];
        }
        for (int i0 = 0; i0 < DIM; i0 += ROWS) {
            for (int r = 0; r < ROWS; r++) {
                rows[r * DIM + j] = a[(i0 + r) * DIM + j];
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            short acc[ROWS];
            for (int r = 0; r < ROWS; r++) {
                acc[r] = 0;
            }
            for (int k = 0; k < DIM; k++) {
                const short x = mj[k];
#pragma unroll
                for (int r = 0; r < ROWS; r++) {
                    acc[r] += rows[r * DIM + k] * x;
                }
            }
            for (int r = 0; r < ROWS; r++) {
                a[(i0 + r) * DIM + j] = fold1(acc[r]);
            }
            barrier(CLK_LOCAL_MEM_FENCE);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Kernels for x86 CPUs (PoCL), built where the host defines BTM_X86_CPU and run only where the
// host's CPU has their instructions: PoCL's LLVM neither emits VNNI by itself nor tells a kernel
// which instructions the CPU has. The target attribute must sit on a noinline helper: on the
// kernel itself it breaks PoCL's build, which inlines kernels into wrappers without the feature.
// Their working rows are private arrays: PoCL shares __local arrays passed to a noinline helper
// between work-groups running at once.

// The first product of a chain from int8 quads: A is the identity, so A × M_mᵀ = M_mᵀ, folded.
inline void first_product_quads(__global const int *cache, int m, __global char *a, int j0, int step) {
    __global const char *bytes = (__global const char *) (cache + (size_t) m * (MATRIX / 4));
    for (int j = j0; j < DIM; j += step) {
        for (int i = 0; i < DIM; i++) {
            a[i * DIM + j] = fold1((short) bytes[((i >> 2) * DIM + j) * 4 + (i & 3)]);
        }
    }
}

#ifdef BTM_X86_CPU
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
#endif

__kernel void tensority_chain_vnni(__global const int *cache, __global const uchar *sequences, __global char *chains) {
#ifdef BTM_X86_CPU
    const size_t chain = get_global_id(0);
    chain_vnni(cache, sequences + chain * SEQUENCE, chains + chain * MATRIX);
#endif
}

__kernel void tensority_chain_maddwd(__global const int *cache, __global const uchar *sequences, __global char *chains) {
#ifdef BTM_X86_CPU
    const size_t chain = get_global_id(0);
    chain_maddwd(cache, sequences + chain * SEQUENCE, chains + chain * MATRIX);
#endif
}

// ---------------------------------------------------------------------------------------------
// The tiled kernel, designed for GPUs with dp4a: one work-group of 256 per chain. For each block
// of TILE_ROWS rows of A (held in local memory: output row i needs only row i of A), M streams
// through local memory in double-buffered tiles of TILE_QUADS k-quads, and each work-item computes
// a (TILE_ROWS / 8) × 8 tile of the block: 8 row groups × 32 column groups, columns strided by 32
// so neighbouring work-items read neighbouring words. Multiply-adds of 4 int8 at once: dp4a
// through cl_khr_integer_dot_product or NVIDIA's PTX where the host says so, else exact float
// multiply-adds (|partial sums| < 2^23 < 2^24), the path PoCL runs in the tests.
#ifndef TILE_ROWS
#define TILE_ROWS 64
#endif
#define TILE_QUADS 8
#define ITEM_ROWS (TILE_ROWS / 8)
#define ITEM_COLUMNS 8

#if defined(BTM_NVIDIA_PTX)
typedef int acc_t;
#define ACC_ZERO 0
inline int mac4(int acc, int a, int m) {
    int d;
    asm("dp4a.s32.s32 %0, %1, %2, %3;" : "=r"(d) : "r"(a), "r"(m), "r"(acc));
    return d;
}
#define A_WORD(w) (w)
#define M_WORD(w) (w)
typedef int a_t;
typedef int m_t;
#elif defined(BTM_DOT_PRODUCT) && defined(__opencl_c_integer_dot_product_input_4x8bit)
typedef int acc_t;
#define ACC_ZERO 0
#define mac4(acc, a, m) ((acc) + dot((a), (m)))
#define A_WORD(w) as_char4(w)
#define M_WORD(w) as_char4(w)
typedef char4 a_t;
typedef char4 m_t;
#else
typedef float acc_t;
#define ACC_ZERO 0.0f
inline float mac4(float acc, float4 a, float4 m) {
    return fma(a.w, m.w, fma(a.z, m.z, fma(a.y, m.y, fma(a.x, m.x, acc))));
}
#define A_WORD(w) convert_float4(as_char4(w))
#define M_WORD(w) convert_float4(as_char4(w))
typedef float4 a_t;
typedef float4 m_t;
#endif

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

    first_product_quads(cache, sequence[0], a, id, DIM);
    barrier(CLK_GLOBAL_MEM_FENCE);

    for (int step = 1; step < PRODUCTS; step++) {
        __global const int *quads = cache + (size_t) sequence[step % SEQUENCE] * (MATRIX / 4);
        for (int i0 = 0; i0 < DIM; i0 += TILE_ROWS) {
            __global const int *a_words = (__global const int *) (a + i0 * DIM);
            for (int w = id; w < TILE_ROWS * DIM / 4; w += DIM) {
                a_block[w] = a_words[w];
            }
            for (int t = 0; t < TILE_QUADS; t++) {
                m_tiles[0][t * DIM + id] = quads[t * DIM + id];
            }
            barrier(CLK_LOCAL_MEM_FENCE);

            acc_t acc[ITEM_ROWS][ITEM_COLUMNS];
            for (int r = 0; r < ITEM_ROWS; r++) {
                for (int c = 0; c < ITEM_COLUMNS; c++) {
                    acc[r][c] = ACC_ZERO;
                }
            }
            for (int tile = 0; tile < DIM / 4 / TILE_QUADS; tile++) {
                // The next tile goes into the other buffer while this one is read: the barrier at
                // the end of the previous tile made sure nobody still reads that one.
                if (tile + 1 < DIM / 4 / TILE_QUADS) {
                    __global const int *next = quads + (tile + 1) * TILE_QUADS * DIM;
                    for (int t = 0; t < TILE_QUADS; t++) {
                        m_tiles[(tile + 1) & 1][t * DIM + id] = next[t * DIM + id];
                    }
                }
                __local const int *m_tile = m_tiles[tile & 1];
                for (int t = 0; t < TILE_QUADS; t++) {
                    const int q = tile * TILE_QUADS + t;
                    m_t m[ITEM_COLUMNS];
                    for (int c = 0; c < ITEM_COLUMNS; c++) {
                        m[c] = M_WORD(m_tile[t * DIM + column0 + 32 * c]);
                    }
                    for (int r = 0; r < ITEM_ROWS; r++) {
                        const a_t x = A_WORD(a_block[(row0 + r) * (DIM / 4) + q]);
                        for (int c = 0; c < ITEM_COLUMNS; c++) {
                            acc[r][c] = mac4(acc[r][c], x, m[c]);
                        }
                    }
                }
                barrier(CLK_LOCAL_MEM_FENCE);
            }
            // The block's rows of A are in local memory: its product rows may replace them now.
            for (int r = 0; r < ITEM_ROWS; r++) {
                for (int c = 0; c < ITEM_COLUMNS; c++) {
                    const int p = (int) acc[r][c];
                    ((__global uchar *) a)[(i0 + row0 + r) * DIM + column0 + 32 * c] = (uchar) ((p & 0xff) + ((p >> 8) & 0xff));
                }
            }
        }
        barrier(CLK_GLOBAL_MEM_FENCE);
    }
}

// Per nonce and word column c < 64: the four chains summed mod 256, four columns packed into a
// word (bytes c, c+64, c+128, c+192), then FNV-folded over the 256 rows to one word.
// reduced: 64 little-endian words per nonce, the input of the final SHA3.
__kernel void tensority_reduce(__global const uchar *chains, __global uint *reduced) {
    const size_t nonce = get_global_id(0) / 64;
    const int c = get_global_id(0) % 64;
    __global const uchar *r = chains + nonce * CHAINS * MATRIX;
    uint w[DIM];
    for (int i = 0; i < DIM; i++) {
        uint word = 0;
        for (int q = 0; q < 4; q++) {
            const int at = i * DIM + c + 64 * q;
            const uchar sum = r[at] + r[MATRIX + at] + r[2 * MATRIX + at] + r[3 * MATRIX + at];
            word |= (uint) sum << (8 * q);
        }
        w[i] = word;
    }
    for (int span = DIM / 2; span > 0; span /= 2) {
        for (int i = 0; i < span; i++) {
            w[i] = w[i] * 0x01000193u ^ w[i + span];
        }
    }
    reduced[nonce * 64 + c] = w[0];
}
