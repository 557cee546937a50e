package io.btm.pool.internal.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.stratum.StratumError;
import io.btm.core.stratum.StratumMessage;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Verdict;

/**
 * How a pool family answers: the wording of success and of each error. One instance per dialect,
 * stateless.
 */
public abstract class DialectRules {
    public static final StratumError UNSUPPORTED_METHOD = new StratumError(34, "Unsupported Method");
    public static final StratumError MULTIPLE_AUTHORIZATION = new StratumError(40, "Multiple Authorization");

    private final Dialect dialect;

    DialectRules(Dialect dialect) {
        this.dialect = dialect;
    }

    public static DialectRules of(Dialect dialect) {
        return switch (dialect) {
            case BTMCPOOL -> new BtmcpoolRules();
            case ANTPOOL -> new AntpoolRules();
            case RESULT_TRUE -> new ResultTrueRules();
        };
    }

    public final Dialect dialect() {
        return dialect;
    }

    /** The result of an accepted share. */
    public JsonNode success() {
        return StratumMessage.statusOk();
    }

    /** The error a rejected share gets. */
    public abstract StratumError error(Verdict verdict);

    /** A protocol error (unsupported method, second login) in this dialect's style. */
    public StratumError error(StratumError numeric) {
        return numeric;
    }

    /** The numeric codes btmcpool uses ({@code stratum/message.go}). */
    static StratumError numeric(Verdict verdict) {
        return switch (verdict) {
            case UNKNOWN_JOB, STALE -> new StratumError(21, "Job Not Found");
            case DUPLICATE -> new StratumError(22, "Duplicate Share");
            case LOW_DIFFICULTY -> new StratumError(23, "Low Difficulty Share");
            case UNAUTHORIZED -> new StratumError(24, "Unauthorized Worker");
            case INVALID_SOLUTION -> new StratumError(26, "Invalid solution");
            case MALFORMED, OUT_OF_RANGE -> new StratumError(32, "Invalid Submit Format");
            case BUSY -> new StratumError(20, "Server Busy");
            case ACCEPTED, BLOCK -> throw new IllegalArgumentException(verdict + " is not an error");
        };
    }
}
