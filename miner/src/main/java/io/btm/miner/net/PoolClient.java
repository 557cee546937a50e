package io.btm.miner.net;

import io.btm.core.stratum.Job;
import io.btm.core.tls.ClientTls;
import io.btm.core.util.Text;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the miner connected: one pool at a time, chosen by the {@link FailoverPolicy}, reconnects
 * paced by the {@link Backoff}, which starts over only after a connection that lasted
 * {@link #STABLE_CONNECTION}. Jobs of the active connection go to the {@link Listener}; shares go
 * to the active connection unless their job has been replaced.
 *
 * <p>Everything here and in the connections runs on one client event loop thread, so the state
 * below needs no locks; {@link #submit} and {@link #close} hop onto it from other threads.
 */
public final class PoolClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolClient.class);
    /**
     * A connection that lasted this long has proved itself: the backoff starts over after it. A
     * pool that takes the login and drops the miner soon after meets a growing pause instead.
     */
    static final Duration STABLE_CONNECTION = Duration.ofMinutes(1);

    /** What the miner hears from its pools, on the client event loop. */
    public interface Listener {
        void job(Job job, PoolEndpoint from);

        void connected(PoolEndpoint pool);

        void disconnected(PoolEndpoint pool, String why);

        /** A connection to the pool failed before its first job; {@code why} is what the log says. */
        default void connectFailed(PoolEndpoint pool, String why) {
        }
    }

    private final List<PoolEndpoint> pools;
    private final ClientSettings settings;
    /** The TLS of every stratum+ssl:// pool, or null where none is. */
    private final ClientTls tls;
    private final Listener listener;
    private final EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("pool-client", true));
    private final EventLoop loop = group.next();
    private final FailoverPolicy failover;
    private final Backoff backoff;
    private HttpClient http;
    private PoolConnection active;
    private long activeSinceMillis;
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
            LOG.warn("{}: {}", from.endpoint(), Text.printable(why));
            listener.disconnected(from.endpoint(), why);
            if (nowMillis() - activeSinceMillis >= STABLE_CONNECTION.toMillis()) {
                backoff.reset();
            }
            retryLater();
        }
    };

    public PoolClient(List<PoolEndpoint> pools, ClientSettings settings, Listener listener) {
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("no pool given (-o URL)");
        }
        this.pools = List.copyOf(pools);
        this.settings = settings;
        this.listener = listener;
        this.failover = new FailoverPolicy(pools.size(), settings.retries(), settings.failback().toMillis());
        this.backoff = new Backoff(settings.retryPause(), ClientSettings.MAX_RETRY_PAUSE, ThreadLocalRandom.current()::nextDouble);
        // Built here, not on the event loop: it may read the JDK's trust store from disk.
        this.tls = pools.stream().anyMatch(pool -> pool.protocol() == PoolEndpoint.Protocol.STRATUM_TLS)
                ? ClientTls.trusting(settings.tls()) : null;
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
        int index = failover.pool();
        PoolConnection connection = open(pools.get(index));
        LOG.info("connecting to {}", connection.endpoint());
        attempt(connection).whenComplete((ok, error) -> loop.execute(() -> {
            if (closed) {
                connection.close();
            } else if (error != null) {
                connection.close();
                String why = failure(error);
                // Twice the usual bound: a refused TLS certificate is explained with a fingerprint or two.
                LOG.warn("{}: {}", connection.endpoint(), Text.printable(why, 2 * Text.KEPT));
                listener.connectFailed(connection.endpoint(), why);
                if (failover.connectFailed()) {
                    LOG.warn("switching to pool {}", pools.get(failover.pool()));
                }
                retryLater();
            } else {
                activate(connection, index);
            }
        }));
    }

    private void activate(PoolConnection connection, int index) {
        PoolConnection previous = active;
        active = connection;
        activeSinceMillis = nowMillis();
        failover.connected(index, activeSinceMillis);
        if (previous != null) {
            previous.close();
        }
        LOG.info("mining on {}", connection.endpoint());
        listener.connected(connection.endpoint());
        listener.job(connection.currentJob(), connection.endpoint());
        cancelFailback();
        if (index != 0) {
            long every = settings.failback().toMillis();
            failbackTimer = loop.scheduleAtFixedRate(() -> {
                if (failover.probeFirstPool(nowMillis())) {
                    tryFirstPool();
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** On a backup pool: connect to the first pool aside, and move there once it gives a job. */
    private void tryFirstPool() {
        PoolConnection probe = open(pools.get(0));
        attempt(probe).whenComplete((ok, error) -> loop.execute(() -> {
            if (error != null || closed || failover.pool() == 0) {
                probe.close();
                return;
            }
            LOG.info("first pool {} is back", probe.endpoint());
            activate(probe, 0);
        }));
    }

    private void retryLater() {
        Duration pause = backoff.next();
        LOG.info("reconnecting in {} ms", pause.toMillis());
        loop.schedule(this::connect, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a connection. What fails at once (a connect that cannot even be tried throws rather
     * than failing its future) ends in the future too, so that every error takes the same path
     * of retries and failover.
     */
    private static CompletableFuture<Void> attempt(PoolConnection connection) {
        try {
            return connection.open();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private PoolConnection open(PoolEndpoint pool) {
        if (pool.protocol() == PoolEndpoint.Protocol.SOLO) {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            }
            return new NodeConnection(pool, settings, loop, events, http);
        }
        return new StratumConnection(pool, settings, loop, events, pool.protocol() == PoolEndpoint.Protocol.STRATUM_TLS ? tls : null);
    }

    private void cancelFailback() {
        if (failbackTimer != null) {
            failbackTimer.cancel(false);
            failbackTimer = null;
        }
    }

    /** A monotonic clock for the failover policy: a timer never fires before its deadline by it. */
    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /**
     * Why a connection failed, from its innermost cause. A failed name lookup says little more
     * than the name (Netty's {@link UnknownHostException}) or nothing at all (the HTTP client's
     * {@link UnresolvedAddressException}), so that failure is put in words.
     */
    static String failure(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            String name = cause.getMessage();
            return "the host name does not resolve" + (name == null || name.isBlank() ? "" : " (" + name + ")");
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
