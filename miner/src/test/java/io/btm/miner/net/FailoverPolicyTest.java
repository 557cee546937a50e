package io.btm.miner.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failover and failback on a fake clock, in milliseconds. */
class FailoverPolicyTest {
    private static final long FAILBACK = 120_000;

    @Test
    void afterTheRetriesOfOnePoolTheNextIsTriedAndTheLastWrapsToTheFirst() {
        FailoverPolicy policy = new FailoverPolicy(3, 2, FAILBACK);
        // each row: the pool tried, then whether that failure moved on
        Object[][] table = {{0, false}, {0, true}, {1, false}, {1, true}, {2, false}, {2, true}, {0, false}};
        for (Object[] row : table) {
            assertThat(policy.pool()).isEqualTo(row[0]);
            assertThat(policy.connectFailed()).isEqualTo(row[1]);
        }
    }

    @Test
    void aSinglePoolIsRetriedForever() {
        FailoverPolicy policy = new FailoverPolicy(1, 3, FAILBACK);
        for (int i = 0; i < 10; i++) {
            assertThat(policy.connectFailed()).isFalse();
            assertThat(policy.pool()).isZero();
        }
    }

    @Test
    void aConnectionResetsTheFailuresOfItsPool() {
        FailoverPolicy policy = new FailoverPolicy(2, 2, FAILBACK);
        policy.connectFailed();
        policy.connected(0, 0);
        assertThat(policy.connectFailed()).isFalse();
        assertThat(policy.pool()).isZero();
    }

    @Test
    void onABackupTheFirstPoolIsProbedOncePerFailbackInterval() {
        FailoverPolicy policy = new FailoverPolicy(2, 1, FAILBACK);
        policy.connectFailed();
        policy.connected(1, 1_000);
        // each row: now, whether the first pool is due
        long[][] table = {{1_000, 0}, {120_999, 0}, {121_000, 1}, {121_001, 0}, {240_999, 0}, {241_000, 1}};
        for (long[] row : table) {
            assertThat(policy.probeFirstPool(row[0])).as("at %d ms", row[0]).isEqualTo(row[1] == 1);
        }
        policy.connected(0, 250_000);
        assertThat(policy.probeFirstPool(1_000_000)).as("on the first pool already").isFalse();
    }
}
