package io.btm.core.tensority;

import io.btm.core.util.Bytes;
import io.btm.core.util.Sha3;

import java.util.Arrays;

import static io.btm.core.tensority.MatrixCache.DIM;
import static io.btm.core.tensority.MatrixCache.MATRIX_SIZE;

/**
 * The reference Tensority (docs/tensority.md §3): the one CPU implementation that the miner re-checks
 * device results with, the mock pool validates shares with, and the golden vectors pin down.
 *
 * <p>Stateless and thread-safe; each call allocates its own working matrices. The stages are
 * public so that device kernels can be checked one stage at a time.
 */
public final class Tensority {
    public static final int CHAINS = 4;
    /** Products per chain: the 32-entry sequence, twice. */
    public static final int PRODUCTS = 64;
    public static final int SEQUENCE_LENGTH = 32;
    public static final int REDUCED_BYTES = 256;
    /** The reduction's output words per nonce: 4 columns packed to a word, 256 / 4 of them. */
    public static final int REDUCED_WORDS = REDUCED_BYTES / Integer.BYTES;

    private static final int FNV_PRIME = 0x01000193;
    private static final int COLUMNS = REDUCED_WORDS;

    private Tensority() {
    }

    public static byte[] hash(byte[] headerHash, MatrixCache cache) {
        checkHeaderHash(headerHash);
        byte[][] chains = new byte[CHAINS][];
        for (int k = 0; k < CHAINS; k++) {
            chains[k] = chain(chainSequence(headerHash, k), cache);
        }
        return finish(reduce(chains));
    }

    /** The 32 matrix indices of chain k: SHA3 of header-hash bytes 8k..8k+8, read unsigned. */
    public static byte[] chainSequence(byte[] headerHash, int chain) {
        checkHeaderHash(headerHash);
        return Sha3.sha256(headerHash, 8 * chain, 8);
    }

    /** One chain: starting from the identity, 64 folded products with the sequence's matrices. */
    public static byte[] chain(byte[] sequence, MatrixCache cache) {
        short[][] rows = cache.rows();
        short[] a = new short[MATRIX_SIZE];
        // A = identity, so the first product is M^T itself: fold it, no multiplication needed.
        int first = (sequence[0] & 0xff) * DIM;
        for (int i = 0; i < DIM; i++) {
            short[] row = rows[first + i];
            for (int j = 0; j < DIM; j++) {
                a[i * DIM + j] = fold(row[j]);
            }
        }
        short[] acc0 = new short[DIM];
        short[] acc1 = new short[DIM];
        for (int step = 1; step < PRODUCTS; step++) {
            multiplyFolded(a, rows, (sequence[step % SEQUENCE_LENGTH] & 0xff) * DIM, acc0, acc1);
        }
        byte[] result = new byte[MATRIX_SIZE];
        for (int i = 0; i < MATRIX_SIZE; i++) {
            result[i] = (byte) a[i];
        }
        return result;
    }

    /**
     * A = fold(A × M^T), in place: row i of the product needs only row i of A. Two rows of A and
     * four rows of M^T per pass, so each loaded row serves twice and each accumulator load four
     * times (measured best on the JVM's auto-vectorizer); 16-bit lanes wrap exactly as the kept
     * bits do.
     */
    private static void multiplyFolded(short[] a, short[][] rows, int base, short[] acc0, short[] acc1) {
        for (int i = 0; i < DIM; i += 2) {
            int r0 = i * DIM;
            int r1 = r0 + DIM;
            Arrays.fill(acc0, (short) 0);
            Arrays.fill(acc1, (short) 0);
            for (int k = 0; k < DIM; k += 4) {
                short a0 = a[r0 + k], a1 = a[r0 + k + 1], a2 = a[r0 + k + 2], a3 = a[r0 + k + 3];
                short b0 = a[r1 + k], b1 = a[r1 + k + 1], b2 = a[r1 + k + 2], b3 = a[r1 + k + 3];
                short[] m0 = rows[base + k], m1 = rows[base + k + 1], m2 = rows[base + k + 2], m3 = rows[base + k + 3];
                for (int j = 0; j < DIM; j++) {
                    short x0 = m0[j], x1 = m1[j], x2 = m2[j], x3 = m3[j];
                    acc0[j] = (short) (acc0[j] + a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3);
                    acc1[j] = (short) (acc1[j] + b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3);
                }
            }
            for (int j = 0; j < DIM; j++) {
                a[r0 + j] = fold(acc0[j]);
                a[r1 + j] = fold(acc1[j]);
            }
        }
    }

    /** int8(low byte + second byte) of a product entry, sign-extended for the next product. */
    static short fold(int product) {
        return (byte) ((product & 0xff) + ((product >> 8) & 0xff));
    }

    /**
     * The four chains summed mod 256, packed four columns to a word, and FNV-folded over the rows:
     * the 256 bytes (64 little-endian words) that SHA3 turns into the result.
     */
    public static byte[] reduce(byte[][] chains) {
        if (chains.length != CHAINS) {
            throw new IllegalArgumentException("expected " + CHAINS + " chains, got " + chains.length);
        }
        int[] w = new int[DIM * COLUMNS];
        for (int i = 0; i < DIM; i++) {
            for (int c = 0; c < COLUMNS; c++) {
                int word = 0;
                for (int quarter = 0; quarter < 4; quarter++) {
                    int index = i * DIM + c + 64 * quarter;
                    int sum = chains[0][index] + chains[1][index] + chains[2][index] + chains[3][index];
                    word |= (sum & 0xff) << (8 * quarter);
                }
                w[i * COLUMNS + c] = word;
            }
        }
        for (int k = DIM; k > 1; k /= 2) {
            int half = k / 2;
            for (int i = 0; i < half; i++) {
                for (int c = 0; c < COLUMNS; c++) {
                    w[i * COLUMNS + c] = w[i * COLUMNS + c] * FNV_PRIME ^ w[(i + half) * COLUMNS + c];
                }
            }
        }
        byte[] reduced = new byte[REDUCED_BYTES];
        for (int c = 0; c < COLUMNS; c++) {
            Bytes.putIntLE(reduced, 4 * c, w[c]);
        }
        return reduced;
    }

    public static byte[] finish(byte[] reduced) {
        return Sha3.sha256(reduced);
    }

    private static void checkHeaderHash(byte[] headerHash) {
        if (headerHash.length != 32) {
            throw new IllegalArgumentException("header hash: expected 32 bytes, got " + headerHash.length);
        }
    }
}
