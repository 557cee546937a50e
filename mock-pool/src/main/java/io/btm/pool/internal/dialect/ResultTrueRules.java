package io.btm.pool.internal.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.btm.pool.model.Dialect;

/**
 * Synthetic, with no open-source BTM counterpart: btmcpool in everything but success, which is
 * {@code "result": true}. The only trace of such a pool is btmcpool's unused {@code f2poolResp}
 * struct ({@code stratum/btmc/message.go:52-57}); it exists to check that a miner takes both forms.
 */
final class ResultTrueRules extends BtmcpoolRules {
    ResultTrueRules() {
        super(Dialect.RESULT_TRUE);
    }

    @Override
    public JsonNode success() {
        return BooleanNode.TRUE;
    }
}
