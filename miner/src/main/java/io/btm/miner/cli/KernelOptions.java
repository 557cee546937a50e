package io.btm.miner.cli;

import io.btm.miner.backend.opencl.KernelShape;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How a backend computes, for every command that opens one: the OpenCL kernel and the reference's threads. */
final class KernelOptions {
    @Option(names = "--kernel-shape", paramLabel = "SHAPE",
            description = "OpenCL chain kernel: ${COMPLETION-CANDIDATES} (default: vector on CPUs, workgroup on GPUs).")
    KernelShape shape;

    @Option(names = "--kernel-file", paramLabel = "FILE",
            description = "OpenCL source to build instead of the bundled kernels/tensority.cl (for kernel development).")
    Path kernelFile;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads of the reference backend (default: all cores).")
    Integer threads;
}
