package io.btm.miner.cli;

import io.btm.miner.backend.opencl.OpenClDevice;
import io.btm.miner.backend.opencl.OpenClDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "devices", mixinStandardHelpOptions = true, description = "Lists the OpenCL devices of every platform.")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-5s %-40s %-28s %10s %5s  %s%n", "index", "name", "vendor", "memory", "CUs", "version");
        for (OpenClDevice d : OpenClDevices.list()) {
            out.printf("%-5d %-40s %-28s %6d MiB %5d  %s%n", d.index(), d.name(), d.vendor(),
                    d.globalMemory() >> 20, d.computeUnits(), d.version());
        }
        out.flush();
        return 0;
    }
}
