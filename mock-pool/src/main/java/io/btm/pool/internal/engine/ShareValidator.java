package io.btm.pool.internal.engine;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.header.HeaderHasher;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Bytes32;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.Verdict;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Set;

/**
 * The expensive part of judging a share, run on validation workers: rebuild the header from the
 * job and nonce, hash it with the reference Tensority, compare with the block bound and the
 * target the pool judges by. Thread-safe.
 */
public final class ShareValidator {
    private final MatrixCacheStore caches;

    public ShareValidator(MatrixCacheStore caches) {
        this.caches = caches;
    }

    /**
     * @param judged     the bound the pool holds shares to, which its rounding may put either side of the target the job carries
     * @param blockBound the largest result the pool takes for a block, checked first as btmcpool does ({@code btmc/verifier.go:47-58})
     * @param claimed    the result the miner sent, or null
     */
    public Outcome validate(Job job, BigInteger judged, BigInteger blockBound, long nonce, Bytes32 claimed) {
        byte[] headerHash = new HeaderHasher(job.template()).hash(nonce);
        byte[] result = Tensority.hash(headerHash, caches.get(job.seed()));
        Set<ShareFlag> flags = EnumSet.noneOf(ShareFlag.class);
        if (claimed != null && !claimed.equals(Bytes32.of(result))) {
            flags.add(ShareFlag.WRONG_RESULT);
        }
        BigInteger value = Difficulty.hashToBig(result);
        Verdict verdict;
        if (value.compareTo(blockBound) <= 0) {
            verdict = Verdict.BLOCK; // a block is what counts, whatever the share target
        } else if (value.compareTo(judged) <= 0) {
            verdict = Verdict.ACCEPTED;
        } else {
            verdict = Verdict.LOW_DIFFICULTY;
        }
        if (verdict == Verdict.ACCEPTED && !job.target().isMetBy(result)) {
            flags.add(ShareFlag.ABOVE_SENT_TARGET);
        }
        return new Outcome(verdict, Bytes32.of(result), flags);
    }

    public record Outcome(Verdict verdict, Bytes32 result, Set<ShareFlag> flags) {
    }
}
