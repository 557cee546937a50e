package io.btm.miner.cli;

import io.btm.miner.backend.BackendSpec;
import io.btm.miner.backend.TensorityBackend;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Mixin
    KernelOptions kernel;

    TensorityBackend open() {
        return new BackendSpec(kind, kernel.shape, batch, kernel.kernelFile, kernel.threads).open(device);
    }
}
