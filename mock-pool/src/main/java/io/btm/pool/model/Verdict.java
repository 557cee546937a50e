package io.btm.pool.model;

import io.btm.core.util.Labels;

/** What the pool decided about one submit; each is counted separately. */
public enum Verdict {
    ACCEPTED("accepted"),
    /** Accepted, and the result also meets the network bits. */
    BLOCK("block"),
    LOW_DIFFICULTY("low_difficulty"),
    /** The job was replaced by one of a newer height. */
    STALE("stale"),
    DUPLICATE("duplicate"),
    UNKNOWN_JOB("unknown_job"),
    OUT_OF_RANGE("out_of_range"),
    MALFORMED("malformed"),
    UNAUTHORIZED("unauthorized"),
    /** The miner sent a result that is not the nonce's Tensority result. */
    INVALID_SOLUTION("invalid_solution"),
    /** The validation queue was full; the share was not judged. */
    BUSY("busy");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The name used in the control API and the share log. */
    public String label() {
        return label;
    }

    /** The verdict of a label, e.g. {@code low_difficulty}. */
    public static Verdict parse(String label) {
        return Labels.parse(Verdict.class, Verdict::label, "verdict", label);
    }

    public boolean accepted() {
        return this == ACCEPTED || this == BLOCK;
    }
}
