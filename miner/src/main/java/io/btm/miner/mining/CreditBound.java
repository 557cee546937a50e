package io.btm.miner.mining;

import io.btm.core.difficulty.BtmcpoolTargets;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.stratum.Job;

import java.math.BigInteger;

/**
 * The largest Tensority result worth sending for a job: anything above it the pool refuses
 * (docs/real-pools.md row 15). A share must meet the target as pools judge it: its compact form,
 * three significant bytes (btmcpool {@code stratum/btmc/verifier.go:54-57}; btc.com sends targets
 * so rounded already), which below difficulty 256 is a little harder than the 4 bytes btmcpool
 * sends. A result that misses it counts only as a block, and the strictest block check of the
 * known pools is btmcpool's, about half the network target ({@code verifier.go:47-52}); btc.com
 * takes no block that misses the share target ({@code src/bytom/StratumMinerBytom.cc:99-108}). Solo,
 * the job's target is the network target, compact already, so the bound is the node's own.
 */
final class CreditBound {
    private CreditBound() {
    }

    static BigInteger of(Job job) {
        BigInteger share = Difficulty.compactRounded(job.target().value());
        return share.max(BtmcpoolTargets.blockBound(job.template().bits()));
    }
}
