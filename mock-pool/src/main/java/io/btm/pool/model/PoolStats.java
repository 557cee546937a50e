package io.btm.pool.model;

import io.btm.core.difficulty.ShareTarget;

import java.time.Duration;
import java.util.Map;

/**
 * The pool's counts at one moment. Immutable snapshot.
 *
 * @param accepted accepted shares, blocks included
 * @param rejected submits not accepted, by verdict (every non-accepting verdict present)
 * @param flagged  shares by what the pool noticed beyond the verdict (every flag present)
 * @param events   protocol events by kind (every kind present)
 * @param shareLogFailures records the share log could not write (a full disk, a log that fell behind); 0 without a log
 * @param job      the current job
 * @param target   the pool-wide share target
 */
public record PoolStats(int sessions, long accepted, long blocks, Map<Verdict, Long> rejected, Map<ShareFlag, Long> flagged,
                        Map<ProtocolEvent.Kind, Long> events, long shareLogFailures, PoolJob job, ShareTarget target,
                        Dialect dialect, Duration uptime) {

    public PoolStats {
        rejected = Map.copyOf(rejected);
        flagged = Map.copyOf(flagged);
        events = Map.copyOf(events);
    }

    /** Every rejection, whatever the verdict. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
