package io.btm.pool.model;

import io.btm.core.difficulty.Diff1;
import io.btm.core.util.Labels;

/**
 * The real pool family a mock pool imitates: how it words replies and errors, and which DIFF1
 * its difficulties divide.
 */
public enum Dialect {
    /** BytomDAO's btmcpool: numeric error codes; success {@code {"status":"OK"}}; DIFF1 = 2^256. */
    BTMCPOOL("btmcpool", Diff1.POW2_256),
    /** antpool (and btc.com): code -1 with a message; success {@code {"status":"OK"}}; DIFF1 = 2^256 − 1. */
    ANTPOOL("antpool", Diff1.MAX_UINT256),
    /** Synthetic: btmcpool's error codes with success as {@code true}; DIFF1 = 2^256 − 1. */
    RESULT_TRUE("result-true", Diff1.MAX_UINT256);

    private final String label;
    private final Diff1 diff1;

    Dialect(String label, Diff1 diff1) {
        this.label = label;
        this.diff1 = diff1;
    }

    /** The target of share difficulty 1 in this pool's convention. */
    public Diff1 diff1() {
        return diff1;
    }

    /** The name on the command line and in the control API, e.g. {@code result-true}. */
    public String label() {
        return label;
    }

    /** The dialect of a label; an error that lists the known ones. */
    public static Dialect parse(String label) {
        return Labels.parse(Dialect.class, Dialect::label, "dialect", label);
    }

    /** The known labels, comma-separated. */
    public static String labels() {
        return Labels.list(Dialect.class, Dialect::label);
    }
}
