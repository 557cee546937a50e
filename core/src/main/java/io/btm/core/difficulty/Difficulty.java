package io.btm.core.difficulty;

import io.btm.core.util.Bytes;

import java.math.BigInteger;

/** The node's proof-of-work arithmetic (docs/tensority.md §4). */
public final class Difficulty {
    private static final long MANTISSA_MASK = 0x007fffffffffffffL;

    private Difficulty() {
    }

    /** The Tensority result read as a little-endian 256-bit integer. */
    public static BigInteger hashToBig(byte[] result) {
        return new BigInteger(1, Bytes.reversed(result));
    }

    /** The network target from compact bits: 55-bit mantissa, 8-bit byte exponent, sign bit ignored. */
    public static BigInteger compactToBig(long bits) {
        BigInteger mantissa = BigInteger.valueOf(bits & MANTISSA_MASK);
        int exponent = (int) (bits >>> 56);
        return exponent <= 3 ? mantissa.shiftRight(8 * (3 - exponent)) : mantissa.shiftLeft(8 * (exponent - 3));
    }

    /**
     * The compact form of a target: its three most significant bytes and its length in bytes, the
     * rest cut to zero (the node's {@code BigToCompact}; pools judge shares by such rounded targets).
     */
    public static long bigToCompact(BigInteger target) {
        if (target.signum() < 0) {
            throw new IllegalArgumentException("target: must not be negative, got " + target);
        }
        if (target.signum() == 0) {
            return 0;
        }
        int exponent = (target.bitLength() + 7) / 8;
        long mantissa = exponent <= 3 ? target.longValue() << 8 * (3 - exponent) : target.shiftRight(8 * (exponent - 3)).longValue();
        return (long) exponent << 56 | mantissa;
    }

    /** A target rounded down to what its compact form keeps: {@code CompactToBig(BigToCompact(target))}. */
    public static BigInteger compactRounded(BigInteger target) {
        return compactToBig(bigToCompact(target));
    }

    /** Whether a result is a valid block under the given bits: {@code HashToBig(result) <= CompactToBig(bits)}. */
    public static boolean meetsBits(byte[] result, long bits) {
        return hashToBig(result).compareTo(compactToBig(bits)) <= 0;
    }
}
