package io.btm.pool.internal.engine;

import io.btm.core.difficulty.ShareTarget;

import java.math.BigInteger;

/**
 * Variable difficulty: a session's target moves so that its accepted shares come at the rate the
 * pool wants. Each retarget scales the target by wanted / counted shares, at most 4× either way
 * (none counted: 4× easier), and keeps the 4-byte form pools send, never easier than
 * {@code ffffffff} nor harder than {@code 01000000}'s 2^224.
 */
final class VarDiff {
    private static final int SCALE_BITS = 20;
    private static final double MAX_STEP = 4;
    private static final BigInteger HARDEST = BigInteger.ONE.shiftLeft(224);

    private VarDiff() {
    }

    /**
     * @param shares          accepted shares counted since the last retarget
     * @param windowSeconds   the time they were counted over
     * @param sharesPerMinute the rate the pool aims at
     */
    static ShareTarget retarget(ShareTarget current, long shares, double windowSeconds, double sharesPerMinute) {
        double wanted = sharesPerMinute * windowSeconds / 60;
        double factor = shares == 0 ? MAX_STEP : Math.max(1 / MAX_STEP, Math.min(MAX_STEP, wanted / shares));
        BigInteger scaled = current.value().multiply(BigInteger.valueOf(Math.round(factor * (1 << SCALE_BITS)))).shiftRight(SCALE_BITS);
        return ShareTarget.ofTopBytes(scaled.max(HARDEST));
    }
}
