package io.btm.pool.internal.dialect;

import io.btm.core.difficulty.Diff1;
import io.btm.core.difficulty.Difficulty;
import io.btm.pool.model.Dialect;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The real pools' numbers, as the dialects hold them (docs/real-pools.md). */
class DialectRulesTest {

    @Test
    void timeoutsBansAndLineLimitsAreThePools() {
        DialectRules btmcpool = DialectRules.of(Dialect.BTMCPOOL);
        assertThat(btmcpool.idleTimeout()).isEqualTo(Duration.ofMinutes(5)); // cmd/main.go:75, prod.yml
        assertThat(btmcpool.jobsKeepSessionsAlive()).isTrue(); // tcpsession.go:394-402
        assertThat(btmcpool.banPeriod()).isEqualTo(Duration.ofMinutes(20)); // conf/prod.yml:7
        assertThat(btmcpool.maxLineBytes()).isEqualTo(10 * 1024); // tcpsession.go:19
        assertThat(btmcpool.jobsKept()).isEqualTo(8); // tcpsession.go:128

        DialectRules btcpool = DialectRules.of(Dialect.BTCPOOL);
        assertThat(btcpool.loginTimeout()).isEqualTo(Duration.ofSeconds(15)); // StratumSession.cc:41
        assertThat(btcpool.idleTimeout()).isEqualTo(Duration.ofMinutes(10)); // checkUserAndPwd
        assertThat(btcpool.jobsKeepSessionsAlive()).isFalse();
        assertThat(btcpool.banPeriod()).isZero(); // StratumMinerBytom.cc:276-286
    }

    @Test
    void btmcpoolJudgesByTheCompactFormOfTheTargetItSends() {
        // btmc/util/util.go:27-34 sends 4 bytes of 2^256/d; btmc/verifier.go:54-57 judges CompactToBig(BigToCompact(2^256/d)).
        SessionTarget target = DialectRules.of(Dialect.BTMCPOOL).target(BigInteger.valueOf(1_050_000));
        BigInteger exact = Diff1.POW2_256.value().divide(BigInteger.valueOf(1_050_000));
        assertThat(target.sent().hex()).isEqualTo("fa0f0000");
        assertThat(target.judged()).isEqualTo(Difficulty.compactRounded(exact)).isGreaterThan(target.sent().value());
        assertThat(DialectRules.of(Dialect.BTMCPOOL).target(BigInteger.TWO).sent().hex()).isEqualTo("00000080");
        // Below difficulty 256 the 4 bytes sent hold one significant byte more than the judge keeps.
        SessionTarget three = DialectRules.of(Dialect.BTMCPOOL).target(BigInteger.valueOf(3));
        assertThat(three.sent().hex()).isEqualTo("55555555");
        assertThat(three.judged()).isEqualTo(BigInteger.valueOf(0x555555).shiftLeft(232)).isLessThan(three.sent().value());
    }

    @Test
    void onlyBtmcpoolsBlockCheckIsNotTheNetworkTarget() {
        long solonetBits = 2305843009214532812L; // bytomd's solonet genesis bits; btmcpool's net_diff 40
        BigInteger network = Difficulty.compactToBig(solonetBits);
        assertThat(DialectRules.of(Dialect.BTMCPOOL).blockBound(solonetBits)).isEqualTo(network.shiftRight(1));
        assertThat(DialectRules.of(Dialect.RESULT_TRUE).blockBound(solonetBits)).isEqualTo(network.shiftRight(1));
        assertThat(DialectRules.of(Dialect.BTCPOOL).blockBound(solonetBits)).isEqualTo(network);
        assertThat(DialectRules.of(Dialect.ANTPOOL).blockBound(solonetBits)).isEqualTo(network);
    }

    @Test
    void sessionNoncesAreThePoolsLayouts() {
        assertThat(DialectRules.of(Dialect.BTMCPOOL).jobNonce(3, 32768)).isEqualTo(3L << 45); // btmc/session.go:37-56
        assertThat(DialectRules.of(Dialect.BTMCPOOL).rangeBits(32768)).isEqualTo(45);
        assertThat(DialectRules.of(Dialect.BTCPOOL).jobNonce(3, 32768)).isEqualTo(Long.reverseBytes(3L << 32)); // Bin2HexR
        assertThat(DialectRules.of(Dialect.ANTPOOL).jobNonce(3, 32768)).isEqualTo(3L << 32);
    }

    @Test
    void btcComJobIdsAreAPerSessionByteThatWraps() {
        DialectRules btcpool = DialectRules.of(Dialect.BTCPOOL);
        assertThat(btcpool.wireJobId(null, 1)).isEqualTo("1");
        assertThat(btcpool.wireJobId(null, 255)).isEqualTo("255");
        assertThat(btcpool.wireJobId(null, 256)).isEqualTo("0");
        assertThat(BtcpoolRules.leadingDecimal("257")).isEqualTo(257);
    }
}
