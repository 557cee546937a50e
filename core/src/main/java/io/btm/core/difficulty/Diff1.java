package io.btm.core.difficulty;

import java.math.BigInteger;

/** The two conventions pools use for the target of share difficulty 1 (docs/stratum-btm.md). */
public enum Diff1 {
    /** 2^256 − 1: antpool, btc.com; {@code ffff3f00} is difficulty 1024. */
    MAX_UINT256(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)),
    /** 2^256: btmcpool. */
    POW2_256(BigInteger.ONE.shiftLeft(256));

    private final BigInteger value;

    Diff1(BigInteger value) {
        this.value = value;
    }

    public BigInteger value() {
        return value;
    }
}
