package io.btm.pool.internal.dialect;

import io.btm.core.stratum.StratumError;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Verdict;

/** antpool: every error is code -1 with a message. */
final class AntpoolRules extends DialectRules {
    AntpoolRules() {
        super(Dialect.ANTPOOL);
    }

    @Override
    public StratumError error(Verdict verdict) {
        return new StratumError(-1, switch (verdict) {
            case LOW_DIFFICULTY -> "Low difficulty share";
            case STALE -> "Block expired";
            default -> numeric(verdict).message();
        });
    }

    @Override
    public StratumError error(StratumError numeric) {
        return new StratumError(-1, numeric.message());
    }
}
