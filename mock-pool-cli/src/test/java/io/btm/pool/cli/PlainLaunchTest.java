package io.btm.pool.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pool's jar needs no JVM flag: started as {@code java -jar mock-pool.jar} starts it (its main
 * class on a plain JVM, without {@code --add-modules jdk.incubator.vector}), it relaunches itself
 * and verifies shares on the reference's vector product path, as its log says.
 */
class PlainLaunchTest {
    private static final String DECISION = "Tensority reference: ";
    /** What the pool's start line says of a JVM that runs without the module: no decision follows. */
    private static final String NO_MODULE = "without --add-modules";

    @TempDir
    Path dir;

    @Test
    void aPoolStartedWithoutFlagsVerifiesOnTheVectorPath() throws Exception {
        String cpuinfo = Files.isReadable(Path.of("/proc/cpuinfo")) ? Files.readString(Path.of("/proc/cpuinfo")) : "";
        assumeTrue(cpuinfo.contains(" avx2"), "no AVX2 on this CPU");
        Path log = dir.resolve("pool.log");
        Process pool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MockPoolCli.class.getName(), "--stratum-port", "0", "--control-port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.readString(log).contains(DECISION) && !Files.readString(log).contains(NO_MODULE)
                    && pool.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains(DECISION + "vector product path");
        } finally {
            pool.toHandle().descendants().forEach(ProcessHandle::destroy);
            pool.destroy();
        }
    }
}
