package io.btm.pool.internal.engine;

import io.btm.core.difficulty.ShareTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VarDiffTest {
    private static final ShareTarget T = ShareTarget.parseHex("0000ff7f"); // top 32 bits 0x7fff0000

    @Test
    void theTargetScalesBySharesWantedOverSharesCounted() {
        // 60 a minute wanted over 30 s is 30 shares; 60 counted: twice too many, half the target.
        assertThat(VarDiff.retarget(T, 60, 30, 60).value()).isEqualTo(T.value().shiftRight(1));
        assertThat(VarDiff.retarget(T, 15, 30, 60).value()).isEqualTo(T.value().shiftLeft(1));
        assertThat(VarDiff.retarget(T, 30, 30, 60)).isEqualTo(T);
    }

    @Test
    void stepsAreAtMostFourfoldAndStayInTheWireRange() {
        assertThat(VarDiff.retarget(T, 10_000, 30, 60).value()).isEqualTo(T.value().shiftRight(2));
        assertThat(VarDiff.retarget(ShareTarget.parseHex("00000010"), 0, 30, 60).hex()).isEqualTo("00000040");
        assertThat(VarDiff.retarget(ShareTarget.parseHex("00000080"), 0, 30, 60).hex()).isEqualTo("ffffffff");
        assertThat(VarDiff.retarget(ShareTarget.parseHex("01000000"), 1000, 30, 1).hex()).isEqualTo("01000000");
    }
}
