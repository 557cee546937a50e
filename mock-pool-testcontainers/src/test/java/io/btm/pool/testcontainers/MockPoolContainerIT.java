package io.btm.pool.testcontainers;

import io.btm.pool.ControlClient;
import io.btm.pool.StratumTestClient;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's CLI jar in a container on the host's loopback, reached and driven from the host. */
@Tag("docker")
class MockPoolContainerIT {
    private static final Path JAR = Path.of(System.getProperty("btm.mock-pool.jar", "../mock-pool-cli/target/mock-pool.jar"));

    @Test
    void aShareSentToTheContainerIsAcceptedAndCountedAndTheControlApiDrivesIt() throws Exception {
        try (MockPoolContainer pool = new MockPoolContainer(JAR, "--target", "ffffffff").withHostNetwork()) {
            pool.start();
            ControlClient control = pool.control();
            try (StratumTestClient client = new StratumTestClient(pool.host(), pool.stratumPort())) {
                client.login("container.1");
                assertThat(client.submit(client.job.startNonce()).get("result").get("status").asText()).isEqualTo("OK");
                long height = client.job.height();
                control.newJob();
                assertThat(client.nextJob().height()).isEqualTo(height + 1);
            }
            List<ShareRecord> shares = control.awaitShares(share -> share.verdict() == Verdict.ACCEPTED, 1, Duration.ofSeconds(30));
            assertThat(shares.get(0).worker()).isEqualTo("container.1");
            assertThat(control.stats().accepted()).isEqualTo(1);
            assertThat(pool.stratumUrl()).isEqualTo("stratum+tcp://127.0.0.1:" + pool.stratumPort());
        }
    }
}
