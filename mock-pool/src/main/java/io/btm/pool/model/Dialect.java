package io.btm.pool.model;

import io.btm.core.difficulty.Diff1;
import io.btm.core.util.Labels;

/**
 * The real pool family a mock pool imitates, behaviour by behaviour from that pool's public source
 * or captured traffic (docs/real-pools.md gives the file and line of each).
 */
public enum Dialect {
    /**
     * BytomDAO's btmcpool: numeric error codes; only login and submit, anything else closes the
     * connection; workers banned after too many bad shares; no duplicate check. DIFF1 = 2^256.
     */
    BTMCPOOL("btmcpool", Diff1.POW2_256),
    /**
     * btc.com's pool: the login answered in two objects, job objects without a newline, code -1
     * and JSON-RPC 1 error arrays, unknown methods ignored; variable-length compact targets.
     * DIFF1 = 2^256 − 1.
     */
    BTCPOOL("btcpool", Diff1.MAX_UINT256),
    /** antpool, from its captured traffic, and btc.com's rules where the capture is silent. DIFF1 = 2^256 − 1. */
    ANTPOOL("antpool", Diff1.MAX_UINT256),
    /** Synthetic, with no open-source counterpart: btmcpool, but success is {@code "result": true}. DIFF1 = 2^256. */
    RESULT_TRUE("result-true", Diff1.POW2_256);

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
