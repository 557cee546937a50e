package io.btm.core.difficulty;

import io.btm.core.util.Bytes;
import io.btm.core.util.Hex;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;

/**
 * A pool's share target: a 256-bit bound on {@link Difficulty#hashToBig}, of which pools send the
 * most significant bytes as little-endian hex (usually 4 bytes). Immutable.
 *
 * @param value the full 256-bit target
 * @param hex   the little-endian hex it was parsed from or is sent as
 */
public record ShareTarget(BigInteger value, String hex) {
    private static final int WIRE_BYTES = 4;

    /** Parses pool hex of 1 to 32 bytes: reversed, they are the target's most significant bytes. */
    public static ShareTarget parseHex(String hex) {
        byte[] bytes = Hex.decode("target", hex);
        if (bytes.length == 0 || bytes.length > 32) {
            throw new IllegalArgumentException("target: expected 1 to 32 bytes of hex, got " + bytes.length);
        }
        BigInteger top = new BigInteger(1, Bytes.reversed(bytes));
        return new ShareTarget(top.shiftLeft(8 * (32 - bytes.length)), hex.toLowerCase());
    }

    /** The 4-byte target pools send for share difficulty d: the top 4 bytes of DIFF1 / d. */
    public static ShareTarget fromDifficulty(BigInteger difficulty, Diff1 diff1) {
        if (difficulty.signum() <= 0) {
            throw new IllegalArgumentException("difficulty: must be positive, got " + difficulty);
        }
        return ofTopBytes(diff1.value().divide(difficulty));
    }

    /** A target as pools send it: its 4 most significant bytes (the rest cut to zero), at most 2^256 - 1. */
    public static ShareTarget ofTopBytes(BigInteger target) {
        return parseHex(topBytesHex(target.min(Diff1.MAX_UINT256.value()), WIRE_BYTES));
    }

    /**
     * btc.com's form of a target: rounded to the node's compact form (three significant bytes),
     * written as its big-endian bytes without the trailing zero ones, reversed; so the length
     * varies, {@code 3ec5a70000} for difficulty 100001 (btcpool {@code src/bytom/StratumSessionBytom.cc},
     * {@code sendMiningNotify}; {@code bh_shared.go}, {@code CalculateTargetBinaryByDifficulty}).
     */
    public static ShareTarget compactTrimmed(BigInteger target) {
        BigInteger rounded = Difficulty.compactRounded(target.min(Diff1.MAX_UINT256.value()));
        byte[] bigEndian = new byte[32];
        byte[] raw = rounded.toByteArray();
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, bigEndian, 32 - copy, copy);
        int end = 31;
        while (end > 0 && bigEndian[end] == 0) {
            end--;
        }
        return parseHex(Hex.encode(Bytes.reversed(Arrays.copyOf(bigEndian, end + 1))));
    }

    /** A full 256-bit target, sent as all 32 bytes; e.g. the network target when solo mining. */
    public static ShareTarget of(BigInteger target) {
        if (target.signum() < 0) {
            throw new IllegalArgumentException("target: must not be negative, got " + target);
        }
        return parseHex(topBytesHex(target.min(Diff1.MAX_UINT256.value()), 32));
    }

    /** Whether a Tensority result is a share under this target. */
    public boolean isMetBy(byte[] result) {
        return Difficulty.hashToBig(result).compareTo(value) <= 0;
    }

    /** Share difficulty in the given convention; a target of zero is infinitely hard. */
    public double difficulty(Diff1 diff1) {
        if (value.signum() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(diff1.value()).divide(new BigDecimal(value), MathContext.DECIMAL64).doubleValue();
    }

    /** Share difficulty as the miner displays it, in btmcpool's convention (DIFF1 = 2^256). */
    public double displayDifficulty() {
        return difficulty(Diff1.POW2_256);
    }

    private static String topBytesHex(BigInteger target, int length) {
        BigInteger top = target.shiftRight(8 * (32 - length));
        byte[] bigEndian = new byte[length];
        byte[] raw = top.toByteArray();
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bigEndian, length - copy, copy);
        return Hex.encode(Bytes.reversed(bigEndian));
    }

    @Override
    public String toString() {
        return hex;
    }
}
