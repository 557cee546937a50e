package io.btm.pool.internal.engine;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.header.HeaderHasher;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Bytes32;
import io.btm.pool.model.Verdict;

/**
 * The expensive part of judging a share, run on validation workers: rebuild the header from the
 * job and nonce, hash it with the reference Tensority, compare with the bits and the target.
 * Thread-safe.
 */
public final class ShareValidator {
    private final MatrixCacheStore caches;

    public ShareValidator(MatrixCacheStore caches) {
        this.caches = caches;
    }

    /** @param claimed the result the miner sent, or null */
    public Outcome validate(Job job, long nonce, Bytes32 claimed) {
        byte[] headerHash = new HeaderHasher(job.template()).hash(nonce);
        byte[] result = Tensority.hash(headerHash, caches.get(job.seed()));
        Verdict verdict;
        if (claimed != null && !claimed.equals(Bytes32.of(result))) {
            verdict = Verdict.INVALID_SOLUTION;
        } else if (Difficulty.meetsBits(result, job.template().bits())) {
            verdict = Verdict.BLOCK; // pools check the network bits first
        } else if (job.target().isMetBy(result)) {
            verdict = Verdict.ACCEPTED;
        } else {
            verdict = Verdict.LOW_DIFFICULTY;
        }
        return new Outcome(verdict, Bytes32.of(result));
    }

    public record Outcome(Verdict verdict, Bytes32 result) {
    }
}
