package io.btm.pool.internal.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.btm.core.stratum.StratumError;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Verdict;

/** Synthetic: btmcpool's errors, success as {@code true}. */
final class ResultTrueRules extends DialectRules {
    ResultTrueRules() {
        super(Dialect.RESULT_TRUE);
    }

    @Override
    public JsonNode success() {
        return BooleanNode.TRUE;
    }

    @Override
    public StratumError error(Verdict verdict) {
        return numeric(verdict);
    }
}
