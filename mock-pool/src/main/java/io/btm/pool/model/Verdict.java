package io.btm.pool.model;

import io.btm.core.util.Labels;

/**
 * What the pool decided about one submit, as the pool its dialect imitates would: each is counted
 * separately. What a careful tester wants to know beyond that (a duplicate the pool accepted, a
 * nonce outside the range) is in the record's {@link ShareFlag}s.
 */
public enum Verdict {
    ACCEPTED,
    /** Accepted, and the result also meets the network bits. */
    BLOCK,
    LOW_DIFFICULTY,
    /** The job was replaced by one of a newer height. */
    STALE,
    /** Refused as already submitted (btc.com's pool; btmcpool accepts duplicates). */
    DUPLICATE,
    UNKNOWN_JOB,
    MALFORMED,
    UNAUTHORIZED,
    /** Closed without an answer: the worker is banned (btmcpool, after too many bad shares). */
    BANNED,
    /** The validation queue was full; the share was not judged. */
    BUSY;

    /** The name used in the control API and the share log. */
    public String label() {
        return Labels.lowerCase(this);
    }

    /** The verdict of a label, e.g. {@code low_difficulty}. */
    public static Verdict parse(String label) {
        return Labels.parse(Verdict.class, Verdict::label, "verdict", label);
    }

    public boolean accepted() {
        return this == ACCEPTED || this == BLOCK;
    }
}
