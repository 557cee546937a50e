package io.btm.pool;

import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ProtocolEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row 9 of docs/real-pools.md: btmcpool's deadline moves with every request and every job it
 * pushes (stratum/tcpsession.go:394-402); btc.com's read timeout only with what the miner sends,
 * 15 s before login and 10 minutes after (src/StratumSession.cc:41,125, checkUserAndPwd). The
 * timeouts are shortened here; DialectRulesTest checks the real values.
 */
class SessionTimeoutTest {
    private static final Duration IDLE = Duration.ofMillis(600);

    private static MockPool pool(Dialect dialect) {
        return MockPool.start(PoolConfig.builder().dialect(dialect).target(ShareTarget.parseHex("ffffffff"))
                .idleTimeout(IDLE).loginTimeout(Duration.ofMillis(300)).build());
    }

    @Test
    void jobsKeepABtmcpoolSessionAlive() throws InterruptedException {
        try (MockPool pool = pool(Dialect.BTMCPOOL); StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("alice.rig1");
            for (int i = 0; i < 6; i++) {
                Thread.sleep(IDLE.toMillis() / 3);
                pool.newJob();
            }
            assertThat(client.closedWithin(Duration.ofMillis(100))).as("alive after twice the idle timeout, with jobs").isFalse();
            assertThat(client.closedWithin(IDLE.multipliedBy(3))).as("closed once jobs stop").isTrue();
        }
    }

    @Test
    void jobsDoNotKeepABtcComSessionAlive() throws InterruptedException {
        try (MockPool pool = pool(Dialect.BTCPOOL); StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("bob.rig");
            long start = System.nanoTime();
            while (!client.closedWithin(Duration.ofMillis(IDLE.toMillis() / 3))) {
                pool.newJob();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(IDLE.multipliedBy(3));
            }
            assertThat(pool.awaitEvent(e -> e.kind() == ProtocolEvent.Kind.CLOSED, Duration.ofSeconds(5)).detail()).isEqualTo("idle");
        }
    }

    @Test
    void aConnectionThatDoesNotLogInIsClosedAfterTheLoginTimeout() throws InterruptedException {
        try (MockPool pool = pool(Dialect.BTCPOOL); StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            assertThat(client.closedWithin(IDLE)).isTrue();
            assertThat(pool.awaitEvent(e -> e.kind() == ProtocolEvent.Kind.CLOSED, Duration.ofSeconds(5)).detail())
                    .isEqualTo("no login in time");
        }
    }
}
