package io.btm.pool.internal.dialect;

import io.btm.core.stratum.StratumError;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Verdict;

/** BytomDAO's btmcpool: numeric error codes. */
final class BtmcpoolRules extends DialectRules {
    BtmcpoolRules() {
        super(Dialect.BTMCPOOL);
    }

    @Override
    public StratumError error(Verdict verdict) {
        return numeric(verdict);
    }
}
