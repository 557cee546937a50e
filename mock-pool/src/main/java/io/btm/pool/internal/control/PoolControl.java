package io.btm.pool.internal.control;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Bytes32;
import io.btm.pool.internal.metrics.PoolMetrics;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.PoolStats;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareRecord;

import java.math.BigInteger;
import java.util.List;

/** What the control API reads and drives. */
public interface PoolControl {

    Dialect dialect();

    PoolStats stats();

    PoolMetrics metrics();

    List<ShareRecord> shares();

    List<SessionInfo> sessions();

    List<ProtocolEvent> events();

    /** At most the {@code n} newest share records, oldest first. */
    List<ShareRecord> newestShares(int n);

    /** At most the {@code n} newest protocol events, oldest first. */
    List<ProtocolEvent> newestEvents(int n);

    /** A new template with the given height, seed or bits where not null. */
    PoolJob newJob(Long height, Bytes32 seed, Long bits);

    /** The current block again under a new id, sent at once (carries new targets before the next block). */
    PoolJob reissueJob();

    /** A new target for every session without its own, from the next job on; returns it as sent. */
    ShareTarget setTarget(ShareTarget target);

    /** A share difficulty as the dialect's pool turns it into a target, from the next job on; returns the target sent. */
    ShareTarget setDifficulty(BigInteger difficulty);

    void setTarget(long session, ShareTarget target);

    void setDifficulty(long session, BigInteger difficulty);

    /** The current job again to this session only, with its target now (carries a new one before the next block). */
    void resendCurrentJob(long session);

    void disconnect(long session);

    void disconnectAll();

    void inject(long session, Fault fault);
}
