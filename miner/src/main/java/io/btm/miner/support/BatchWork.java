package io.btm.miner.support;

import java.util.stream.IntStream;

/**
 * The host's per-nonce work on a batch (header hashes, chain sequences, final SHA3), spread over the
 * cores when the batch is a GPU's. About 3.8 µs a nonce on one core (7 SHA3): at the tens of
 * thousands of hashes a second a GPU does, one thread would leave the device idle a third of the time.
 */
public final class BatchWork {
    /** Nonces a task takes: small batches (a CPU device's handful) stay on the calling thread. */
    static final int CHUNK = 256;

    private BatchWork() {
    }

    /** What one task does with the nonces {@code [from, to)}; each task runs on one thread. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Runs {@code work} over {@code [0, count)} in chunks, in parallel on the common pool once there is more than one. */
    public static void forEach(int count, Range work) {
        int chunks = (count + CHUNK - 1) / CHUNK;
        if (chunks == 1) {
            work.run(0, count);
        } else if (chunks > 1) {
            IntStream.range(0, chunks).parallel().forEach(c -> work.run(c * CHUNK, Math.min(count, (c + 1) * CHUNK)));
        }
    }
}
