package io.btm.miner.backend.opencl;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.util.Bytes32;
import org.jocl.Pointer;
import org.jocl.cl_mem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.jocl.CL.CL_MEM_READ_ONLY;

/**
 * The matrix cache on the device, uploaded once per seed in the {@link CacheLayout} the chain kernel
 * reads.
 */
public final class MatrixCacheUpload {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixCacheUpload.class);
    /** The largest layout's bytes on the device: what a batch's memory estimate must leave room for. */
    public static final long MAX_BYTES = CacheLayout.INT16_ROWS.bytes;

    private final OpenClContext context;
    private final CacheLayout layout;
    private final cl_mem buffer;
    private Bytes32 uploadedSeed;

    public MatrixCacheUpload(OpenClContext context, CacheLayout layout) {
        this.context = context;
        this.layout = layout;
        this.buffer = context.buffer(CL_MEM_READ_ONLY, layout.bytes);
    }

    public CacheLayout layout() {
        return layout;
    }

    /** The device buffer holding the cache. */
    public cl_mem buffer() {
        return buffer;
    }

    /** Uploads the cache unless its seed is the one already there. */
    public void ensure(MatrixCache cache) {
        Bytes32 seed = Bytes32.of(cache.seed());
        if (seed.equals(uploadedSeed)) {
            return;
        }
        byte[] host = layout.build(cache);
        context.write(buffer, 0, host.length, Pointer.to(host));
        uploadedSeed = seed;
        LOG.debug("matrix cache of seed {} uploaded to device {} as {}", seed, context.device().label(), layout);
    }
}
