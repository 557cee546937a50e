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

    /** Whether a result is a valid block under the given bits: {@code HashToBig(result) <= CompactToBig(bits)}. */
    public static boolean meetsBits(byte[] result, long bits) {
        return hashToBig(result).compareTo(compactToBig(bits)) <= 0;
    }
}
