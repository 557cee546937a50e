package io.btm.core.difficulty;

import io.btm.core.util.Hex;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DifficultyTest {
    @Test
    void compactBitsWithLargeExponentShiftLeft() {
        // Genesis bits: exponent 30, mantissa 72552.
        long bits = 2161727821137910632L;
        assertThat(Difficulty.compactToBig(bits)).isEqualTo(BigInteger.valueOf(72552).shiftLeft(8 * 27));
    }

    @Test
    void compactBitsWithExponentUpToThreeShiftRight() {
        assertThat(Difficulty.compactToBig(3L << 56 | 0x123456)).isEqualTo(BigInteger.valueOf(0x123456));
        assertThat(Difficulty.compactToBig(2L << 56 | 0x123456)).isEqualTo(BigInteger.valueOf(0x1234));
        assertThat(Difficulty.compactToBig(1L << 56 | 0x123456)).isEqualTo(BigInteger.valueOf(0x12));
        assertThat(Difficulty.compactToBig(0x123456)).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void compactBitsIgnoreTheSignBitAndAllowZero() {
        long withSign = 4L << 56 | 1L << 55 | 0x01;
        assertThat(Difficulty.compactToBig(withSign)).isEqualTo(BigInteger.valueOf(0x100));
        assertThat(Difficulty.compactToBig(0)).isEqualTo(BigInteger.ZERO);
        assertThat(Difficulty.compactToBig(32L << 56)).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void hashIsReadLittleEndian() {
        byte[] result = new byte[32];
        result[0] = 1;
        assertThat(Difficulty.hashToBig(result)).isEqualTo(BigInteger.ONE);
        result[31] = 1;
        assertThat(Difficulty.hashToBig(result)).isEqualTo(BigInteger.ONE.shiftLeft(248).add(BigInteger.ONE));
    }

    @Test
    void blockCheckIsInclusive() {
        byte[] result = new byte[32];
        result[0] = 0x10;
        assertThat(Difficulty.meetsBits(result, 3L << 56 | 0x10)).isTrue();
        assertThat(Difficulty.meetsBits(result, 3L << 56 | 0x0f)).isFalse();
    }

    @Test
    void targetsFromPoolExamples() {
        assertThat(ShareTarget.fromDifficulty(BigInteger.valueOf(1024), Diff1.MAX_UINT256).hex()).isEqualTo("ffff3f00");
        assertThat(ShareTarget.fromDifficulty(BigInteger.valueOf(100001), Diff1.MAX_UINT256).hex()).isEqualTo("c5a70000");
        assertThat(ShareTarget.fromDifficulty(BigInteger.valueOf(1024), Diff1.POW2_256).hex()).isEqualTo("00004000");
        assertThat(ShareTarget.fromDifficulty(BigInteger.ONE, Diff1.POW2_256).hex()).isEqualTo("ffffffff");
        assertThat(ShareTarget.parseHex("ffff3f00").difficulty(Diff1.MAX_UINT256)).isCloseTo(1024.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void targetsOfOneToEightBytesAreTheMostSignificantBytes() {
        for (int length = 1; length <= 8; length++) {
            byte[] le = new byte[length];
            for (int i = 0; i < length; i++) {
                le[i] = (byte) (i + 1);
            }
            BigInteger top = new BigInteger(1, io.btm.core.util.Bytes.reversed(le));
            assertThat(ShareTarget.parseHex(Hex.encode(le)).value())
                    .as("%d bytes", length).isEqualTo(top.shiftLeft(8 * (32 - length)));
        }
    }

    @Test
    void shareCheckComparesTheResultWithTheTarget() {
        ShareTarget target = ShareTarget.parseHex("ffff3f00"); // top 32 bits 0x003fffff
        byte[] result = new byte[32];
        result[31] = 0x00;
        result[30] = 0x3f;
        assertThat(target.isMetBy(result)).isTrue();
        result[30] = 0x40;
        assertThat(target.isMetBy(result)).isFalse();
    }

    @Test
    void badTargetsAreNamed() {
        assertThatThrownBy(() -> ShareTarget.parseHex("")).hasMessageContaining("target: expected 1 to 32 bytes");
        assertThatThrownBy(() -> ShareTarget.parseHex("abc")).hasMessageStartingWith("target: odd number");
        assertThatThrownBy(() -> ShareTarget.parseHex("zz")).hasMessageStartingWith("target: not hex");
        assertThatThrownBy(() -> ShareTarget.fromDifficulty(BigInteger.ZERO, Diff1.POW2_256)).hasMessageContaining("positive");
    }

    @Test
    void aFullTargetKeepsEveryByte() {
        BigInteger networkTarget = Difficulty.compactToBig(2161727821137910632L);
        ShareTarget target = ShareTarget.of(networkTarget);
        assertThat(target.value()).isEqualTo(networkTarget);
        assertThat(target.hex()).hasSize(64);
        assertThat(ShareTarget.parseHex(target.hex())).isEqualTo(target);
        assertThat(ShareTarget.of(BigInteger.ONE.shiftLeft(300)).value()).isEqualTo(Diff1.MAX_UINT256.value());
    }

    @Test
    void theCompactFormKeepsThreeSignificantBytes() {
        // The node's BigToCompact: exponent = byte length, mantissa = the top three bytes.
        BigInteger target = new BigInteger("0fffa71cd5", 16).shiftLeft(200);
        long compact = Difficulty.bigToCompact(target);
        assertThat(compact >>> 56).isEqualTo((target.bitLength() + 7) / 8);
        assertThat(Difficulty.compactRounded(target)).isEqualTo(new BigInteger("0fffa7", 16).shiftLeft(216));
        assertThat(Difficulty.compactRounded(BigInteger.valueOf(0x1234))).isEqualTo(BigInteger.valueOf(0x1234));
        assertThat(Difficulty.bigToCompact(BigInteger.ZERO)).isZero();
    }

    @Test
    void btcComSendsTheCompactTargetTrimmedSoItsLengthVaries() {
        // docs/real-pools.md row 14, from btcpool src/bytom/StratumSessionBytom.cc:105-119, bh_shared.go:96,105-122
        assertThat(ShareTarget.compactTrimmed(Diff1.MAX_UINT256.value().divide(BigInteger.valueOf(1024))).hex()).isEqualTo("ffff3f00");
        assertThat(ShareTarget.compactTrimmed(Diff1.MAX_UINT256.value().divide(BigInteger.valueOf(100_001))).hex()).isEqualTo("3ec5a70000");
        assertThat(ShareTarget.compactTrimmed(Diff1.MAX_UINT256.value().divide(BigInteger.valueOf(1_050_000))).hex()).isEqualTo("71fa0f0000");
    }
}
