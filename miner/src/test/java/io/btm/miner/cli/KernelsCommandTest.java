package io.btm.miner.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("opencl")
class KernelsCommandTest {
    @Test
    void writesTheDriversBinaryWithTheOptionsItWasBuiltWith(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("kernels", "--out", dir.toString(), "--kernel-shape", "mma", "--kernel-define", "N_TILES=2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.size(dir.resolve("mma.bin"))).isPositive();
        // On PoCL the mma kernel is its emulation, and the developer's definition comes last.
        assertThat(Files.readString(dir.resolve("mma.options"))).contains("-DBTM_MMA_EMULATE").endsWith("-DN_TILES=2\n");
        assertThat(run.out()).contains("mma: " + dir.resolve("mma.bin"));
    }
}
