// Shared by every Tensority kernel file: the sizes and the fold of a product entry.
//
// The host hashes headers and derives each chain's 32-entry matrix sequence (SHA3 of 8 header
// bytes), and applies the final SHA3 to the 256 reduced bytes; the device does the 4.3·10⁹
// multiply-adds in between. SHA3 stays on the host: it is two small digests per chain, well under
// one percent of a hash even at GPU rates.
//
// Every chain kernel takes (cache, sequences, chains); the cache is uploaded once per seed in the
// layout its kernel reads (CacheLayout.java), each keeping consecutive k of one column j of M
// together, since a product entry is Σ_k A[i][k] · M_m[j][k]:
//     INT16_ROWS   short cache[(m·256 + k)·256 + j] = M_m[j][k]               (vector, workgroup)
//     INT16_PAIRS  int   cache[(m·128 + p)·256 + j] = M_m[j][2p], M_m[j][2p+1] as int16 (maddwd)
//     INT8_QUADS   int   cache[(m·64 + q)·256 + j]  = M_m[j][4q..4q+3] as int8        (tiled)
//     UINT8_QUADS  the same, each byte M_m[j][k] + 128 as uint8                        (vnni)
//     MMA_B_FRAGMENTS int cache[(((m·8 + b)·256 + j)·4 + t)·2 + h] = M_m[j][32b + 16h + 4t …] (mma)
// chains: per chain, its A matrix (int8, row-major, 64 KiB), overwritten with the chain's final R.
// Only the low 16 bits of a product entry are kept, so int16 lanes that wrap are exact, and so is
// int32 accumulation of int8 products (|P| < 2^23).
#ifndef TENSORITY_H
#define TENSORITY_H

#define DIM 256
#define MATRIX (DIM * DIM)
#define PRODUCTS 64
#define SEQUENCE 32
#define CHAINS 4

// int8(low byte + second byte) of a product entry.
inline char fold1(int p) {
    return (char) ((p & 0xff) + ((p >> 8) & 0xff));
}

#endif
