package io.btm.pool.internal.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.difficulty.Diff1;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumMessage;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolJob;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * antpool, from the traffic captured in github.com/0xmountaintop/B3-Mimic ({@code docs/STRATUM-BTM.md}),
 * and where the capture is silent, btc.com's code, which says it follows antpool: one login
 * reply with the job, newline-framed messages, 4-byte targets of (2^256 − 1) / d, decimal job ids,
 * little-endian session nonces, and btc.com's refusals.
 */
final class AntpoolRules extends BtcpoolRules {
    AntpoolRules() {
        super(Dialect.ANTPOOL);
    }

    /** The capture shows whole objects, one per message. */
    @Override
    public boolean endsWithNewline(StratumMessage message) {
        return true;
    }

    /** Capture {@code :34,61}: {@code 0c04000001000000}, {@code 0000000037780000}: a session number above bit 32, little-endian. */
    @Override
    public long jobNonce(long sessionNumber, int maxConnections) {
        return (sessionNumber & 0xffffffffL) << 32;
    }

    /** Capture {@code :37,62}: decimal ids, {@code 16368}, the same for every session. */
    @Override
    public String wireJobId(PoolJob job, long sent) {
        return job.id();
    }

    /** Capture {@code :38,64}: 4 bytes, {@code c5a70000} for 100001, of DIFF1 = 2^256 − 1 as btc.com says. */
    @Override
    public SessionTarget target(BigInteger difficulty) {
        return SessionTarget.exactly(fourBytes(Diff1.MAX_UINT256.value(), difficulty));
    }

    /** Capture {@code :19-44}: one reply, the job in it, the login as its {@code id}. */
    @Override
    public List<StratumMessage> loginReplies(JsonNode requestId, String login, Job job) {
        return List.of(StratumMessage.reply(requestId, loginResult(login, job)));
    }

    /** Decimal ids the pool's own, not btc.com's {@code uint8_t} counter: looked up as sent. */
    @Override
    Optional<SentJob> findJob(SubmitContext submit, String jobId) {
        return jobId == null ? Optional.empty() : submit.job(jobId);
    }
}
