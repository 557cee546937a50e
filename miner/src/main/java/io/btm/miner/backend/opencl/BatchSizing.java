package io.btm.miner.backend.opencl;

import io.btm.core.tensority.MatrixCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;

import static io.btm.miner.backend.opencl.OpenClBackend.BYTES_PER_NONCE;


/**
 * The automatic batch size ("intensity") of a device: doubling from one that fills its compute
 * units, as long as memory allows, a batch stays short enough for new jobs to take effect quickly,
 * and the hash rate still grows.
 */
public final class BatchSizing {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSizing.class);
    /** A new job waits at most one batch; keep batches under this. */
    private static final double MAX_BATCH_SECONDS = 1.0;
    private static final double MIN_GAIN = 1.05;

    private BatchSizing() {
    }

    /** A batch size and the hash rate it gave in the timing run. */
    public record Sizing(int batch, double rate) {
    }

    public static int choose(OpenClDevice device, KernelShape shape, KernelSource kernelSource) {
        return size(device, shape, kernelSource, MatrixCache.build(new byte[32])).batch();
    }

    /** The batch size for a kernel, and its rate, timed over {@code cache}. */
    public static Sizing size(OpenClDevice device, KernelShape shape, KernelSource kernelSource, MatrixCache cache) {
        int limit = memoryLimit(device);
        // CPU: one chain per work-item, so a nonce per core already fills the device; GPU: many
        // work-groups per compute unit hide memory latency.
        int size = Math.min(limit, device.cpu() ? device.computeUnits() : device.computeUnits() * 16);
        double bestRate = rate(device, shape, size, kernelSource, cache);
        while (size * 2 <= limit) {
            int next = size * 2;
            double nextRate = rate(device, shape, next, kernelSource, cache);
            if (nextRate < bestRate * MIN_GAIN || next / nextRate > MAX_BATCH_SECONDS) {
                break;
            }
            size = next;
            bestRate = nextRate;
        }
        LOG.info("device {}: {} kernel, batch size {} ({} H/s in the timing run)", device.label(), shape, size,
                String.format("%.1f", bestRate));
        return new Sizing(size, bestRate);
    }

    /** The largest batch the device's memory and largest buffer allow, keeping a quarter free. */
    static int memoryLimit(OpenClDevice device) {
        long byMemory = (device.globalMemory() * 3 / 4 - MatrixCacheUpload.MAX_BYTES) / BYTES_PER_NONCE;
        long byBuffer = device.maxAllocation() / (4L * MatrixCache.MATRIX_SIZE);
        return (int) Math.max(1, Math.min(Math.min(byMemory, byBuffer), 1 << 16));
    }

    private static double rate(OpenClDevice device, KernelShape shape, int size, KernelSource source, MatrixCache cache) {
        byte[][] headers = new byte[size][32];
        Random random = new Random(size);
        for (byte[] header : headers) {
            random.nextBytes(header);
        }
        try (OpenClBackend backend = new OpenClBackend(device, shape, size, source)) {
            backend.hash(cache, headers); // warm-up: cache upload, first launch
            long start = System.nanoTime();
            backend.hash(cache, headers);
            return size / ((System.nanoTime() - start) / 1e9);
        }
    }
}
