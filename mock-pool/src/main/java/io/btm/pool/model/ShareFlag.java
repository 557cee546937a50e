package io.btm.pool.model;

import io.btm.core.util.Labels;

/**
 * What the pool noticed about a share beyond its verdict: things a real pool may accept without a
 * word, which a careful tester still wants to know. A test can assert "no duplicates" against a
 * pool as lenient as btmcpool.
 */
public enum ShareFlag {
    /** This job and nonce were submitted before on this session. */
    DUPLICATE,
    /** The same header and nonce were submitted before under another job id (e.g. a job re-issued with a new target). */
    REPEATED_WORK,
    /** The nonce is outside the range the session's jobs give it. */
    OUT_OF_RANGE,
    /** The miner sent a result that is not the nonce's Tensority result. */
    WRONG_RESULT,
    /** Accepted by the pool's rounded target, though above the target its job carried. */
    ABOVE_SENT_TARGET;

    /** The name used in the control API and the share log. */
    public String label() {
        return Labels.lowerCase(this);
    }

    public static ShareFlag parse(String label) {
        return Labels.parse(ShareFlag.class, ShareFlag::label, "flag", label);
    }
}
