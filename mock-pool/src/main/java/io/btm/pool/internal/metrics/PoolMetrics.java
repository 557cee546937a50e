package io.btm.pool.internal.metrics;

import io.btm.core.http.PrometheusText;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.Verdict;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;

/**
 * The pool's Prometheus metrics, {@code btm_pool_*}, served as text on the control port's
 * {@code /metrics}. Counts the pool already keeps (shares by verdict and flag, protocol events,
 * sessions) are read when scraped, so nothing is counted twice; what only happens in passing (a
 * fault injected, an accepted share's difficulty, a job switch, the first share of a job) is
 * observed here. One registry per pool: tests run many pools in one JVM. No worker names as
 * labels: their number is the peers' to grow.
 */
public final class PoolMetrics {
    /** Job-to-first-share latency buckets: from a fast miner on loopback to one that takes a minute. */
    private static final double[] FIRST_SHARE_BOUNDS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter faults;
    private final Counter shareDifficulty;
    private final Counter jobSwitches;
    private final Histogram firstShare;

    /** What the pool's own record counts, read at each scrape. */
    public record Counts(ToLongFunction<Verdict> shares, ToLongFunction<ShareFlag> flags, ToLongFunction<ProtocolEvent.Kind> events,
                         IntSupplier sessions) {
    }

    public PoolMetrics(Dialect dialect, Counts counts) {
        CounterWithCallback.builder().name("btm_pool_shares_total").help("Shares judged, by verdict")
                .labelNames("verdict", "dialect").callback(cb -> {
                    for (Verdict verdict : Verdict.values()) {
                        cb.call(counts.shares().applyAsLong(verdict), verdict.label(), dialect.label());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("btm_pool_share_flags_total").help("Shares flagged, by flag (a share may carry several)")
                .labelNames("flag").callback(cb -> {
                    for (ShareFlag flag : ShareFlag.values()) {
                        cb.call(counts.flags().applyAsLong(flag), flag.label());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("btm_pool_protocol_events_total").help("Protocol events other than submits, by kind")
                .labelNames("kind").callback(cb -> {
                    for (ProtocolEvent.Kind kind : ProtocolEvent.Kind.values()) {
                        cb.call(counts.events().applyAsLong(kind), kind.label());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("btm_pool_sessions").help("Open stratum sessions")
                .callback(cb -> cb.call(counts.sessions().getAsInt())).register(registry);
        faults = Counter.builder().name("btm_pool_faults_injected_total").help("Faults injected through the control API, by kind")
                .labelNames("kind").register(registry);
        shareDifficulty = Counter.builder().name("btm_pool_share_difficulty_total")
                .help("Sum of the difficulty (2^256/target: the hashes a share is worth) of accepted shares; its rate is the pool-side hashrate")
                .register(registry);
        jobSwitches = Counter.builder().name("btm_pool_job_switches_total").help("Jobs sent to every session: new blocks and reissues")
                .register(registry);
        firstShare = Histogram.builder().name("btm_pool_job_switch_seconds")
                .help("From a job sent to a session to the first share the session submits under it")
                .classicOnly().classicUpperBounds(FIRST_SHARE_BOUNDS).register(registry);
    }

    public void faultInjected(String kind) {
        faults.labelValues(kind).inc();
    }

    public void accepted(double difficulty) {
        if (Double.isFinite(difficulty)) {
            shareDifficulty.inc(difficulty);
        }
    }

    public void jobSwitched() {
        jobSwitches.inc();
    }

    public void firstShare(long nanosSinceJobSent) {
        firstShare.observe(nanosSinceJobSent / 1e9);
    }

    public long jobSwitches() {
        return (long) jobSwitches.get();
    }

    /** Faults injected so far, of every kind. */
    public long faultsInjected() {
        return (long) faults.collect().getDataPoints().stream().mapToDouble(point -> point.getValue()).sum();
    }

    /** Jobs whose first share has come in so far, and the seconds they took in all. */
    public record FirstShares(long count, double seconds) {
    }

    public FirstShares firstShares() {
        var point = firstShare.collect().getDataPoints().get(0);
        return new FirstShares(point.getCount(), point.getSum());
    }

    /** Every metric in the Prometheus text format. */
    public byte[] text() {
        return PrometheusText.of(registry);
    }
}
