package io.btm.miner.compute;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Labels;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.backend.opencl.BatchSizing;
import io.btm.miner.backend.opencl.CpuFeatures;
import io.btm.miner.backend.opencl.KernelCheck;
import io.btm.miner.backend.opencl.KernelShape;
import io.btm.miner.backend.opencl.KernelSource;
import io.btm.miner.backend.opencl.OpenClBackend;
import io.btm.miner.backend.opencl.OpenClDevice;
import io.btm.miner.backend.opencl.OpenClDevices;
import io.btm.miner.backend.opencl.OpenClException;
import io.btm.miner.backend.reference.ReferenceBackend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which backend to open and how: what the commands' backend options and the miner's config say.
 *
 * @param shape      the OpenCL chain kernel, or null for the device's best
 * @param batch      nonces per launch, or null to choose from device memory and a timing run
 * @param source     the kernel sources and definitions to build: {@link KernelSource#BUNDLED} but for kernel development
 * @param threads    reference backend threads, or null for all cores
 */
public record BackendSpec(Kind kind, KernelShape shape, Integer batch, KernelSource source, Integer threads) {
    private static final Logger LOG = LoggerFactory.getLogger(BackendSpec.class);

    /** The implementations; the command-line names are the lower-case ones. */
    public enum Kind {
        OPENCL, REFERENCE;

        /** {@code opencl} or {@code reference}. */
        public String label() {
            return Labels.lowerCase(this);
        }

        public static Kind parse(String label) {
            return Labels.parse(Kind.class, Kind::label, "backend", label);
        }
    }

    /** Opens the backend on an OpenCL device index (ignored by the reference backend). */
    public TensorityBackend open(int device) {
        if (kind == Kind.REFERENCE) {
            return new ReferenceBackend(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        }
        OpenClDevice openClDevice = OpenClDevices.get(device);
        MatrixCache checkCache = MatrixCache.build(new byte[32]);
        awaitReferenceWarmUp();
        if (shape != null) {
            return checked(openClDevice, shape, batch == null ? BatchSizing.size(openClDevice, shape, source, checkCache).batch() : batch,
                    checkCache);
        }
        // The device's candidates, each checked against the reference: on a CPU the first exact one
        // mines (they come widest instructions first); on a GPU each is timed and the fastest mines.
        List<KernelShape> candidates = KernelShape.candidatesFor(openClDevice, CpuFeatures.host());
        KernelShape best = null;
        BatchSizing.Sizing bestSizing = null;
        List<String> refused = new ArrayList<>();
        for (KernelShape candidate : candidates) {
            try (OpenClBackend probe = new OpenClBackend(openClDevice, candidate, 1, source)) {
                KernelCheck.verify(probe, checkCache);
            } catch (OpenClException e) {
                refused.add(e.getMessage());
                LOG.warn("device {}: {}; trying the next kernel", openClDevice.label(), e.getMessage());
                continue;
            }
            BatchSizing.Sizing sizing = openClDevice.cpu() && batch != null ? new BatchSizing.Sizing(batch, 0)
                    : BatchSizing.size(openClDevice, candidate, source, checkCache);
            if (bestSizing == null || sizing.rate() > bestSizing.rate()) {
                best = candidate;
                bestSizing = sizing;
            }
            if (openClDevice.cpu()) {
                break;
            }
        }
        if (best == null) {
            throw new OpenClException("no kernel gives exact results on device " + openClDevice.label() + ": " + String.join("; ", refused));
        }
        LOG.info("device {}: {} kernel chosen", openClDevice.label(), best);
        return new OpenClBackend(openClDevice, best, batch != null ? batch : bestSizing.batch(), source);
    }

    /** The reference's warm-up (a second or so) must not share the CPU with the kernels' timing runs. */
    private static void awaitReferenceWarmUp() {
        try {
            Tensority.awaitPath(Duration.ofSeconds(30)); // starts it, where nothing has yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A backend with a kernel the user chose, refused if it gives wrong results. */
    private OpenClBackend checked(OpenClDevice device, KernelShape chosen, int size, MatrixCache checkCache) {
        OpenClBackend backend = new OpenClBackend(device, chosen, size, source);
        try {
            KernelCheck.verify(backend, checkCache);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return backend;
    }
}
