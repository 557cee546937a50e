package io.btm.core.tensority;

import io.btm.core.util.Bytes;
import io.btm.core.util.Sha3;

import static io.btm.core.tensority.MatrixCache.DIM;
import static io.btm.core.tensority.MatrixCache.MATRIX_SIZE;

/**
 * The reference Tensority (docs/tensority.md §3): the one CPU implementation that the miner re-checks
 * device results with, the mock pool validates shares with, and the golden vectors pin down.
 *
 * <p>Stateless and thread-safe; each call allocates its own working matrices. The stages are
 * public so that device kernels can be checked one stage at a time. The products, nearly all the
 * work, run on one of two {@link ProductPath}s, both exact.
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

    /** Tensority of one header hash, on the fastest {@link ProductPath} this JVM runs well ({@link #path()}). */
    public static byte[] hash(byte[] headerHash, MatrixCache cache) {
        return hash(headerHash, cache, ProductPaths.selected());
    }

    /** Tensority of one header hash on the given path: for checks and benchmarks of each. */
    public static byte[] hash(byte[] headerHash, MatrixCache cache, ProductPath path) {
        return hash(headerHash, cache, ProductPaths.of(path));
    }

    private static byte[] hash(byte[] headerHash, MatrixCache cache, FoldedProduct product) {
        checkHeaderHash(headerHash);
        byte[][] chains = new byte[CHAINS][];
        short[] scratch = new short[MATRIX_SIZE];
        for (int k = 0; k < CHAINS; k++) {
            chains[k] = chain(chainSequence(headerHash, k), cache, product, scratch);
        }
        return finish(reduce(chains));
    }

    /** The product path {@link #hash(byte[], MatrixCache)} uses now: scalar until the vector one has proved itself. */
    public static ProductPath path() {
        return ProductPaths.path();
    }

    /**
     * Waits, up to the timeout, until the warm-up has chosen the path (it runs on the first use of
     * the reference): for timing runs that must not share the CPU with it. Returns the path then.
     */
    public static ProductPath awaitPath(java.time.Duration timeout) throws InterruptedException {
        return ProductPaths.awaitFirstDecision(timeout);
    }

    /** The path in use and why, for logs: e.g. {@code vector (512-bit, 8.1× the scalar loop)}. */
    public static String describePath() {
        return ProductPaths.describe();
    }

    /** The 32 matrix indices of chain k: SHA3 of header-hash bytes 8k..8k+8, read unsigned. */
    public static byte[] chainSequence(byte[] headerHash, int chain) {
        checkHeaderHash(headerHash);
        return Sha3.sha256(headerHash, 8 * chain, 8);
    }

    /** One chain: starting from the identity, 64 folded products with the sequence's matrices. */
    public static byte[] chain(byte[] sequence, MatrixCache cache) {
        return chain(sequence, cache, ProductPaths.selected(), new short[MATRIX_SIZE]);
    }

    private static byte[] chain(byte[] sequence, MatrixCache cache, FoldedProduct product, short[] scratch) {
        short[][] rows = cache.rows();
        short[] a = new short[MATRIX_SIZE];
        // A = identity, so the first product is M^T itself: fold it, no multiplication needed.
        int first = (sequence[0] & 0xff) * DIM;
        for (int i = 0; i < DIM; i++) {
            short[] row = rows[first + i];
            for (int j = 0; j < DIM; j++) {
                a[i * DIM + j] = FoldedProduct.fold(row[j]);
            }
        }
        for (int step = 1; step < PRODUCTS; step++) {
            product.multiply(a, rows, (sequence[step % SEQUENCE_LENGTH] & 0xff) * DIM, scratch);
        }
        byte[] result = new byte[MATRIX_SIZE];
        for (int i = 0; i < MATRIX_SIZE; i++) {
            result[i] = (byte) a[i];
        }
        return result;
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
