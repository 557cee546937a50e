package io.btm.miner.cli;

import io.btm.miner.backend.opencl.CpuFeatures;
import io.btm.miner.backend.opencl.KernelShape;
import io.btm.miner.backend.opencl.OpenClDevice;
import io.btm.miner.backend.opencl.OpenClDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "devices", mixinStandardHelpOptions = true, description = "Lists the OpenCL devices of every platform, with the kernels the miner would try on each.")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CpuFeatures cpu = CpuFeatures.host();
        out.printf("%-5s %-40s %-28s %10s %5s  %-22s %s%n", "index", "name", "vendor", "memory", "CUs", "kernels (first tried)", "version");
        for (OpenClDevice d : OpenClDevices.list()) {
            String kernels = KernelShape.candidatesFor(d, cpu).stream().map(KernelShape::label).collect(Collectors.joining(", "));
            out.printf("%-5d %-40s %-28s %6d MiB %5d  %-22s %s%n", d.index(), d.name(), d.vendor(),
                    d.globalMemory() >> 20, d.computeUnits(), kernels, d.version());
        }
        out.printf("host CPU: %s%s%n", cpu.architecture(), cpu.has(CpuFeatures.AVX512_VNNI) ? ", AVX-512 VNNI"
                : cpu.has(CpuFeatures.AVX512BW) ? ", AVX-512BW (no VNNI)" : ", no AVX-512BW: the vector kernel");
        out.flush();
        return 0;
    }
}
