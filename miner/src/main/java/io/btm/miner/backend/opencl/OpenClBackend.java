package io.btm.miner.backend.opencl;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.support.BatchWork;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_mem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import static io.btm.core.tensority.MatrixCache.MATRIX_SIZE;
import static io.btm.core.tensority.Tensority.CHAINS;
import static io.btm.core.tensority.Tensority.REDUCED_BYTES;
import static io.btm.core.tensority.Tensority.SEQUENCE_LENGTH;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;

/**
 * Tensority on one OpenCL device, batch by batch: the host hashes headers and derives each chain's
 * matrix sequence, the {@link ChainKernel} and {@link ReduceKernel} do the products and the
 * reduction over the cache the {@link MatrixCacheUpload} keeps on the device, and the host applies
 * the final SHA3.
 *
 * <p>Not thread-safe: a device is driven by one thread, which owns its queue and buffers.
 */
public final class OpenClBackend implements TensorityBackend {
    private static final Logger LOG = LoggerFactory.getLogger(OpenClBackend.class);
    public static final long BYTES_PER_NONCE = (long) CHAINS * MATRIX_SIZE + CHAINS * SEQUENCE_LENGTH + REDUCED_BYTES;

    private final OpenClContext context;
    private final int batchSize;
    private final MatrixCacheUpload cache;
    private final ChainKernel chains;
    private final ReduceKernel reduce;
    private final cl_mem sequenceBuffer;
    private final cl_mem chainBuffer;
    private final cl_mem reducedBuffer;

    /** @param source the kernel sources to build: {@link KernelSource#BUNDLED} but for kernel development */
    public OpenClBackend(OpenClDevice device, KernelShape shape, int batchSize, KernelSource source) {
        checkBatchFits(device, batchSize);
        this.batchSize = batchSize;
        String unsupported = shape.unsupportedOn(device, CpuFeatures.host());
        if (unsupported != null) {
            throw new OpenClException(unsupported + " (--kernel-shape " + KernelShape.candidatesFor(device, CpuFeatures.host()).get(0)
                    + " runs here)");
        }
        this.context = new OpenClContext(device, shape, source);
        try {
            chains = new ChainKernel(context, shape);
            reduce = new ReduceKernel(context);
            cache = new MatrixCacheUpload(context, shape.layout());
            sequenceBuffer = context.buffer(CL_MEM_READ_ONLY, (long) batchSize * CHAINS * SEQUENCE_LENGTH);
            chainBuffer = context.buffer(CL_MEM_READ_WRITE, (long) batchSize * CHAINS * MATRIX_SIZE);
            reducedBuffer = context.buffer(CL_MEM_WRITE_ONLY, (long) batchSize * REDUCED_BYTES);
        } catch (CLException e) {
            context.close();
            throw context.failure(e, memoryHint());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        LOG.debug("OpenCL device {} ready: {} kernel, batch {}", device.label(), shape, batchSize);
    }

    @Override
    public String name() {
        return "opencl:" + context.device().label() + " " + chains.shape() + " kernel";
    }

    public KernelShape shape() {
        return chains.shape();
    }

    @Override
    public int preferredBatchSize() {
        return batchSize;
    }

    @Override
    public byte[][] hash(MatrixCache matrices, byte[][] headerHashes) {
        byte[][] results = new byte[headerHashes.length][];
        try {
            cache.ensure(matrices);
            for (int start = 0; start < headerHashes.length; start += batchSize) {
                int count = Math.min(batchSize, headerHashes.length - start);
                int first = start;
                byte[] sequences = new byte[count * CHAINS * SEQUENCE_LENGTH];
                BatchWork.forEach(count, (from, to) -> {
                    for (int n = from; n < to; n++) {
                        for (int k = 0; k < CHAINS; k++) {
                            byte[] sequence = Tensority.chainSequence(headerHashes[first + n], k);
                            System.arraycopy(sequence, 0, sequences, (n * CHAINS + k) * SEQUENCE_LENGTH, SEQUENCE_LENGTH);
                        }
                    }
                });
                context.write(sequenceBuffer, 0, sequences.length, Pointer.to(sequences));
                chains.enqueue(cache, sequenceBuffer, chainBuffer, count * CHAINS);
                reduce.enqueue(chainBuffer, reducedBuffer, count);
                byte[] reduced = new byte[count * REDUCED_BYTES];
                context.read(reducedBuffer, 0, reduced.length, Pointer.to(reduced));
                BatchWork.forEach(count, (from, to) -> {
                    for (int n = from; n < to; n++) {
                        byte[] words = new byte[REDUCED_BYTES];
                        System.arraycopy(reduced, n * REDUCED_BYTES, words, 0, REDUCED_BYTES);
                        results[first + n] = Tensority.finish(words);
                    }
                });
            }
        } catch (CLException e) {
            throw context.failure(e, memoryHint());
        }
        return results;
    }

    private String memoryHint() {
        return " for batch size " + batchSize + " (" + describeBytes(batchSize * BYTES_PER_NONCE + MatrixCacheUpload.MAX_BYTES)
                + "): use a smaller batch";
    }

    private static void checkBatchFits(OpenClDevice device, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size: must be at least 1, got " + batchSize);
        }
        long chainBytes = (long) batchSize * CHAINS * MATRIX_SIZE;
        long total = batchSize * BYTES_PER_NONCE + MatrixCacheUpload.MAX_BYTES;
        if (chainBytes > device.maxAllocation() || total > device.globalMemory()) {
            throw new OpenClException("batch size " + batchSize + " needs " + describeBytes(total)
                    + " (one buffer of " + describeBytes(chainBytes) + "), more than device " + device.label()
                    + " has (" + describeBytes(device.globalMemory()) + ", buffers up to " + describeBytes(device.maxAllocation())
                    + "): use a smaller batch");
        }
    }

    static String describeBytes(long bytes) {
        return bytes >= 1 << 30 ? String.format("%.1f GiB", bytes / (double) (1 << 30)) : (bytes >> 20) + " MiB";
    }

    @Override
    public void close() {
        context.close();
    }
}
