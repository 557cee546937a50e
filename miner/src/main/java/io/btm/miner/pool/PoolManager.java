package io.btm.miner.pool;

import io.btm.core.stratum.Job;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the miner connected: one pool at a time, in the order given. A lost connection is
 * retried with exponential backoff and jitter; after {@link ClientSettings#retries} failures in a
 * row it moves to the next pool, and from a backup it tries the first pool again every
 * {@link ClientSettings#failback}. Jobs of the active connection go to the {@link Listener}.
 *
 * <p>Everything here and in the connections runs on one client event loop thread, so the state
 * below needs no locks; {@link #submit} and {@link #close} hop onto it from other threads.
 */
public final class PoolManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolManager.class);

    /** What the miner hears from its pools, on the client event loop. */
    public interface Listener {
        void job(Job job, PoolEndpoint from);

        void connected(PoolEndpoint pool);

        void disconnected(PoolEndpoint pool, String why);
    }

    private final List<PoolEndpoint> pools;
    private final ClientSettings settings;
    private final Listener listener;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("pool-client", true));
    private final EventLoop loop = group.next();
    private HttpClient http;
    private int index;
    private int failures;
    private int outageAttempts;
    private PoolConnection active;
    private ScheduledFuture<?> failbackTimer;
    private boolean closed;

    private final PoolConnection.Events events = new PoolConnection.Events() {
        @Override
        public void job(PoolConnection from, Job job) {
            if (from == active) {
                listener.job(job, from.endpoint());
            }
        }

        @Override
        public void lost(PoolConnection from, String why) {
            if (from != active) {
                return;
            }
            active = null;
            cancelFailback();
            LOG.warn("{}: {}", from.endpoint(), why);
            listener.disconnected(from.endpoint(), why);
            retryLater();
        }
    };

    public PoolManager(List<PoolEndpoint> pools, ClientSettings settings, Listener listener) {
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("no pool given (-o URL)");
        }
        this.pools = List.copyOf(pools);
        this.settings = settings;
        this.listener = listener;
    }

    public void start() {
        loop.execute(this::connect);
    }

    /**
     * Hands a share to the active connection; completes when the pool answers, or at once if
     * unsendable or stale. Stale is judged here, on the loop that also takes in the jobs, so no
     * share of a job is sent once its replacement has arrived.
     */
    public CompletableFuture<SubmitResult> submit(FoundShare share) {
        CompletableFuture<SubmitResult> reply = new CompletableFuture<>();
        loop.execute(() -> {
            if (active == null) {
                reply.complete(SubmitResult.lost("no pool connected"));
                return;
            }
            Job current = active.currentJob();
            if (!share.job().equals(current) && !settings.submitStale()) {
                reply.complete(SubmitResult.stale("job " + share.job().jobId() + " replaced by " + current.jobId()));
            } else {
                active.submit(share, reply);
            }
        });
        return reply;
    }

    private void connect() {
        if (closed) {
            return;
        }
        PoolConnection connection = open(pools.get(index));
        LOG.info("connecting to {}", connection.endpoint());
        connection.open().whenComplete((ok, error) -> loop.execute(() -> {
            if (closed) {
                connection.close();
            } else if (error != null) {
                connection.close();
                LOG.warn("{}: {}", connection.endpoint(), rootMessage(error));
                failures++;
                if (failures >= settings.retries() && pools.size() > 1) {
                    index = (index + 1) % pools.size();
                    failures = 0;
                    LOG.warn("switching to pool {}", pools.get(index));
                }
                retryLater();
            } else {
                activate(connection);
            }
        }));
    }

    private void activate(PoolConnection connection) {
        PoolConnection previous = active;
        active = connection;
        failures = 0;
        outageAttempts = 0;
        if (previous != null) {
            previous.close();
        }
        LOG.info("mining on {}", connection.endpoint());
        listener.connected(connection.endpoint());
        listener.job(connection.currentJob(), connection.endpoint());
        cancelFailback();
        if (index != 0) {
            long every = settings.failback().toMillis();
            failbackTimer = loop.scheduleAtFixedRate(this::tryFirstPool, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** On a backup pool: connect to the first pool aside, and move there once it gives a job. */
    private void tryFirstPool() {
        PoolConnection probe = open(pools.get(0));
        probe.open().whenComplete((ok, error) -> loop.execute(() -> {
            if (error != null || closed || index == 0) {
                probe.close();
                return;
            }
            LOG.info("first pool {} is back", probe.endpoint());
            index = 0;
            activate(probe);
        }));
    }

    private void retryLater() {
        long base = settings.retryPause().toMillis() << Math.min(outageAttempts, 10);
        long pause = Math.min(base, ClientSettings.MAX_RETRY_PAUSE.toMillis());
        outageAttempts++;
        // Jitter of ±20% keeps a farm of miners from reconnecting in lockstep.
        long jittered = (long) (pause * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        loop.schedule(this::connect, jittered, TimeUnit.MILLISECONDS);
    }

    private PoolConnection open(PoolEndpoint pool) {
        if (pool.protocol() == PoolEndpoint.Protocol.SOLO) {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            }
            return new NodeConnection(pool, settings, loop, events, http);
        }
        return new StratumConnection(pool, settings, loop, events);
    }

    private void cancelFailback() {
        if (failbackTimer != null) {
            failbackTimer.cancel(false);
            failbackTimer = null;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Closes the connection; pending submits complete as lost. */
    @Override
    public void close() {
        loop.submit(() -> {
            closed = true;
            cancelFailback();
            if (active != null) {
                active.close();
                active = null;
            }
        }).syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
