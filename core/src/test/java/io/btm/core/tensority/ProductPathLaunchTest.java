package io.btm.core.tensority;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every JVM launch takes the vector product path: the choice depends on how C2 compiles the
 * product in that JVM, so one launch proves little. Read from each JVM's log, not from a time.
 * About a minute on two cores.
 */
@Tag("slow")
class ProductPathLaunchTest {
    private static final int LAUNCHES = 20;
    /** Two at a time: CI has two cores. */
    private static final int AT_ONCE = 2;

    @TempDir
    Path dir;

    @Test
    void everyLaunchChoosesTheVectorPath() throws Exception {
        String cpuinfo = Files.isReadable(Path.of("/proc/cpuinfo")) ? Files.readString(Path.of("/proc/cpuinfo")) : "";
        assumeTrue(cpuinfo.contains(" avx2"), "no AVX2 on this CPU");
        ExecutorService launcher = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<String>> logs = new ArrayList<>();
            for (int n = 0; n < LAUNCHES; n++) {
                Path log = dir.resolve("launch-" + n + ".log");
                logs.add(launcher.submit(() -> launch(log)));
            }
            List<String> choices = new ArrayList<>();
            for (Future<String> log : logs) {
                choices.add(log.get());
            }
            System.out.println("ProductPathLaunchTest:\n" + String.join("\n", choices));
            assertThat(choices).hasSize(LAUNCHES)
                    .allSatisfy(log -> assertThat(log).contains("Tensority reference: vector product path").contains("VECTOR after"));
        } finally {
            launcher.shutdownNow();
        }
    }

    /** One JVM as the jars run the reference; its log, or the part that shows the decision. */
    private static String launch(Path log) throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), PathDecision.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!jvm.waitFor(2, TimeUnit.MINUTES)) {
            jvm.destroyForcibly();
        }
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains("Tensority reference") || line.contains(" after "))
                .reduce((first, second) -> first + " | " + second).orElse(Files.readString(log));
    }
}
