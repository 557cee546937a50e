package io.btm.miner.cli;

import io.btm.miner.backend.BackendSpec;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.backend.opencl.KernelShape;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The backend a command computes with: {@code --backend}, and its device and batch settings. */
final class BackendOptions {
    @Option(names = "--backend", defaultValue = "reference",
            description = "Tensority implementation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    BackendSpec.Kind kind;

    @Option(names = "--device", defaultValue = "0", paramLabel = "N",
            description = "OpenCL device index, as 'devices' lists them (default: ${DEFAULT-VALUE}).")
    int device;

    @Option(names = {"--batch", "-i"}, paramLabel = "NONCES",
            description = "Nonces per kernel launch (default: chosen from device memory and a short timing run).")
    Integer batch;

    @Option(names = "--kernel-shape", paramLabel = "SHAPE",
            description = "OpenCL chain kernel: ${COMPLETION-CANDIDATES} (default: vector on CPUs, workgroup on GPUs).")
    KernelShape shape;

    @Option(names = "--kernel-file", paramLabel = "FILE",
            description = "OpenCL source to build instead of the bundled kernels/tensority.cl (for kernel development).")
    Path kernelFile;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads of the reference backend (default: all cores).")
    Integer threads;

    TensorityBackend open() {
        return new BackendSpec(kind, shape, batch, kernelFile, threads).open(device);
    }
}
