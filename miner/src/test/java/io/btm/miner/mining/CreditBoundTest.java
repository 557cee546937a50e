package io.btm.miner.mining;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CreditBoundTest {
    private static final long SOLONET_BITS = 2305843009214532812L;
    private static final long GENESIS_BITS = 2161727821137910632L;

    private static Job job(long bits, ShareTarget target) {
        return new Job("1", new BlockHeader(1, 2, Bytes32.ZERO, 0, Bytes32.ZERO, Bytes32.ZERO, bits, 0), Bytes32.ZERO, target);
    }

    @Test
    void belowDifficulty256TheFourBytesSentAreRoundedToTheThreeBtmcpoolJudgesBy() {
        BigInteger judged = BigInteger.valueOf(0x555555).shiftLeft(232); // btmcpool, d = 3: CompactToBig(BigToCompact(2^256 / 3))
        assertThat(CreditBound.of(job(GENESIS_BITS, ShareTarget.parseHex(BtmcpoolVerifier.targetHex(3))))).isEqualTo(judged);
        assertThat(CreditBound.of(job(GENESIS_BITS, ShareTarget.parseHex(BtmcpoolVerifier.targetHex(512)))))
                .isEqualTo(BigInteger.ONE.shiftLeft(247));
    }

    @Test
    void aResultThatMissesTheShareTargetIsWorthSendingOnlyUnderBtmcpoolsBlockCheck() {
        BigInteger network = Difficulty.compactToBig(SOLONET_BITS);
        assertThat(CreditBound.of(job(SOLONET_BITS, ShareTarget.parseHex("00008000")))).isEqualTo(network.shiftRight(1));
    }

    @Test
    void soloTheBoundIsTheNetworkTarget() {
        BigInteger network = Difficulty.compactToBig(SOLONET_BITS);
        assertThat(CreditBound.of(job(SOLONET_BITS, ShareTarget.of(network)))).isEqualTo(network);
        assertThat(CreditBound.of(job(GENESIS_BITS, ShareTarget.of(Difficulty.compactToBig(GENESIS_BITS)))))
                .isEqualTo(Difficulty.compactToBig(GENESIS_BITS));
    }
}
