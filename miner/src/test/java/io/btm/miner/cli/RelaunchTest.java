package io.btm.miner.cli;

import io.btm.core.launch.JvmRelaunch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar relaunches itself with signal chaining (see {@link JvmRelaunch}); the two JVMs are
 * one miner to whoever runs it. Real processes: {@code kill -9} of the one that was started.
 */
@EnabledOnOs(OS.LINUX)
class RelaunchTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean canListenOn(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException inUse) {
            return false;
        }
    }

    @Test
    void theRelaunchedMinerStopsWhenItsParentIsKilled() throws Exception {
        int api = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MinerCli.class.getName(),
                "mine", "-o", "stratum+tcp://127.0.0.1:1", "-u", "w.1", "--backend", "reference", "--api", "127.0.0.1:" + api)
                .redirectErrorStream(true).redirectOutput(dir.resolve("miner.log").toFile());
        builder.environment().remove("LD_PRELOAD"); // as a user starts it: the jar relaunches itself
        Process parent = builder.start();
        Optional<ProcessHandle> child = Optional.empty();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!answers(api) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(answers(api)).as("the miner's API; its log: %s", Files.readString(dir.resolve("miner.log"))).isTrue();
            List<ProcessHandle> children = parent.toHandle().children().toList();
            assertThat(children).as("the relaunched JVM").hasSize(1);
            child = Optional.of(children.get(0));

            parent.destroyForcibly(); // SIGKILL: the parent forwards nothing
            assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();
            child.get().onExit().get(20, TimeUnit.SECONDS);
            assertThat(child.get().isAlive()).isFalse();
            assertThat(canListenOn(api)).as("the API port is free for a restart").isTrue();
        } finally {
            parent.destroyForcibly();
            child.ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
