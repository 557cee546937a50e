package io.btm.miner.backend;

import io.btm.core.tensority.MatrixCache;

/**
 * Something that computes Tensority for batches of header hashes: the CPU reference or an OpenCL
 * device. {@code verify}, {@code bench} and the miner take either.
 */
public interface TensorityBackend extends AutoCloseable {

    /** For logs and reports, e.g. {@code reference} or {@code opencl:0 (NVIDIA H100)}. */
    String name();

    /** A batch size that keeps this backend busy; callers may pass any size. */
    int preferredBatchSize();

    /** Tensority results, in order, of header hashes that share one seed's matrix cache. */
    byte[][] hash(MatrixCache cache, byte[][] headerHashes);

    /** Releases what the backend holds (device memory, threads); never throws. */
    @Override
    void close();
}
