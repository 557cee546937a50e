package io.btm.miner.compute;

import io.btm.core.util.Labels;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.backend.opencl.BatchSizing;
import io.btm.miner.backend.opencl.KernelShape;
import io.btm.miner.backend.opencl.OpenClBackend;
import io.btm.miner.backend.opencl.OpenClDevice;
import io.btm.miner.backend.opencl.OpenClDevices;
import io.btm.miner.backend.reference.ReferenceBackend;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which backend to open and how: what the commands' backend options and the miner's config say.
 *
 * @param shape      the OpenCL chain kernel, or null for the device's best
 * @param batch      nonces per launch, or null to choose from device memory and a timing run
 * @param kernelFile OpenCL source to build instead of the bundled one, or null
 * @param threads    reference backend threads, or null for all cores
 */
public record BackendSpec(Kind kind, KernelShape shape, Integer batch, Path kernelFile, Integer threads) {
    /** The implementations; the command-line names are the lower-case ones. */
    public enum Kind {
        OPENCL, REFERENCE;

        /** {@code opencl} or {@code reference}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
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
        KernelShape chosen = shape == null ? KernelShape.bestFor(openClDevice) : shape;
        int size = batch == null ? BatchSizing.choose(openClDevice, chosen, kernelFile) : batch;
        return new OpenClBackend(openClDevice, chosen, size, kernelFile);
    }
}
