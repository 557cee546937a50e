package io.btm.miner.backend.opencl;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Hex;

import java.util.Arrays;

/**
 * Before a kernel mines, one hash of it against the CPU reference: a kernel that a device or its
 * driver compiles wrongly is refused at once, instead of mining for nothing (its shares would all
 * fail the CPU re-check).
 */
public final class KernelCheck {
    private static final byte[] HEADER_HASH = Hex.decode("kernel check", "8c1fe7f73a95a0f1a84e5a7f0b2a3bd7bd26cc3f6ee3a2290e53b47b89c1c3b4");

    private KernelCheck() {
    }

    /** Throws an {@link OpenClException} naming the kernel and device if the backend's result differs from the reference's. */
    public static void verify(OpenClBackend backend, MatrixCache cache) {
        byte[] device = backend.hash(cache, new byte[][]{HEADER_HASH})[0];
        byte[] reference = Tensority.hash(HEADER_HASH, cache);
        if (!Arrays.equals(device, reference)) {
            throw new OpenClException("the " + backend.shape() + " kernel gives wrong results on " + backend.name() + ": "
                    + Hex.encode(device) + " where the reference gives " + Hex.encode(reference));
        }
    }
}
