// Tensority on OpenCL devices: the 4 chains of folded int8 matrix products and their reduction.
//
// The host hashes headers and derives each chain's 32-entry matrix sequence (SHA3 of 8 header
// bytes), and applies the final SHA3 to the 256 reduced bytes; the device does the 4.3·10⁹
// multiply-adds in between. SHA3 stays on the host: it is two small digests per chain, well under
// one percent of a hash even at GPU rates.
//
// Layout of the matrix cache (uploaded once per seed), the same as the Java reference's:
//     cache[(m·256 + k)·256 + j] = M_m[j][k]      (int16: transposed and widened)
// so row i of A × M_mᵀ is Σ_k A[i][k] · cache row (m, k): contiguous, vector-friendly rows.
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
