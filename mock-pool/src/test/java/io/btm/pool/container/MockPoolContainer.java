package io.btm.pool.container;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mock pool as a Testcontainers container, for tests of miners that run in containers of
 * their own: an image built from {@code mock-pool.jar} on a JRE, the pool's flags as given.
 * <pre>{@code
 * try (MockPoolContainer pool = new MockPoolContainer(Path.of("mock-pool/target/mock-pool.jar"), "--target", "ffffffff")) {
 *     pool.start();
 *     miner.connect(pool.getHost(), pool.stratumPort());
 * }
 * }</pre>
 */
public class MockPoolContainer extends GenericContainer<MockPoolContainer> {
    public static final int STRATUM_PORT = 3333;
    public static final int CONTROL_PORT = 8080;

    /** @param poolFlags more flags of the pool jar, e.g. {@code --dialect antpool} */
    public MockPoolContainer(Path jar, String... poolFlags) {
        super(image(jar));
        List<String> command = new ArrayList<>(List.of("--host", "0.0.0.0",
                "--stratum-port", Integer.toString(STRATUM_PORT), "--control-port", Integer.toString(CONTROL_PORT)));
        command.addAll(List.of(poolFlags));
        withCommand(command.toArray(String[]::new));
        withExposedPorts(STRATUM_PORT, CONTROL_PORT);
        waitingFor(Wait.forLogMessage(".*stratum port \\d+ control port \\d+.*", 1));
    }

    private static ImageFromDockerfile image(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + ": no such jar; build it with mvn package");
        }
        return new ImageFromDockerfile("btm-mock-pool", false)
                .withFileFromPath("mock-pool.jar", jar)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from("eclipse-temurin:17-jre")
                        .copy("mock-pool.jar", "/mock-pool.jar")
                        .entryPoint("java", "-jar", "/mock-pool.jar")
                        .build());
    }

    public int stratumPort() {
        return getMappedPort(STRATUM_PORT);
    }

    public String controlUrl() {
        return "http://" + getHost() + ":" + getMappedPort(CONTROL_PORT);
    }
}
