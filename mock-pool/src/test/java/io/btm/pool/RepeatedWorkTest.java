package io.btm.pool;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.stratum.Job;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same header and nonce under a re-issued job's new id is the same work: the dialect answers
 * as its pool does (btmcpool checks duplicates per job), and the pool flags it whatever the answer.
 */
class RepeatedWorkTest {
    @Test
    void theSameWorkUnderAReissuedJobIsFlagged() throws Exception {
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTMCPOOL).target(ShareTarget.parseHex("ffffffff")).build());
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("r.1");
            Job first = client.job;
            long nonce = first.startNonce() + 5;
            client.submit(nonce);
            pool.reissueJob();
            Job reissued = client.nextJob();
            assertThat(reissued.jobId()).isNotEqualTo(first.jobId());
            client.submit(nonce);
            ShareRecord again = pool.awaitShares(r -> r.jobId().equals(reissued.jobId()), 1, Duration.ofSeconds(20)).get(0);
            assertThat(again.flags()).contains(ShareFlag.REPEATED_WORK);
            assertThat(pool.stats().flagged().get(ShareFlag.REPEATED_WORK)).isEqualTo(1);
        }
    }
}
