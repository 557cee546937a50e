package io.btm.miner.net;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Pauses between reconnects: the first pause doubles with each failed attempt up to a maximum,
 * each one jittered by ±20% so that a farm of miners does not reconnect in lockstep. Pure: the
 * jitter comes from the supplier given. Not thread-safe; the pool client uses it on its loop.
 */
final class Backoff {
    /** Doublings beyond this would overflow long before any sensible maximum is reached. */
    private static final int MAX_DOUBLINGS = 20;

    private final Duration first;
    private final Duration max;
    private final DoubleSupplier unitRandom;
    private int attempts;

    /** @param unitRandom numbers in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} */
    Backoff(Duration first, Duration max, DoubleSupplier unitRandom) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff: need 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.unitRandom = unitRandom;
    }

    /** The pause before the next attempt; each call counts one attempt. */
    Duration next() {
        long base = first.toMillis() << Math.min(attempts, MAX_DOUBLINGS);
        attempts++;
        long capped = Math.min(base, max.toMillis());
        double jitter = 0.8 + 0.4 * unitRandom.getAsDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }

    /** Attempts since the last reset. */
    int attempts() {
        return attempts;
    }

    /** Back to the first pause, e.g. once a connection has proved itself. */
    void reset() {
        attempts = 0;
    }
}
