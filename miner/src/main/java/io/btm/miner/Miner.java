package io.btm.miner;

import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.util.DaemonThreads;
import io.btm.core.util.Text;
import io.btm.miner.api.StatusApi;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.mining.DeviceWorker;
import io.btm.miner.mining.JobScheduler;
import io.btm.miner.net.PoolClient;
import io.btm.miner.net.PoolEndpoint;
import io.btm.miner.share.ShareChecker;
import io.btm.miner.stats.MinerStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * A mining run: the devices, the pool connection between them, the CPU share check, stats and the
 * status API, wired together. Devices take jobs from the {@link JobScheduler}; their shares pass
 * the {@link ShareChecker} on the way to the {@link PoolClient}.
 */
public final class Miner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Miner.class);

    private final List<TensorityBackend> backends = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final JobScheduler scheduler = new JobScheduler();
    private final MatrixCacheStore caches = new MatrixCacheStore(2);
    private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("stats-printer"));
    private MinerStats stats;
    private ShareChecker checker;
    private PoolClient pools;
    private StatusApi api;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Miner() {
    }

    /** Opens the configured backends with {@link io.btm.miner.compute.BackendSpec#open}. */
    public static Miner start(MinerConfig config) {
        return start(config, config.backend()::open);
    }

    /**
     * Opens a backend per device (before connecting, so a device error stops the run at once),
     * connects to the first pool and starts mining.
     *
     * @param backends opens the backend of an OpenCL device index
     */
    public static Miner start(MinerConfig config, IntFunction<TensorityBackend> backends) {
        Miner miner = new Miner();
        try {
            miner.run(config, backends);
        } catch (RuntimeException e) {
            miner.close();
            throw e;
        }
        return miner;
    }

    private void run(MinerConfig config, IntFunction<TensorityBackend> open) {
        List<String> names = new ArrayList<>();
        for (int device : config.devices()) {
            TensorityBackend backend = open.apply(device);
            backends.add(backend);
            names.add(backend.name());
            LOG.info("device {}: {}, batch {}", names.size() - 1, backend.name(), backend.preferredBatchSize());
        }
        stats = new MinerStats(names, System::currentTimeMillis);
        pools = new PoolClient(config.pools(), config.client(), new PoolClient.Listener() {
            @Override
            public void job(Job job, PoolEndpoint from) {
                scheduler.newJob(job);
                stats.job(job);
                LOG.info("new job {} from {}: height {}, target {}", Text.printable(job.jobId()), from, job.height(), job.target());
            }

            @Override
            public void connected(PoolEndpoint pool) {
                stats.connected(pool.url());
            }

            @Override
            public void disconnected(PoolEndpoint pool, String why) {
                stats.disconnected();
            }
        });
        checker = new ShareChecker(caches, pools::submit, stats);
        if (config.api() != null) {
            api = new StatusApi(config.api(), stats);
            LOG.info("status API on http://{}:{}{}", config.api().getHostString(), api.port(), StatusApi.PATH);
        }
        pools.start();
        for (int i = 0; i < backends.size(); i++) {
            Thread thread = new Thread(new DeviceWorker(i, backends.get(i), scheduler, caches, checker, stats), "device-" + i);
            thread.start();
            threads.add(thread);
        }
        long every = config.printInterval().toMillis();
        printer.scheduleAtFixedRate(this::printSpeed, every, every, TimeUnit.MILLISECONDS);
    }

    private void printSpeed() {
        LOG.info(stats.summary());
    }

    public MinerStats stats() {
        return stats;
    }

    /** The status API's port, or -1 without one. */
    public int apiPort() {
        return api == null ? -1 : api.port();
    }

    /** Stops the devices after their current batch, waits briefly for pending submits, disconnects; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.stop();
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        printer.shutdownNow();
        if (checker != null) {
            checker.close();
        }
        if (pools != null) {
            pools.close();
        }
        if (api != null) {
            api.close();
        }
        backends.forEach(TensorityBackend::close);
        if (stats != null) {
            printSpeed();
        }
    }
}
