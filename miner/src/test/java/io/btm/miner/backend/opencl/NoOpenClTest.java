package io.btm.miner.backend.opencl;

import io.btm.miner.cli.MinerCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A machine with an OpenCL loader but no driver: a clear message and exit status 2, no stack trace. */
@Tag("opencl")
class NoOpenClTest {
    @Test
    void saysWhatToInstall(@TempDir Path emptyVendors) throws IOException, InterruptedException {
        for (List<String> command : List.of(List.of("devices"), List.of("verify", "--backend", "opencl"))) {
            ProcessBuilder builder = new ProcessBuilder(javaCommand(command)).redirectErrorStream(true);
            // ocl-icd reads its drivers from OCL_ICD_VENDORS: an empty folder means no platform at all.
            builder.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isEqualTo(MinerCli.EXIT_USER_ERROR);
            assertThat(output).contains("error: no OpenCL platform found")
                    .contains("apt-get install pocl-opencl-icd ocl-icd-libopencl1")
                    .doesNotContain("\tat ");
        }
    }

    private static List<String> javaCommand(List<String> args) {
        var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MinerCli.class.getName()));
        command.addAll(args);
        return command;
    }
}
