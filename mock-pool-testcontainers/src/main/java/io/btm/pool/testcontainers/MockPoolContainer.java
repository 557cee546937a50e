package io.btm.pool.testcontainers;

import io.btm.pool.ControlClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock pool in a container, for tests of miners that run in containers of their own or from
 * another machine's point of view: either an image built from the pool's CLI jar on a JRE base
 * image, or a published image whose entry point is that jar. The pool's flags pass through.
 *
 * <p>By default the pool listens on fixed ports inside the container, published by Docker.
 * {@link #withHostNetwork()} instead runs it in the host's network namespace, on free loopback
 * ports it reports itself, so that all traffic stays on 127.0.0.1.
 *
 * <pre>{@code
 * try (MockPoolContainer pool = new MockPoolContainer(Path.of("mock-pool-cli/target/mock-pool.jar"), "--target", "ffffffff")) {
 *     pool.start();
 *     // point a miner at pool.stratumUrl(), then
 *     pool.control().awaitShares(share -> share.verdict().accepted(), 3, Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public class MockPoolContainer extends GenericContainer<MockPoolContainer> {
    public static final int STRATUM_PORT = 3333;
    public static final int CONTROL_PORT = 8080;
    /** The usual JRE base image; a CI without a registry names a local one in {@link #BASE_IMAGE_ENV}. */
    public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";
    public static final String BASE_IMAGE_PROPERTY = "btm.container.base-image";
    public static final String BASE_IMAGE_ENV = "BTM_CONTAINER_BASE_IMAGE";
    private static final Pattern PORTS = Pattern.compile("stratum port (\\d+) control port (\\d+)");

    private final List<String> poolFlags;
    private boolean hostNetwork;

    /** An image built from the pool's CLI jar on {@link #baseImage()}. */
    public MockPoolContainer(Path jar, String... poolFlags) {
        this(imageFromJar(jar), poolFlags);
    }

    /** A published image whose entry point runs the pool's CLI jar. */
    public MockPoolContainer(DockerImageName image, String... poolFlags) {
        super(image);
        this.poolFlags = List.of(poolFlags);
        waitingFor(Wait.forLogMessage(".*" + PORTS.pattern() + ".*", 1));
    }

    private MockPoolContainer(ImageFromDockerfile image, String... poolFlags) {
        super(image);
        this.poolFlags = List.of(poolFlags);
        waitingFor(Wait.forLogMessage(".*" + PORTS.pattern() + ".*", 1));
    }

    /**
     * The JRE image the pool jar is put on: {@link #BASE_IMAGE_PROPERTY} or {@link #BASE_IMAGE_ENV}
     * where set, else {@link #DEFAULT_BASE_IMAGE}.
     */
    public static String baseImage() {
        String fromProperty = System.getProperty(BASE_IMAGE_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = System.getenv(BASE_IMAGE_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_BASE_IMAGE;
    }

    private static ImageFromDockerfile imageFromJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + ": no such jar; build it with mvn package");
        }
        return new ImageFromDockerfile("btm-mock-pool", false)
                .withFileFromPath("mock-pool.jar", jar)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from(baseImage())
                        .copy("mock-pool.jar", "/mock-pool.jar")
                        // the reference's vector product path verifies shares about 4 times as fast
                        .entryPoint("java", "--add-modules=jdk.incubator.vector", "-jar", "/mock-pool.jar")
                        .build());
    }

    /** Runs the pool in the host's network namespace on free loopback ports, instead of published ones. */
    public MockPoolContainer withHostNetwork() {
        hostNetwork = true;
        return withNetworkMode("host");
    }

    @Override
    protected void configure() {
        List<String> command = new ArrayList<>();
        if (hostNetwork) {
            command.addAll(List.of("--host", "127.0.0.1", "--stratum-port", "0", "--control-port", "0"));
        } else {
            // Published ports reach the container's own interface, so both listeners bind every one.
            command.addAll(List.of("--host", "0.0.0.0", "--control-host", "0.0.0.0", "--stratum-port", Integer.toString(STRATUM_PORT),
                    "--control-port", Integer.toString(CONTROL_PORT)));
            withExposedPorts(STRATUM_PORT, CONTROL_PORT);
        }
        command.addAll(poolFlags);
        withCommand(command.toArray(String[]::new));
    }

    /** Where the host reaches the pool: 127.0.0.1 on the host network, else Docker's host. */
    public String host() {
        return hostNetwork ? "127.0.0.1" : getHost();
    }

    public int stratumPort() {
        return hostNetwork ? reportedPort(1) : getMappedPort(STRATUM_PORT);
    }

    public int controlPort() {
        return hostNetwork ? reportedPort(2) : getMappedPort(CONTROL_PORT);
    }

    /** {@code stratum+tcp://host:port}, as a miner's {@code -o} takes it. */
    public String stratumUrl() {
        return "stratum+tcp://" + host() + ":" + stratumPort();
    }

    public String controlUrl() {
        return "http://" + host() + ":" + controlPort();
    }

    /** A client of this pool's control API. */
    public ControlClient control() {
        return new ControlClient(controlUrl());
    }

    /** The port the pool reported in its first line, where it chose its own. */
    private int reportedPort(int group) {
        Matcher ports = PORTS.matcher(getLogs());
        if (!ports.find()) {
            throw new IllegalStateException("the pool has not reported its ports yet: is the container started?");
        }
        return Integer.parseInt(ports.group(group));
    }
}
