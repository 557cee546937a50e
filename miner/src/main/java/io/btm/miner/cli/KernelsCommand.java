package io.btm.miner.cli;

import io.btm.miner.backend.opencl.CpuFeatures;
import io.btm.miner.backend.opencl.KernelShape;
import io.btm.miner.backend.opencl.OpenClContext;
import io.btm.miner.backend.opencl.OpenClDevice;
import io.btm.miner.backend.opencl.OpenClDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What a device's own OpenCL compiler makes of each kernel: the program binaries as its driver
 * builds them for mining (PTX on NVIDIA), for a kernel developer to read or to run through the
 * vendor's assembler ({@code ci/gpu-check.sh} reads registers and spills off them).
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "Builds each kernel shape the device can run and writes the driver's program binary (PTX on NVIDIA) "
                + "to DIR/SHAPE.bin, with its build options in DIR/SHAPE.options.")
final class KernelsCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the binaries.")
    Path out;

    @Mixin
    ComputeOptions compute;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // PoCL compiles its work-group functions when asked for the binary, recursing deeper than a
        // thread's default 1 MiB of stack for the mma kernel's emulation (the JVM died of SIGSEGV).
        RuntimeException[] failure = new RuntimeException[1];
        Thread build = new Thread(null, () -> {
            try {
                writeBinaries();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "kernel-binaries", 256L << 20);
        build.start();
        build.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return 0;
    }

    private void writeBinaries() {
        PrintWriter log = spec.commandLine().getOut();
        OpenClDevice device = OpenClDevices.get(compute.oneDevice());
        List<KernelShape> shapes = compute.shape != null ? List.of(compute.shape)
                : List.of(KernelShape.values()).stream().filter(s -> s.unsupportedOn(device, CpuFeatures.host()) == null).toList();
        try {
            Files.createDirectories(out);
            for (KernelShape shape : shapes) {
                try (OpenClContext context = new OpenClContext(device, shape, compute.kernelSource(compute.kernelFile))) {
                    Files.write(out.resolve(shape.label() + ".bin"), context.programBinary());
                    Files.writeString(out.resolve(shape.label() + ".options"), context.buildOptions() + "\n");
                    log.printf("%s: %s (%s)%n", shape, out.resolve(shape.label() + ".bin"), context.buildOptions());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.flush();
    }
}
