package io.btm.demo.containers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.dockerfile.DockerfileBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The miner's jar in a container with an OpenCL CPU device (PoCL), on the host's network, running
 * {@code mine} for a fixed time and exiting. Its base image is {@value #BASE_IMAGE_ENV} where set (a
 * JRE with PoCL, built locally by {@code ci/docker-env.sh}), else the usual JRE image with PoCL
 * installed on top.
 */
final class MinerContainer extends GenericContainer<MinerContainer> {
    static final String BASE_IMAGE_ENV = "BTM_MINER_BASE_IMAGE";
    /** The miner's last line: {@code speed … H/s, shares A accepted, R rejected, …}. */
    private static final Pattern SUMMARY = Pattern.compile("shares (\\d+) accepted, (\\d+) rejected");

    MinerContainer(Path jar, Duration mining, String... mineArgs) {
        super(image(jar));
        List<String> command = new ArrayList<>(List.of("mine", "--duration", Long.toString(mining.toSeconds())));
        command.addAll(List.of(mineArgs));
        withCommand(command.toArray(String[]::new));
        withNetworkMode("host");
        // Mining ends by itself after the duration: the container is done when it exits 0.
        withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(mining.plusMinutes(3)));
    }

    private static ImageFromDockerfile image(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + ": no such jar; build it with mvn package");
        }
        String base = System.getenv(BASE_IMAGE_ENV);
        return new ImageFromDockerfile("btm-miner", false)
                .withFileFromPath("miner.jar", jar)
                .withDockerfileFromBuilder(dockerfile -> {
                    DockerfileBuilder from = base != null && !base.isBlank() ? dockerfile.from(base)
                            : dockerfile.from("eclipse-temurin:17-jre").run("apt-get update && DEBIAN_FRONTEND=noninteractive "
                            + "apt-get install -y --no-install-recommends pocl-opencl-icd ocl-icd-libopencl1 ocl-icd-opencl-dev");
                    from.copy("miner.jar", "/miner.jar").entryPoint("java", "-jar", "/miner.jar").build();
                });
    }

    /** Accepted and rejected shares as the miner counted them in its last line. */
    long[] sharesCounted() {
        String logs = getLogs();
        Matcher summary = SUMMARY.matcher(logs);
        long[] counted = null;
        while (summary.find()) {
            counted = new long[]{Long.parseLong(summary.group(1)), Long.parseLong(summary.group(2))};
        }
        if (counted == null) {
            throw new IllegalStateException("the miner printed no share counts:\n" + logs);
        }
        return counted;
    }
}
