package io.btm.core.difficulty;

import java.math.BigInteger;

/**
 * The bounds BytomDAO's btmcpool (c357501, {@code stratum/btmc}) holds a Tensority result to.
 * Both go through the node's compact form, three significant bytes, and its network difficulty is
 * taken against 2^257 − 1, so its block check is about half the network target: a result between
 * the two meets the bits yet is refused as a low-difficulty share unless it meets the share
 * target. The miner needs this to send only what btmcpool credits, the mock pool to judge as it does.
 */
public final class BtmcpoolTargets {
    /** {@code btmc/util/util.go:9}: {@code "0x1FFF…F"}, a 1 and 64 f, i.e. 2^257 − 1, where 2^256 was meant. */
    private static final BigInteger NETWORK_DIVIDEND = BigInteger.ONE.shiftLeft(257).subtract(BigInteger.ONE);

    private BtmcpoolTargets() {
    }

    /**
     * {@code btmc/handler.go:134-135}: {@code (2^257 − 1) / CompactToBig(bits)}, rounded down; the
     * {@code net_diff} of btmcpool's log lines (40 on a solonet). At least 1: at bits of 0 or
     * beyond 2^257, where btmcpool would divide by zero, every result is taken as a block.
     */
    public static BigInteger networkDifficulty(long bits) {
        return NETWORK_DIVIDEND.divide(Difficulty.compactToBig(bits).max(BigInteger.ONE)).max(BigInteger.ONE);
    }

    /** {@code btmc/verifier.go:47-52}: a result at most {@code CompactToBig(BigToCompact(2^256 / networkDifficulty))} is a block. */
    public static BigInteger blockBound(long bits) {
        return Difficulty.compactRounded(Diff1.POW2_256.value().divide(networkDifficulty(bits)));
    }

    /** {@code btmc/verifier.go:54-57}: a result at most {@code CompactToBig(BigToCompact(2^256 / d))} is a share of difficulty d. */
    public static BigInteger shareBound(BigInteger difficulty) {
        if (difficulty.signum() <= 0) {
            throw new IllegalArgumentException("difficulty: must be positive, got " + difficulty);
        }
        return Difficulty.compactRounded(Diff1.POW2_256.value().divide(difficulty));
    }
}
