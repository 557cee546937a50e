package io.btm.pool;

import io.btm.core.difficulty.Diff1;
import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Variable difficulty as a miner sees it: a new target with the next job, as btc.com's pool sends it. */
class VariableDifficultyTest {
    @Test
    void aQuietSessionGetsAnEasierTargetWithTheNextJob() throws InterruptedException {
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(Dialect.ANTPOOL).target(ShareTarget.parseHex("00000001"))
                .varDiff(60, Duration.ofSeconds(1)).build());
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("quiet.1");
            assertThat(client.job.target().hex()).isEqualTo("00000001");
            long id = pool.sessions().get(0).id();
            while (pool.session(id).orElseThrow().target().hex().equals("00000001")) {
                assertThat(client.silentFor(Duration.ofMillis(50))).as("no job between blocks").isTrue();
            }
            pool.newJob(); // a second retarget is a second away
            ShareTarget next = client.nextJob().target();
            assertThat(next.hex()).isEqualTo("00000004");
            assertThat(next.difficulty(Diff1.POW2_256)).isEqualTo(64.0);
        }
    }
}
