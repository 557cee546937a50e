package io.btm.demo.containers;

import io.btm.pool.ControlClient;
import io.btm.pool.model.PoolStats;
import io.btm.pool.testcontainers.MockPoolContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The miner's jar in one container mining on the pool's jar in another, both on the host's
 * loopback: what a CI pipeline of a miner does with these images. Both sides must count the same.
 */
@Tag("docker")
class MinerAgainstPoolContainersIT {
    private static final Path POOL_JAR = Path.of(System.getProperty("btm.mock-pool.jar", "../mock-pool-cli/target/mock-pool.jar"));
    private static final Path MINER_JAR = Path.of(System.getProperty("btm.miner.jar", "../miner/target/miner.jar"));

    @Test
    void aMinerContainerMinesOnAPoolContainerAndBothSidesCountTheSame() {
        try (MockPoolContainer pool = new MockPoolContainer(POOL_JAR, "--difficulty", "16").withHostNetwork()) {
            pool.start();
            try (MinerContainer miner = new MinerContainer(MINER_JAR, Duration.ofSeconds(40),
                    "-o", pool.stratumUrl(), "-u", "container.rig", "-i", "2")) {
                miner.start();
                long[] counted = miner.sharesCounted();
                ControlClient control = pool.control();
                PoolStats stats = control.stats();
                assertThat(counted[0]).as("accepted by the miner's count").isPositive().isEqualTo(stats.accepted());
                assertThat(counted[1]).as("rejected by the miner's count").isZero();
                assertThat(stats.rejectedTotal()).isZero();
                assertThat(control.shares()).allSatisfy(share -> assertThat(share.worker()).isEqualTo("container.rig"));
            }
        }
    }
}
