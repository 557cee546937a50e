package io.btm.core.difficulty;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BtmcpoolTargetsTest {
    /** bytomd v1.1.1's solonet genesis bits ({@code config/genesis.go:119}): target 0xccccc · 2^232. */
    private static final long SOLONET_BITS = 2305843009214532812L;

    @Test
    void onASolonetTheBlockCheckIsHalfTheNetworkTarget() {
        BigInteger network = Difficulty.compactToBig(SOLONET_BITS);
        assertThat(network).isEqualTo(BigInteger.valueOf(0xccccc).shiftLeft(232));
        assertThat(BtmcpoolTargets.networkDifficulty(SOLONET_BITS)).isEqualTo(BigInteger.valueOf(40)); // net_diff=40 in its log
        assertThat(BtmcpoolTargets.blockBound(SOLONET_BITS)).isEqualTo(network.shiftRight(1));
    }

    @Test
    void theRoundedDownNetworkDifficultyMakesTheBlockCheckALittleEasierThanHalf() {
        long bits = 32L << 56 | 1L << 19; // target 2^251: (2^257 − 1) / 2^251 is 63, not 64
        assertThat(BtmcpoolTargets.networkDifficulty(bits)).isEqualTo(BigInteger.valueOf(63));
        assertThat(BtmcpoolTargets.blockBound(bits)).isEqualTo(BigInteger.valueOf(0x041041).shiftLeft(8 * 29))
                .isGreaterThan(BigInteger.ONE.shiftLeft(250));
    }

    @Test
    void theShareCheckKeepsThreeSignificantBytesOfTheTarget() {
        assertThat(BtmcpoolTargets.shareBound(BigInteger.valueOf(512))).isEqualTo(BigInteger.ONE.shiftLeft(247));
        // d = 3: btmcpool sends 55555555 (the top 4 bytes), but judges by 555555 and zeros, a little harder.
        BigInteger sent = ShareTarget.fromDifficulty(BigInteger.valueOf(3), Diff1.POW2_256).value();
        assertThat(sent).isEqualTo(BigInteger.valueOf(0x55555555L).shiftLeft(224));
        assertThat(BtmcpoolTargets.shareBound(BigInteger.valueOf(3))).isEqualTo(BigInteger.valueOf(0x555555).shiftLeft(232))
                .isLessThan(sent);
    }

    @Test
    void bitsBtmcpoolWouldDivideByZeroOnMakeEveryResultABlock() {
        long beyond2To257 = 34L << 56 | 0x007fffffffffffffL;
        assertThat(BtmcpoolTargets.networkDifficulty(beyond2To257)).isEqualTo(BigInteger.ONE);
        assertThat(BtmcpoolTargets.blockBound(beyond2To257)).isEqualTo(BigInteger.ONE.shiftLeft(256));
        assertThat(BtmcpoolTargets.blockBound(0)).isZero();
    }
}
