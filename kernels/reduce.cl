#include "tensority.h"

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
