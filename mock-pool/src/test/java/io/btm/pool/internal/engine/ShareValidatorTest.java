package io.btm.pool.internal.engine;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ShareValidatorTest {
    private static final Job JOB = new JobBoard(PoolConfig.INITIAL_SEED, PoolConfig.GENESIS_BITS, 1000, Long::toString).current()
            .forSession(0, ShareTarget.parseHex("00000000"));
    private static final BigInteger NETWORK = Difficulty.compactToBig(JOB.template().bits());

    @Test
    void aShareTheLenientJudgeTakesAboveTheTargetSentIsAcceptedAndFlagged() {
        // btmcpool judges by a rounded target, a little easier than the one it sends.
        ShareValidator.Outcome outcome = new ShareValidator(new MatrixCacheStore(1)).validate(JOB, BigInteger.ONE.shiftLeft(256), NETWORK, 5, null);
        assertThat(outcome.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(outcome.flags()).containsExactly(ShareFlag.ABOVE_SENT_TARGET);
    }

    @Test
    void aShareAboveTheJudgedTargetIsLowDifficulty() {
        ShareValidator.Outcome outcome = new ShareValidator(new MatrixCacheStore(1)).validate(JOB, BigInteger.ZERO, NETWORK, 5, null);
        assertThat(outcome.verdict()).isEqualTo(Verdict.LOW_DIFFICULTY);
        assertThat(outcome.flags()).isEmpty();
    }
}
