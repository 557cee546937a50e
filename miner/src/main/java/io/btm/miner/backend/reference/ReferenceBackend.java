package io.btm.miner.backend.reference;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.miner.backend.TensorityBackend;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** The CPU reference as a backend: one hash per thread, as many threads as asked. */
public final class ReferenceBackend implements TensorityBackend {
    private final ForkJoinPool pool;

    public ReferenceBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be at least 1, got " + threads);
        }
        this.pool = new ForkJoinPool(threads);
    }

    @Override
    public String name() {
        return "reference (" + pool.getParallelism() + " threads, " + Tensority.describePath() + ")";
    }

    @Override
    public int preferredBatchSize() {
        return pool.getParallelism();
    }

    @Override
    public byte[][] hash(MatrixCache cache, byte[][] headerHashes) {
        byte[][] results = new byte[headerHashes.length][];
        pool.submit(() -> IntStream.range(0, headerHashes.length).parallel()
                .forEach(i -> results[i] = Tensority.hash(headerHashes[i], cache))).join();
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
