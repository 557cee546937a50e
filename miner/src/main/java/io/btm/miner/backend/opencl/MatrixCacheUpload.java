package io.btm.miner.backend.opencl;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.util.Bytes32;
import org.jocl.Pointer;
import org.jocl.cl_mem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.btm.core.tensority.MatrixCache.DIM;
import static io.btm.core.tensority.MatrixCache.MATRICES;
import static io.btm.core.tensority.MatrixCache.MATRIX_SIZE;
import static org.jocl.CL.CL_MEM_READ_ONLY;

/**
 * The matrix cache on the device, uploaded once per seed in the layout the chain kernels read:
 * the reference's, {@code cache[(m·256 + k)·256 + j] = M_m[j][k]} as int16.
 */
public final class MatrixCacheUpload {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixCacheUpload.class);
    public static final long BYTES = (long) MATRICES * MATRIX_SIZE * Short.BYTES;

    private final OpenClContext context;
    private final cl_mem buffer;
    private Bytes32 uploadedSeed;

    public MatrixCacheUpload(OpenClContext context) {
        this.context = context;
        this.buffer = context.buffer(CL_MEM_READ_ONLY, BYTES);
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
        short[] host = new short[MATRICES * MATRIX_SIZE];
        for (int m = 0; m < MATRICES; m++) {
            for (int k = 0; k < DIM; k++) {
                cache.copyTransposedRow(m, k, host, (m * DIM + k) * DIM);
            }
        }
        context.write(buffer, 0, BYTES, Pointer.to(host));
        uploadedSeed = seed;
        LOG.debug("matrix cache of seed {} uploaded to device {}", seed, context.device().label());
    }
}
