package io.btm.core.tensority;

import io.btm.core.util.Hex;
import io.btm.core.util.Sha3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stages on their own: what the whole-hash vectors cannot point at. */
class TensorityStagesTest {
    private static MatrixCache cache;

    @BeforeAll
    static void buildCache() {
        cache = MatrixCache.build(new byte[32]);
    }

    @Test
    void foldKeepsTheLowByteOfTheSumOfTheTwoLowBytes() {
        assertThat(FoldedProduct.fold(0)).isEqualTo((short) 0);
        assertThat(FoldedProduct.fold(0x0102)).isEqualTo((short) 3);
        assertThat(FoldedProduct.fold(0x80ff)).isEqualTo((short) 0x7f);
        assertThat(FoldedProduct.fold(-1)).isEqualTo((short) -2); // 0xff + 0xff = 0x1fe
    }

    @Test
    void firstMatrixRowComesFromTheFirstSalsaBlock() {
        // Row 0 of matrix 0 starts with V[0] of round 0, which is the extended seed itself.
        byte[] seed = new byte[32];
        assertThat(cache.element(0, 0, 0)).isEqualTo(seed[0]);
        byte[] sha = Sha3.sha256(seed);
        assertThat(cache.element(0, 0, 32)).isEqualTo(sha[0]);
        assertThat(cache.element(0, 0, 127)).isEqualTo(Sha3.sha256(Sha3.sha256(Sha3.sha256(seed)))[31]);
    }

    @Test
    void aChainOfOneMatrixRepeatedIsDeterministicAndSeedDependent() {
        byte[] sequence = new byte[32];
        byte[] once = Tensority.chain(sequence, cache);
        assertThat(Tensority.chain(sequence, cache)).isEqualTo(once);
        sequence[5] = 1;
        assertThat(Tensority.chain(sequence, cache)).isNotEqualTo(once);
    }

    @Test
    void reduceOfZeroChainsIsTheFnvOfZeros() {
        byte[][] zeros = new byte[4][MatrixCache.MATRIX_SIZE];
        assertThat(Tensority.reduce(zeros)).isEqualTo(new byte[256]);
    }

    @Test
    void reduceSumsChainsModulo256() {
        byte[][] chains = new byte[4][MatrixCache.MATRIX_SIZE];
        Arrays.fill(chains[0], (byte) 0x80);
        Arrays.fill(chains[1], (byte) 0x80);
        assertThat(Tensority.reduce(chains)).isEqualTo(new byte[256]);
    }

    @Test
    void sequenceIsTheSha3OfEightHeaderBytes() {
        byte[] header = new byte[32];
        header[8] = 7;
        assertThat(Hex.encode(Tensority.chainSequence(header, 1)))
                .isEqualTo(Hex.encode(Sha3.sha256(new byte[]{7, 0, 0, 0, 0, 0, 0, 0})));
    }

    @Test
    void rejectsHeaderHashesOfOtherLengths() {
        assertThatThrownBy(() -> Tensority.hash(new byte[31], cache)).hasMessage("header hash: expected 32 bytes, got 31");
        assertThatThrownBy(() -> MatrixCache.build(new byte[3])).hasMessage("seed: expected 32 bytes, got 3");
    }

    @Test
    void storeBuildsEachSeedOnceAndEvictsTheOldest() {
        MatrixCacheStore store = new MatrixCacheStore(1);
        var zero = io.btm.core.util.Bytes32.ZERO;
        MatrixCache first = store.get(zero);
        assertThat(store.get(zero)).isSameAs(first);
        store.get(io.btm.core.util.Bytes32.fromHex("seed", "01".repeat(32)));
        assertThat(store.get(zero)).isNotSameAs(first);
    }
}
