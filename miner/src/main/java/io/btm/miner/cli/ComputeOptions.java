package io.btm.miner.cli;

import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.backend.opencl.KernelShape;
import io.btm.miner.backend.opencl.KernelSource;
import io.btm.miner.compute.BackendSpec;
import io.btm.miner.support.UserError;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/**
 * What computes, spelled the same in every command: the backend, its devices and batch, the OpenCL
 * kernel and the reference's threads. A field left null was not given, so {@code mine} can take
 * it from its config file instead.
 */
public final class ComputeOptions {
    static final BackendSpec.Kind DEFAULT_BACKEND = BackendSpec.Kind.OPENCL;

    @Option(names = "--backend", paramLabel = "NAME", converter = KindConverter.class,
            description = "Tensority implementation: opencl or reference (default: opencl).")
    BackendSpec.Kind backend;

    @Option(names = {"-d", "--devices"}, split = ",", paramLabel = "N",
            description = "OpenCL devices by index, as 'devices' lists them, e.g. 0,1 (default: 0).")
    List<Integer> devices;

    @Option(names = {"-i", "--batch"}, paramLabel = "NONCES",
            description = "Nonces per kernel launch (default: chosen from device memory and a short timing run).")
    Integer batch;

    @Option(names = "--kernel-shape", paramLabel = "SHAPE", converter = ShapeConverter.class,
            description = "OpenCL chain kernel: vnni, maddwd, vector, workgroup, tiled or mma (default: on a CPU the first of "
                    + "vnni, maddwd, vector its instructions allow; on a GPU the fastest of mma (NVIDIA sm_75 and later), tiled "
                    + "and workgroup in a short timing run; mma off NVIDIA is an exact, slow emulation).")
    KernelShape shape;

    @Option(names = "--kernel-file", paramLabel = "FILE",
            description = "OpenCL source of the chain kernel to build instead of the bundled kernels/chain_SHAPE.cl; its "
                    + "#include \"...\" lines are read beside it, else from the bundled kernels (for kernel development).")
    Path kernelFile;

    @Option(names = "--kernel-define", paramLabel = "NAME[=VALUE]",
            description = "A definition added to the kernel build, e.g. TILE_ROWS=32; repeatable (for kernel development).")
    List<String> kernelDefines;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads of the reference backend (default: all cores).")
    Integer threads;

    /** The backend as given, with the defaults where nothing was. */
    public BackendSpec spec() {
        return new BackendSpec(backend == null ? DEFAULT_BACKEND : backend, shape, batch, kernelSource(kernelFile), threads);
    }

    /** The kernel sources to build: the bundled ones unless a file or definitions are given. */
    KernelSource kernelSource(Path file) {
        return file == null && kernelDefines == null ? KernelSource.BUNDLED
                : new KernelSource(file, kernelDefines == null ? List.of() : kernelDefines);
    }

    /** The devices as given, or device 0; the reference backend is one device of many threads. */
    public List<Integer> devicesOrDefault() {
        return devices == null || spec().kind() == BackendSpec.Kind.REFERENCE ? List.of(0) : devices;
    }

    /** The backend of a command that computes on one device. */
    TensorityBackend openOne() {
        return spec().open(oneDevice());
    }

    /** The device of a command that runs on one. */
    int oneDevice() {
        List<Integer> chosen = devicesOrDefault();
        if (chosen.size() != 1) {
            throw new UserError("-d " + chosen + ": this command runs on one device");
        }
        return chosen.get(0);
    }

    static final class KindConverter implements ITypeConverter<BackendSpec.Kind> {
        @Override
        public BackendSpec.Kind convert(String value) {
            return BackendSpec.Kind.parse(value);
        }
    }

    static final class ShapeConverter implements ITypeConverter<KernelShape> {
        @Override
        public KernelShape convert(String value) {
            return KernelShape.parse(value);
        }
    }
}
