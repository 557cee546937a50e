package io.btm.pool.model;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;

/**
 * A block template as the pool issued it, before a session's nonce range and target are applied.
 * Immutable.
 */
public record PoolJob(String id, BlockHeader template, Bytes32 seed) {

    /** The job a session receives: its own first nonce and share target. */
    public Job forSession(long startNonce, ShareTarget target) {
        return new Job(id, template.withNonce(startNonce), seed, target);
    }

    public long height() {
        return template.height();
    }
}
