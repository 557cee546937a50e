package io.btm.miner.backend.opencl;

import io.btm.core.tensority.MatrixCache;

import static io.btm.core.tensority.MatrixCache.DIM;
import static io.btm.core.tensority.MatrixCache.MATRICES;
import static io.btm.core.tensority.MatrixCache.MATRIX_SIZE;

/**
 * How the matrix cache lies in device memory: each chain kernel reads one layout, built on the host
 * once per seed. {@code M_m[j][k]} is entry (j, k) of matrix m; a product entry is
 * {@code Σ_k A[i][k] · M_m[j][k]}, so every layout keeps consecutive k of one column j together.
 */
public enum CacheLayout {
    /** {@code short[(m·256 + k)·256 + j] = M_m[j][k]}: the reference's rows, for int16 multiply-adds. */
    INT16_ROWS(2L * MATRICES * MATRIX_SIZE),
    /**
     * {@code int[(m·128 + p)·256 + j]} holds {@code M_m[j][2p]} in its low and {@code M_m[j][2p+1]} in its
     * high int16: pairs of k for a multiply-add of int16 pairs ({@code vpmaddwd}).
     */
    INT16_PAIRS(2L * MATRICES * MATRIX_SIZE),
    /**
     * {@code int[(m·64 + q)·256 + j]} holds {@code M_m[j][4q..4q+3]} as four int8, the first in the low
     * byte: quads of k for int8 dot products (dp4a).
     */
    INT8_QUADS((long) MATRICES * MATRIX_SIZE),
    /**
     * {@link #INT8_QUADS} with each byte {@code M_m[j][k] + 128} as uint8: the unsigned operand of
     * {@code vpdpbusd}, which multiplies unsigned bytes by signed ones.
     */
    UINT8_QUADS((long) MATRICES * MATRIX_SIZE),
    /**
     * The B fragments of {@code mma.m16n8k32} (.s8) in the order a warp loads them:
     * {@code int[(((m·8 + b)·256 + j)·4 + t)·2 + h]} holds {@code M_m[j][32b + 16h + 4t … +3]} as four
     * int8, so lane (group g, t) of a warp takes both of its words for column j of k-block b in one
     * 64-bit load, and the warp's 32 loads are 256 contiguous bytes.
     */
    MMA_B_FRAGMENTS((long) MATRICES * MATRIX_SIZE);

    /** Bytes of the layout on the device. */
    public final long bytes;

    CacheLayout(long bytes) {
        this.bytes = bytes;
    }

    /** The cache in this layout, as the bytes to upload (little-endian words). */
    byte[] build(MatrixCache cache) {
        byte[] out = new byte[(int) bytes];
        short[] row = new short[DIM];
        for (int m = 0; m < MATRICES; m++) {
            for (int k = 0; k < DIM; k++) {
                cache.copyTransposedRow(m, k, row, 0); // row[j] = M_m[j][k]
                for (int j = 0; j < DIM; j++) {
                    switch (this) {
                        case INT16_ROWS -> putShort(out, ((m * DIM + k) * DIM + j) * 2, row[j]);
                        case INT16_PAIRS -> putShort(out, (((m * 128 + k / 2) * DIM + j) * 2 + k % 2) * 2, row[j]);
                        case INT8_QUADS -> out[((m * 64 + k / 4) * DIM + j) * 4 + k % 4] = (byte) row[j];
                        case UINT8_QUADS -> out[((m * 64 + k / 4) * DIM + j) * 4 + k % 4] = (byte) (row[j] + 128);
                        case MMA_B_FRAGMENTS -> out[((((m * 8 + k / 32) * DIM + j) * 4 + k % 16 / 4) * 2 + k % 32 / 16) * 4 + k % 4] = (byte) row[j];
                    }
                }
            }
        }
        return out;
    }

    private static void putShort(byte[] out, int at, short value) {
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >> 8);
    }
}
