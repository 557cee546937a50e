package io.btm.miner.api;

import io.btm.core.http.PrometheusText;
import io.btm.miner.share.RejectReason;
import io.btm.miner.stats.MinerStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;


/**
 * The miner's Prometheus metrics, {@code btm_miner_*}, served as text on the status API's
 * {@code /metrics}. Every value is read from {@link MinerStats} when scraped: the mining loops
 * count nothing twice, and a scrape costs them nothing.
 */
public final class MinerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    public MinerMetrics(MinerStats stats) {
        // By index only: a device's name can change while it runs (the reference's "warming up"), and a label must not.
        CounterWithCallback.builder().name("btm_miner_hashes_total").help("Hashes computed, by device index (as in /api/v1/status)")
                .labelNames("device").callback(cb -> {
                    for (int i = 0; i < stats.deviceNames().size(); i++) {
                        cb.call(stats.hashes(i), Integer.toString(i));
                    }
                }).register(registry);
        CounterWithCallback.builder().name("btm_miner_shares_total").help("Shares submitted, by what became of them")
                .labelNames("outcome").callback(cb -> {
                    cb.call(stats.accepted(), "accepted");
                    cb.call(stats.rejected(), "rejected");
                    cb.call(stats.stale(), "stale");
                    cb.call(stats.lost(), "lost");
                }).register(registry);
        CounterWithCallback.builder().name("btm_miner_share_rejections_total").help("Rejected shares, by the category of the pool's reason")
                .labelNames("reason").callback(cb -> {
                    for (RejectReason reason : RejectReason.values()) {
                        cb.call(stats.rejected(reason), reason.label());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("btm_miner_shares_dropped_total").help("Shares found but not sent: their job had gone")
                .callback(cb -> cb.call(stats.droppedShares())).register(registry);
        CounterWithCallback.builder().name("btm_miner_compute_errors_total").help("Results the CPU re-check found wrong")
                .callback(cb -> cb.call(stats.computeErrors())).register(registry);
        CounterWithCallback.builder().name("btm_miner_blocks_total").help("Shares that met the network's target")
                .callback(cb -> cb.call(stats.blocks())).register(registry);
        GaugeWithCallback.builder().name("btm_miner_pool_connected").help("1 while connected to a pool, else 0")
                .callback(cb -> cb.call(stats.poolConnected() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("btm_miner_pool_latency_seconds").help("Round trip of the newest answered submit")
                .callback(cb -> {
                    long millis = stats.poolLatencyMillis();
                    if (millis >= 0) { // nothing to say before the first answer
                        cb.call(millis / 1000.0);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("btm_miner_share_difficulty").help("Difficulty of the current job's share target (2^256/target)")
                .callback(cb -> {
                    double difficulty = stats.difficulty();
                    if (difficulty > 0 && Double.isFinite(difficulty)) {
                        cb.call(difficulty);
                    }
                }).register(registry);
        String version = MinerMetrics.class.getPackage().getImplementationVersion();
        Info.builder().name("btm_miner_build_info").help("The miner's version and the Java it runs on")
                .labelNames("version", "java").register(registry)
                .setLabelValues(version == null ? "dev" : version, Runtime.version().toString());
    }

    /** Every metric in the Prometheus text format. */
    public byte[] text() {
        return PrometheusText.of(registry);
    }
}
