package io.btm.miner.stats;

import java.util.Arrays;

/**
 * Hashes per second over the last 10 s, 60 s and 15 min, from per-second counts in a ring.
 * A window longer than the meter's life is averaged over that life, so the first minutes read
 * right. Thread-safe: a device adds after each batch while the API and the log read.
 */
public final class HashrateMeter {
    public static final int[] WINDOWS_SECONDS = {10, 60, 900};
    private static final int SLOTS = 900;

    private final long startMillis;
    // Guarded by this: slot i counts the hashes of second seconds[i].
    private final long[] hashes = new long[SLOTS];
    private final long[] seconds = new long[SLOTS];
    private long total;

    public HashrateMeter(long startMillis) {
        this.startMillis = startMillis;
        Arrays.fill(seconds, -1);
    }

    public synchronized void add(long nowMillis, long count) {
        long second = (nowMillis - startMillis) / 1000;
        int slot = (int) (second % SLOTS);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            hashes[slot] = 0;
        }
        hashes[slot] += count;
        total += count;
    }

    /** Hashes per second over the last {@code windowSeconds} full seconds before now. */
    public synchronized double rate(long nowMillis, int windowSeconds) {
        long now = (nowMillis - startMillis) / 1000;
        long span = Math.min(windowSeconds, now);
        if (span <= 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (seconds[i] >= now - span && seconds[i] < now) {
                sum += hashes[i];
            }
        }
        return (double) sum / span;
    }

    public synchronized long total() {
        return total;
    }
}
