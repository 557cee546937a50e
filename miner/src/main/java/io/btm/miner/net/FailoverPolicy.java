package io.btm.miner.net;

/**
 * Which pool to use, in the manner of xmrig's {@code FailoverStrategy}: pools in the order given;
 * after {@code retries} failed connections in a row to one, the next; from a backup, the first
 * pool is probed again every failback interval and used as soon as it gives a job. Pure: events
 * in, decisions out, time passed in as milliseconds. Not thread-safe; the pool client uses it on
 * its loop.
 */
final class FailoverPolicy {
    private final int pools;
    private final int retries;
    private final long failbackMillis;
    private int current;
    private int failures;
    private long lastProbeMillis;

    FailoverPolicy(int pools, int retries, long failbackMillis) {
        if (pools < 1 || retries < 1) {
            throw new IllegalArgumentException("failover: need at least one pool and one retry, got " + pools + " and " + retries);
        }
        this.pools = pools;
        this.retries = retries;
        this.failbackMillis = failbackMillis;
    }

    /** The pool to connect to next, as an index into the pools given. */
    int pool() {
        return current;
    }

    /**
     * A connection to {@link #pool()} failed before its first job. Returns true when that was the
     * last retry and the next attempt goes to the next pool.
     */
    boolean connectFailed() {
        failures++;
        if (failures < retries || pools == 1) {
            return false;
        }
        current = (current + 1) % pools;
        failures = 0;
        return true;
    }

    /** A connection to {@code pool} gave its first job: it is the active pool from now on. */
    void connected(int pool, long nowMillis) {
        current = pool;
        failures = 0;
        lastProbeMillis = nowMillis;
    }

    /** On a backup pool, whether the first pool is due to be tried again; counts as a try when true. */
    boolean probeFirstPool(long nowMillis) {
        if (current == 0 || nowMillis - lastProbeMillis < failbackMillis) {
            return false;
        }
        lastProbeMillis = nowMillis;
        return true;
    }
}
