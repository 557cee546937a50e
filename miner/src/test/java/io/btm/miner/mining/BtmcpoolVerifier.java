package io.btm.miner.mining;

import java.math.BigInteger;

/**
 * A stand-in for btmcpool's share verdicts (BytomDAO/btmcpool c357501, {@code stratum/btmc}),
 * written for the tests from its source step by step and kept apart from the miner's own
 * arithmetic, so that the two can disagree: the target it sends ({@code util/util.go:27-34}),
 * its network difficulty ({@code handler.go:134-135}, {@code util/util.go:9}) and its block and
 * share checks ({@code verifier.go:47-58}), each through bytomd's {@code BigToCompact} and
 * {@code CompactToBig} ({@code consensus/difficulty/difficulty.go:59-117}).
 */
final class BtmcpoolVerifier {
    enum Verdict { BLOCK, ACCEPTED, LOW_DIFFICULTY }

    private static final BigInteger TWO_256 = BigInteger.TWO.pow(256);
    /** {@code util.go:9}: the string btmcpool parses, as it parses it. */
    private static final BigInteger DIVIDEND = new BigInteger("1" + "F".repeat(64), 16);

    private BtmcpoolVerifier() {
    }

    /** {@code GetTargetHex}: the first 4 of the 32 big-endian bytes of 2^256 / d, reversed, as hex. */
    static String targetHex(long difficulty) {
        byte[] padded = new byte[32];
        byte[] quotient = TWO_256.divide(BigInteger.valueOf(difficulty)).toByteArray();
        int skip = quotient.length > 32 ? 1 : 0; // BigInteger's sign byte
        System.arraycopy(quotient, skip, padded, 32 - (quotient.length - skip), quotient.length - skip);
        return String.format("%02x%02x%02x%02x", padded[3], padded[2], padded[1], padded[0]);
    }

    /** {@code Verify}: the block check first, against 2^256 / netDiff; then the share check, against 2^256 / d. */
    static Verdict verdict(BigInteger result, long bits, long difficulty) {
        BigInteger netDiff = DIVIDEND.divide(compactToBig(bits));
        if (result.compareTo(compactToBig(bigToCompact(TWO_256.divide(netDiff)))) <= 0) {
            return Verdict.BLOCK;
        }
        BigInteger shareTarget = compactToBig(bigToCompact(TWO_256.divide(BigInteger.valueOf(difficulty))));
        return result.compareTo(shareTarget) > 0 ? Verdict.LOW_DIFFICULTY : Verdict.ACCEPTED;
    }

    /** {@code BigToCompact} for positive n: the byte length as exponent, the 3 leading bytes as mantissa. */
    private static long bigToCompact(BigInteger n) {
        int exponent = (n.bitLength() + 7) / 8;
        long mantissa = exponent <= 3 ? n.longValueExact() << 8 * (3 - exponent) : n.shiftRight(8 * (exponent - 3)).longValueExact();
        return (long) exponent << 56 | mantissa; // a 3-byte mantissa never reaches the sign bit, so no shift back
    }

    /** {@code CompactToBig} without the sign, which no bits here carry. */
    private static BigInteger compactToBig(long compact) {
        long mantissa = compact & 0x007fffffffffffffL;
        int exponent = (int) (compact >>> 56);
        return exponent <= 3 ? BigInteger.valueOf(mantissa >> 8 * (3 - exponent)) : BigInteger.valueOf(mantissa).shiftLeft(8 * (exponent - 3));
    }
}
