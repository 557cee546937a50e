package io.btm.miner.backend.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the host CPU can execute, as its kernel reports it ({@code /proc/cpuinfo} flags). PoCL runs
 * kernels on this CPU but tells a kernel nothing about it (its LLVM targets {@code skylake-avx512}
 * even on CPUs with VNNI), so the host chooses the kernel. Immutable.
 */
public record CpuFeatures(String architecture, Set<String> flags) {
    public static final String AVX512_VNNI = "avx512_vnni";
    public static final String AVX512BW = "avx512bw";
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    public CpuFeatures {
        flags = Set.copyOf(flags);
    }

    /** This machine's: the first processor's flags, none where {@code /proc/cpuinfo} is not there. */
    public static CpuFeatures host() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        try {
            for (String line : Files.readAllLines(CPUINFO)) {
                if (line.startsWith("flags")) {
                    return new CpuFeatures(arch, Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toSet()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no flags line: no instruction set beyond the baseline is assumed
        }
        return new CpuFeatures(arch, Set.of());
    }

    /** x86-64: the kernels with x86 intrinsics can be built for this CPU. */
    public boolean x86() {
        return architecture.equals("amd64") || architecture.equals("x86_64");
    }

    public boolean has(String flag) {
        return x86() && flags.contains(flag);
    }
}
