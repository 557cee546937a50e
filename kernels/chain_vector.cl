// The vector chain kernel: any CPU device (PoCL).
#include "tensority.h"

inline char16 fold16(short16 p) {
    return convert_char16((p & (short16) 0xff) + ((p >> (short16) 8) & (short16) 0xff));
}

// One work-item per chain, whole rows in vector registers: the shape for CPU devices, where
// PoCL maps short16 onto AVX lanes and a chain's 64 KiB A matrix stays in the core's caches.
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

