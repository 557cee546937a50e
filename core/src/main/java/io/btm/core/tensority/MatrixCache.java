package io.btm.core.tensority;

import io.btm.core.util.Bytes;
import io.btm.core.util.Sha3;

/**
 * The 256 int8 matrices of 256×256 that a seed expands to (docs/tensority.md §2).
 *
 * <p>Stored once, in the layout every consumer multiplies with: transposed and widened to int16,
 * {@code rows[m·256 + k][j] = M_m[j][k]}. With it, one product row is a sum of contiguous
 * 256-wide rows scaled by scalars, which vectorizes on the JVM and on OpenCL devices alike, and
 * 16-bit lanes hold exactly the bits Tensority keeps. One array per row because C2 vectorizes
 * {@code acc[j] += a * row[j]} only when both sides share the index. Immutable after construction.
 */
public final class MatrixCache {
    public static final int MATRICES = 256;
    public static final int DIM = 256;
    public static final int MATRIX_SIZE = DIM * DIM;

    private static final int ROUNDS = 128;
    private static final int ENTRIES = 1024;
    private static final int WORDS = 32;

    private final byte[] seed;
    private final short[][] rows;

    private MatrixCache(byte[] seed, short[][] rows) {
        this.seed = seed;
        this.rows = rows;
    }

    /** Expands a 32-byte seed; about 0.1 s of one core. */
    public static MatrixCache build(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("seed: expected 32 bytes, got " + seed.length);
        }
        int[] x = extendedSeed(seed);
        int[] v = new int[ENTRIES * WORDS];
        short[][] rows = new short[MATRICES * DIM][DIM];
        for (int round = 0; round < ROUNDS; round++) {
            smix(x, v);
            scatterRound(v, rows, 2 * round);
        }
        return new MatrixCache(seed.clone(), rows);
    }

    public byte[] seed() {
        return seed.clone();
    }

    /**
     * The whole cache in the shared layout, {@code rows()[m·256 + k][j] = M_m[j][k]}; callers must
     * not modify it. Exposed without a copy because it is 32 MiB and read on every hash.
     */
    short[][] rows() {
        return rows;
    }

    /** Row k of M_m transposed, widened: 256 values {@code M_m[j][k]} for j = 0..255, into out at offset. */
    public void copyTransposedRow(int matrix, int k, short[] out, int offset) {
        System.arraycopy(rows[matrix * DIM + k], 0, out, offset, DIM);
    }

    /** {@code M_matrix[row][column]}, as the node defines it. */
    public byte element(int matrix, int row, int column) {
        return (byte) rows[matrix * DIM + column][row];
    }

    private static int[] extendedSeed(byte[] seed) {
        byte[] ext = new byte[128];
        byte[] part = seed;
        for (int i = 0; i < 4; i++) {
            System.arraycopy(part, 0, ext, 32 * i, 32);
            part = Sha3.sha256(part);
        }
        int[] x = new int[WORDS];
        for (int i = 0; i < WORDS; i++) {
            x[i] = Bytes.getIntLE(ext, 4 * i);
        }
        return x;
    }

    /** One round: scrypt's ROMix with N = 1024, r = 1, keeping V (the round's output) and X. */
    private static void smix(int[] x, int[] v) {
        for (int i = 0; i < ENTRIES; i++) {
            System.arraycopy(x, 0, v, i * WORDS, WORDS);
            blockMix(x);
        }
        for (int i = 0; i < ENTRIES; i++) {
            int j = x[16] & (ENTRIES - 1);
            int base = j * WORDS;
            for (int w = 0; w < WORDS; w++) {
                x[w] ^= v[base + w];
            }
            blockMix(x);
        }
    }

    private static void blockMix(int[] x) {
        xorSalsa8(x, 0, 16);
        xorSalsa8(x, 16, 0);
    }

    /** {@code B ^= Bx; B = B + Salsa20/8(B)} on the 16-word halves of x at b and bx. */
    private static void xorSalsa8(int[] x, int b, int bx) {
        int x00 = x[b] ^= x[bx], x01 = x[b + 1] ^= x[bx + 1], x02 = x[b + 2] ^= x[bx + 2], x03 = x[b + 3] ^= x[bx + 3];
        int x04 = x[b + 4] ^= x[bx + 4], x05 = x[b + 5] ^= x[bx + 5], x06 = x[b + 6] ^= x[bx + 6], x07 = x[b + 7] ^= x[bx + 7];
        int x08 = x[b + 8] ^= x[bx + 8], x09 = x[b + 9] ^= x[bx + 9], x10 = x[b + 10] ^= x[bx + 10], x11 = x[b + 11] ^= x[bx + 11];
        int x12 = x[b + 12] ^= x[bx + 12], x13 = x[b + 13] ^= x[bx + 13], x14 = x[b + 14] ^= x[bx + 14], x15 = x[b + 15] ^= x[bx + 15];
        for (int i = 0; i < 8; i += 2) {
            x04 ^= Integer.rotateLeft(x00 + x12, 7);
            x08 ^= Integer.rotateLeft(x04 + x00, 9);
            x12 ^= Integer.rotateLeft(x08 + x04, 13);
            x00 ^= Integer.rotateLeft(x12 + x08, 18);
            x09 ^= Integer.rotateLeft(x05 + x01, 7);
            x13 ^= Integer.rotateLeft(x09 + x05, 9);
            x01 ^= Integer.rotateLeft(x13 + x09, 13);
            x05 ^= Integer.rotateLeft(x01 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x06, 7);
            x02 ^= Integer.rotateLeft(x14 + x10, 9);
            x06 ^= Integer.rotateLeft(x02 + x14, 13);
            x10 ^= Integer.rotateLeft(x06 + x02, 18);
            x03 ^= Integer.rotateLeft(x15 + x11, 7);
            x07 ^= Integer.rotateLeft(x03 + x15, 9);
            x11 ^= Integer.rotateLeft(x07 + x03, 13);
            x15 ^= Integer.rotateLeft(x11 + x07, 18);

            x01 ^= Integer.rotateLeft(x00 + x03, 7);
            x02 ^= Integer.rotateLeft(x01 + x00, 9);
            x03 ^= Integer.rotateLeft(x02 + x01, 13);
            x00 ^= Integer.rotateLeft(x03 + x02, 18);
            x06 ^= Integer.rotateLeft(x05 + x04, 7);
            x07 ^= Integer.rotateLeft(x06 + x05, 9);
            x04 ^= Integer.rotateLeft(x07 + x06, 13);
            x05 ^= Integer.rotateLeft(x04 + x07, 18);
            x11 ^= Integer.rotateLeft(x10 + x09, 7);
            x08 ^= Integer.rotateLeft(x11 + x10, 9);
            x09 ^= Integer.rotateLeft(x08 + x11, 13);
            x10 ^= Integer.rotateLeft(x09 + x08, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        x[b] += x00; x[b + 1] += x01; x[b + 2] += x02; x[b + 3] += x03;
        x[b + 4] += x04; x[b + 5] += x05; x[b + 6] += x06; x[b + 7] += x07;
        x[b + 8] += x08; x[b + 9] += x09; x[b + 10] += x10; x[b + 11] += x11;
        x[b + 12] += x12; x[b + 13] += x13; x[b + 14] += x14; x[b + 15] += x15;
    }

    /**
     * Row j of matrix {@code first} is V[4j] || V[4j+2] as little-endian bytes, of {@code first+1}
     * V[4j+1] || V[4j+3]; each byte lands transposed in its column.
     */
    private static void scatterRound(int[] v, short[][] rows, int first) {
        for (int half = 0; half < 2; half++) {
            int base = (first + half) * DIM;
            for (int row = 0; row < DIM; row++) {
                int low = (4 * row + half) * WORDS;
                int high = (4 * row + half + 2) * WORDS;
                for (int w = 0; w < WORDS; w++) {
                    scatterWord(rows, base + 4 * w, row, v[low + w]);
                    scatterWord(rows, base + 128 + 4 * w, row, v[high + w]);
                }
            }
        }
    }

    private static void scatterWord(short[][] rows, int column, int row, int word) {
        rows[column][row] = (byte) word;
        rows[column + 1][row] = (byte) (word >>> 8);
        rows[column + 2][row] = (byte) (word >>> 16);
        rows[column + 3][row] = (byte) (word >>> 24);
    }
}
