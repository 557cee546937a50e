package io.btm.pool.internal.stratum;

import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.dialect.SentJob;
import io.btm.pool.internal.dialect.SessionTarget;
import io.btm.pool.internal.engine.JobBoard;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.PoolJob;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's duplicate memory across the jobs it is sent: what a re-sent job keeps, what a reused id forgets. */
class SessionTest {
    private static final SessionTarget TARGET = SessionTarget.exactly(ShareTarget.parseHex("ffffffff"));
    private static final long NONCE = 7;

    private final JobBoard jobs = new JobBoard(PoolConfig.INITIAL_SEED, PoolConfig.GENESIS_BITS, PoolConfig.START_HEIGHT,
            Long::toString);

    private static Session session(DialectRules rules) {
        return new Session(1, new EmbeddedChannel(), rules, 100, 1 << 20);
    }

    @Test
    void theSameJobSentAgainUnderItsIdRemembersWhatWasSubmitted() {
        DialectRules antpool = DialectRules.of(Dialect.ANTPOOL);
        Session session = session(antpool);
        PoolJob job = jobs.current();
        SentJob first = session.assign(job, TARGET, antpool);
        assertThat(session.countSubmit(first, NONCE)).isNotEqualTo(Session.SubmitOrder.REPEATED);
        // sent again, as a second login or a re-issue to this session does, with a new target
        SentJob again = session.assign(job, SessionTarget.exactly(ShareTarget.parseHex("0fffffff")), antpool);
        assertThat(again.wireId()).isEqualTo(first.wireId());
        assertThat(again.job().target().hex()).isEqualTo("0fffffff");
        assertThat(session.submittedBefore(again, NONCE)).isTrue();
        assertThat(session.countSubmit(again, NONCE)).isEqualTo(Session.SubmitOrder.REPEATED);
    }

    @Test
    void btcComsCounterThatWrapsToAnIdOfAnotherJobStartsAfresh() {
        DialectRules btcpool = DialectRules.of(Dialect.BTCPOOL);
        Session session = session(btcpool);
        SentJob first = session.assign(jobs.current(), TARGET, btcpool);
        assertThat(session.countSubmit(first, NONCE)).isNotEqualTo(Session.SubmitOrder.REPEATED);
        SentJob reused = null;
        for (int sent = 2; sent <= 257; sent++) { // bytom/StratumSessionBytom.cc:37,89: a uint8_t from 1, so the 257th is 1 again
            reused = session.assign(jobs.next(null, null, null), TARGET, btcpool);
        }
        assertThat(reused.wireId()).isEqualTo(first.wireId());
        assertThat(reused.poolJob()).isNotEqualTo(first.poolJob());
        assertThat(session.submittedBefore(reused, NONCE)).isFalse();
        assertThat(session.countSubmit(reused, NONCE)).isNotEqualTo(Session.SubmitOrder.REPEATED);
    }
}
