package io.btm.demo.e2e;

import io.btm.miner.Miner;
import io.btm.miner.MinerConfig;
import io.btm.miner.compute.BackendSpec;
import io.btm.pool.MockPool;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static io.btm.demo.e2e.Mining.FAST;
import static io.btm.demo.e2e.Mining.stratum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's run on the mock: btmcpool in front of a bytomd solonet, {@code session.diff 512},
 * where every share can be a block and each block moves the height on. The real run gave 26
 * accepted and 65 rejected: 49 stale shares answered 32, and 16 results between btmcpool's block
 * check (half the network target) and the bits answered 23. Mined on the CPU reference, so it
 * needs no OpenCL.
 */
@Tag("slow")
class BtmcpoolSolonetTest {
    /** bytomd v1.1.1's solonet genesis bits ({@code config/genesis.go:119}). */
    private static final long SOLONET_BITS = 2305843009214532812L;

    @Test
    void nothingIsRefusedButStaleAndTheMinerCountsThatStale() throws Exception {
        PoolConfig config = PoolConfig.builder().dialect(Dialect.BTMCPOOL).difficulty(BigInteger.valueOf(512))
                .chain(PoolConfig.INITIAL_SEED, SOLONET_BITS, 1).blocksMoveTheChain().build();
        BackendSpec reference = new BackendSpec(BackendSpec.Kind.REFERENCE, null, null, null, 2);
        try (MockPool pool = MockPool.start(config);
             Miner miner = Miner.start(new MinerConfig(stratum(pool.stratumPort()), reference, List.of(0), FAST,
                     new InetSocketAddress("127.0.0.1", 0), Duration.ofSeconds(5)), reference::open)) {
            // About one result in 40 is a block to btmcpool: some 120 hashes, which can outlast Mining's patience on busy cores.
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (pool.count(Verdict.BLOCK) < 3) {
                assertThat(System.nanoTime() - deadline).as("three blocks within 5 minutes").isNegative();
                Thread.sleep(200);
            }
            miner.close();
            String counts = "pool " + pool.stats().rejected() + ", miner " + miner.stats().summary();

            assertThat(pool.count(Verdict.LOW_DIFFICULTY)).as(counts).isZero();
            assertThat(pool.rejected()).as(counts).isEqualTo(pool.count(Verdict.STALE));
            assertThat(miner.stats().rejected()).as(counts).isZero();
            assertThat(miner.stats().accepted()).isEqualTo(pool.accepted());
            assertThat(miner.stats().stale()).isGreaterThanOrEqualTo(pool.count(Verdict.STALE));
            assertThat(miner.stats().computeErrors()).isZero();
        }
    }
}
