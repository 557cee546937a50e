package io.btm.pool.model;

import io.btm.core.difficulty.ShareTarget;

import java.time.Duration;
import java.util.Map;

/**
 * The pool's counts at one moment. Immutable snapshot.
 *
 * @param accepted accepted shares, blocks included
 * @param rejected submits not accepted, by verdict (every non-accepting verdict present)
 * @param job      the current job
 * @param target   the pool-wide share target
 */
public record PoolStats(int sessions, long accepted, long blocks, Map<Verdict, Long> rejected, PoolJob job,
                        ShareTarget target, Dialect dialect, Duration uptime) {

    public PoolStats {
        rejected = Map.copyOf(rejected);
    }

    /** Every rejection, whatever the verdict. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
