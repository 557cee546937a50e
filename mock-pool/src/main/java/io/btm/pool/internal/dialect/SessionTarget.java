package io.btm.pool.internal.dialect;

import io.btm.core.difficulty.ShareTarget;

import java.math.BigInteger;

/**
 * A session's share target as the pool sends it, and the bound it really judges shares by: they
 * differ where a pool rounds (btmcpool judges by a compact form of its target, a little easier
 * than the 4 bytes it sends). Immutable.
 */
public record SessionTarget(ShareTarget sent, BigInteger judged) {

    /** A target judged exactly as sent, e.g. one given as hex. */
    public static SessionTarget exactly(ShareTarget target) {
        return new SessionTarget(target, target.value());
    }
}
