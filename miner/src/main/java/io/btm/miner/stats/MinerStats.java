package io.btm.miner.stats;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.stratum.Job;
import io.btm.core.util.Text;
import io.btm.miner.share.RejectReason;
import io.btm.miner.share.ShareListener;
import io.btm.miner.share.SubmitResult;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * What the miner has done: hashrates per device, shares by outcome, the pool it is on. Written by
 * devices, the share checker and the pool client; read by the periodic log and the status API.
 * Counters are atomic, rejections kept by category (a bounded set, whatever the pool says); the pool fields are one immutable snapshot, swapped atomically because the
 * client loop and the share checker both update it.
 */
public final class MinerStats implements ShareListener {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LongSupplier clock;
    private final long startMillis;
    private final List<String> deviceNames;
    private final List<HashrateMeter> devices;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong computeErrors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();
    private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);
    /** The newest rejection in the pool's words, bounded, for an operator to read. */
    private final AtomicReference<String> lastRejection = new AtomicReference<>();
    private final AtomicReference<PoolState> pool = new AtomicReference<>(new PoolState(null, false, null, -1));

    /** The pool as last heard of. */
    private record PoolState(String url, boolean connected, Job job, long latencyMillis) {
    }

    public MinerStats(List<String> deviceNames, LongSupplier clock) {
        this.clock = clock;
        this.startMillis = clock.getAsLong();
        this.deviceNames = List.copyOf(deviceNames);
        this.devices = deviceNames.stream().map(n -> new HashrateMeter(startMillis)).toList();
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new AtomicLong());
        }
    }

    public void hashed(int device, long count) {
        devices.get(device).add(clock.getAsLong(), count);
    }

    @Override
    public void computeError() {
        computeErrors.incrementAndGet();
    }

    @Override
    public void dropped() {
        dropped.incrementAndGet();
    }

    @Override
    public void block() {
        blocks.incrementAndGet();
    }

    @Override
    public void submitted(SubmitResult result) {
        switch (result.kind()) {
            case ACCEPTED -> accepted.incrementAndGet();
            case REJECTED -> {
                rejected.get(RejectReason.of(result.reason())).incrementAndGet();
                lastRejection.set(Text.bounded(result.reason(), Text.KEPT));
            }
            case STALE -> stale.incrementAndGet();
            case LOST -> lost.incrementAndGet();
        }
        if (result.rttMillis() >= 0) {
            pool.updateAndGet(p -> new PoolState(p.url(), p.connected(), p.job(), result.rttMillis()));
        }
    }

    public void connected(String url) {
        pool.set(new PoolState(url, true, null, -1));
    }

    public void disconnected() {
        pool.updateAndGet(p -> new PoolState(p.url(), false, p.job(), p.latencyMillis()));
    }

    public void job(Job job) {
        pool.updateAndGet(p -> new PoolState(p.url(), p.connected(), job, p.latencyMillis()));
    }

    @Override
    public long accepted() {
        return accepted.get();
    }

    @Override
    public long rejected() {
        return rejected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason).get();
    }

    public long stale() {
        return stale.get();
    }

    /** Shares sent that got no answer (or could not be sent). */
    public long lost() {
        return lost.get();
    }

    public long computeErrors() {
        return computeErrors.get();
    }

    /** Shares found that were never sent: the job they were for had gone. */
    public long droppedShares() {
        return dropped.get();
    }

    public long blocks() {
        return blocks.get();
    }

    public List<String> deviceNames() {
        return deviceNames;
    }

    /** Hashes one device has computed since the start. */
    public long hashes(int device) {
        return devices.get(device).total();
    }

    /** The round trip of the newest answered submit, in milliseconds; -1 before the first. */
    public long poolLatencyMillis() {
        return pool.get().latencyMillis();
    }

    public boolean poolConnected() {
        return pool.get().connected();
    }

    public double hashrate(int windowSeconds) {
        long now = clock.getAsLong();
        return devices.stream().mapToDouble(d -> d.rate(now, windowSeconds)).sum();
    }

    /** The difficulty of the current job's target; infinite for a zero target, which no hash meets. */
    public double difficulty() {
        Job job = pool.get().job();
        return job == null ? 0 : job.target().displayDifficulty();
    }

    /** The periodic log line: hashrates, and every kind of share outcome. */
    public String summary() {
        return String.format(Locale.ROOT, "speed 10s/60s/15m %.1f %.1f %.1f H/s, shares %d accepted, %d rejected, %d stale, %d lost, "
                        + "%d dropped, %d compute errors", hashrate(10), hashrate(60), hashrate(900), accepted(), rejected(), stale(),
                lost.get(), dropped.get(), computeErrors());
    }

    /** The status API's document; see the README. */
    public ObjectNode toJson() {
        long now = clock.getAsLong();
        ObjectNode status = NODES.objectNode();
        status.put("uptime", (now - startMillis) / 1000);
        ObjectNode total = status.putObject("hashrate");
        for (int w : HashrateMeter.WINDOWS_SECONDS) {
            total.put(label(w), hashrate(w));
        }
        var array = status.putArray("devices");
        for (int i = 0; i < devices.size(); i++) {
            ObjectNode device = array.addObject().put("index", i).put("name", deviceNames.get(i));
            ObjectNode rates = device.putObject("hashrate");
            for (int w : HashrateMeter.WINDOWS_SECONDS) {
                rates.put(label(w), devices.get(i).rate(now, w));
            }
            device.put("hashes", devices.get(i).total());
        }
        ObjectNode shares = status.putObject("shares");
        shares.put("accepted", accepted.get()).put("rejected", rejected()).put("stale", stale.get())
                .put("lost", lost.get()).put("compute_errors", computeErrors.get()).put("dropped", dropped.get())
                .put("blocks", blocks.get());
        ObjectNode reasons = shares.putObject("rejected_reasons");
        rejected.forEach((reason, count) -> reasons.put(reason.label(), count.get()));
        shares.put("last_rejection", lastRejection.get());
        PoolState p = pool.get();
        ObjectNode poolNode = status.putObject("pool");
        poolNode.put("url", p.url()).put("connected", p.connected()).put("latency_ms", p.latencyMillis());
        double difficulty = difficulty();
        if (Double.isFinite(difficulty)) {
            poolNode.put("difficulty", difficulty);
        } else {
            poolNode.putNull("difficulty"); // JSON has no infinity: a zero target
        }
        if (p.job() != null) {
            poolNode.put("job_id", p.job().jobId()).put("height", p.job().height()).put("target", p.job().target().hex());
        }
        return status;
    }

    private static String label(int seconds) {
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m";
    }
}
