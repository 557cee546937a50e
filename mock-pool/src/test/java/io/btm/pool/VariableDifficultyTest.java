package io.btm.pool;

import io.btm.core.difficulty.Diff1;
import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Variable difficulty as a miner sees it: a new target with the next job. */
class VariableDifficultyTest {
    @Test
    void aQuietSessionGetsAnEasierTargetWithAReissuedJob() {
        try (MockPool pool = MockPool.start(PoolConfig.builder().target(ShareTarget.parseHex("00000001"))
                .varDiff(60, Duration.ofMillis(200)).build());
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("quiet.1");
            assertThat(client.job.target().hex()).isEqualTo("00000001");
            ShareTarget next = client.nextJob().target();
            assertThat(next.hex()).isEqualTo("00000004");
            assertThat(next.difficulty(Diff1.POW2_256)).isEqualTo(64.0);
        }
    }
}
