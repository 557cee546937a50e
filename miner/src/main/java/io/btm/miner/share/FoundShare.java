package io.btm.miner.share;

import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;

/**
 * A nonce whose device result the pool will credit, as a share or as a block. Immutable.
 *
 * @param headerHash Tensority's input for this nonce, kept for the CPU re-check
 * @param result     the device's Tensority result
 * @param device     the index of the device that found it, for logs
 */
public record FoundShare(Job job, long nonce, byte[] headerHash, Bytes32 result, int device) {
}
