package io.btm.pool.stratum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.btm.core.difficulty.Diff1;
import io.btm.core.stratum.StratumError;
import io.btm.core.stratum.StratumMessage;
import io.btm.pool.validation.Verdict;

/** How a real pool family words its replies (stratum-btm.md); chosen when the pool starts. */
public enum Dialect {
    /** Numeric error codes; success {@code {"status":"OK"}}; DIFF1 = 2^256. */
    btmcpool(Diff1.POW2_256),
    /** Code -1 with a message (antpool, btc.com); success {@code {"status":"OK"}}; DIFF1 = 2^256 − 1. */
    antpool(Diff1.MAX_UINT256),
    /** btmcpool's errors, success {@code true}. */
    result_true(Diff1.MAX_UINT256);

    public static final StratumError UNSUPPORTED_METHOD = new StratumError(34, "Unsupported Method");
    public static final StratumError MULTIPLE_AUTHORIZATION = new StratumError(40, "Multiple Authorization");

    private final Diff1 diff1;

    Dialect(Diff1 diff1) {
        this.diff1 = diff1;
    }

    public Diff1 diff1() {
        return diff1;
    }

    /** The command-line name: {@code btmcpool}, {@code antpool}, {@code result-true}. */
    public String label() {
        return name().replace('_', '-');
    }

    public static Dialect parse(String label) {
        for (Dialect d : values()) {
            if (d.label().equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dialect: unknown '" + label + "' (btmcpool, antpool, result-true)");
    }

    public JsonNode success() {
        return this == result_true ? BooleanNode.TRUE : StratumMessage.statusOk();
    }

    public StratumError error(Verdict verdict) {
        StratumError numeric = switch (verdict) {
            case UNKNOWN_JOB, STALE -> new StratumError(21, "Job Not Found");
            case DUPLICATE -> new StratumError(22, "Duplicate Share");
            case LOW_DIFFICULTY -> new StratumError(23, "Low Difficulty Share");
            case UNAUTHORIZED -> new StratumError(24, "Unauthorized Worker");
            case INVALID_SOLUTION -> new StratumError(26, "Invalid solution");
            case MALFORMED, OUT_OF_RANGE -> new StratumError(32, "Invalid Submit Format");
            case BUSY -> new StratumError(20, "Server Busy");
            case ACCEPTED, BLOCK -> throw new IllegalArgumentException(verdict + " is not an error");
        };
        if (this != antpool) {
            return numeric;
        }
        return new StratumError(-1, switch (verdict) {
            case LOW_DIFFICULTY -> "Low difficulty share";
            case STALE -> "Block expired";
            default -> numeric.message();
        });
    }

    public StratumError error(StratumError numeric) {
        return this == antpool ? new StratumError(-1, numeric.message()) : numeric;
    }
}
