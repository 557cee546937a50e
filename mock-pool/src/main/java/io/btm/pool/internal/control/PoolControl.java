package io.btm.pool.internal.control;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Bytes32;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.PoolStats;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareRecord;

import java.util.List;

/** What the control API reads and drives. */
public interface PoolControl {

    Dialect dialect();

    PoolStats stats();

    List<ShareRecord> shares();

    List<SessionInfo> sessions();

    /** A new template with the given height, seed or bits where not null. */
    PoolJob newJob(Long height, Bytes32 seed, Long bits);

    /** A new target for every session without its own; returns it as sent. */
    ShareTarget setTarget(ShareTarget target);

    void setTarget(long session, ShareTarget target);

    void disconnect(long session);

    void disconnectAll();

    void inject(long session, Fault fault);
}
