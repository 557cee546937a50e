package io.btm.pool.internal.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Workers banned until a time, as btmcpool keeps them ({@code stratum/connctl.go:67-115}): by full
 * worker name, pool-wide, each for the ban period from when it earned it. Thread-safe. Entries go
 * once they expire, so the list holds only live bans.
 */
final class BanList {
    /** Submits a session makes before its share of bad ones is judged ({@code connctl.go:105}). */
    static final int MINIMUM_SUBMITS = 100;

    private final Duration period;
    private final LongSupplier clockMillis;
    private final Map<String, Long> bannedUntil = new ConcurrentHashMap<>();

    BanList(Duration period, LongSupplier clockMillis) {
        this.period = period;
        this.clockMillis = clockMillis;
    }

    boolean enabled() {
        return !period.isZero() && !period.isNegative();
    }

    boolean isBanned(String worker) {
        Long until = bannedUntil.get(worker);
        if (until == null) {
            return false;
        }
        if (until > clockMillis.getAsLong()) {
            return true;
        }
        bannedUntil.remove(worker, until);
        return false;
    }

    Duration period() {
        return period;
    }

    /** Bans for the dialect's period, as its pool does when a worker earns it. */
    void ban(String worker) {
        ban(worker, period);
    }

    /** Bans for a given time, dialect or not: a test driving the pool. */
    void ban(String worker, Duration forHowLong) {
        long now = clockMillis.getAsLong();
        bannedUntil.values().removeIf(until -> until <= now);
        bannedUntil.put(worker, now + forHowLong.toMillis());
    }
}
