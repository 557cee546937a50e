package io.btm.miner.mining;

import io.btm.core.stratum.Job;

/** Consecutive nonces of one job that a device hashes in one batch. Immutable. */
public record NonceBlock(Job job, long first, int count) {

    public long nonce(int i) {
        return first + i;
    }
}
