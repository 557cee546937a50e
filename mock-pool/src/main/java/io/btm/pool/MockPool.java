package io.btm.pool;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Bytes32;
import io.btm.pool.internal.PoolServer;
import io.btm.pool.internal.engine.PoolEngine;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.PoolStats;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A stratum pool for testing miners. Start it with {@link #start}, point a miner at
 * {@link #stratumPort()}, drive it with the methods below (or over the control API), and read what
 * every miner did: {@link #takeShare} and {@link #awaitShares} in the style of OkHttp's
 * MockWebServer, or {@link #shares()} and {@link #stats()}. Thread-safe.
 *
 * <pre>{@code
 * try (MockPool pool = MockPool.start(PoolConfig.builder().target(ShareTarget.parseHex("ffffffff")).build())) {
 *     // point a miner at 127.0.0.1:pool.stratumPort()
 *     ShareRecord first = pool.takeShare(Duration.ofSeconds(30));
 *     assertThat(first.verdict()).isEqualTo(Verdict.ACCEPTED);
 * }
 * }</pre>
 */
public final class MockPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MockPool.class);

    private final PoolConfig config;
    private final PoolEngine engine;
    private final PoolServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MockPool(PoolConfig config, PoolEngine engine, PoolServer server) {
        this.config = config;
        this.engine = engine;
        this.server = server;
    }

    /** Binds the stratum and control ports (0 = any free port), and the mock node's if configured. */
    public static MockPool start(PoolConfig config) {
        PoolEngine engine = new PoolEngine(config);
        PoolServer server;
        try {
            server = PoolServer.bind(config, engine, engine, engine);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        MockPool pool = new MockPool(config, engine, server);
        LOG.info("mock pool: stratum on {}, control on {}, dialect {}, target {}; share verification on the {} product path",
                pool.stratumPort(), pool.controlPort(), config.dialect().label(), engine.target(), Tensority.describePath());
        return pool;
    }

    public PoolConfig config() {
        return config;
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public int stratumPort() {
        return server.stratumPort();
    }

    public int controlPort() {
        return server.controlPort();
    }

    /** Where the control API listens: loopback unless {@code PoolConfig.controlHost} says otherwise. */
    public InetSocketAddress controlAddress() {
        return server.controlAddress();
    }

    /** The mock node's port; only when the config asked for a node. */
    public int nodePort() {
        int port = server.nodePort();
        if (port < 0) {
            throw new IllegalStateException("this pool runs no mock node (PoolConfig.builder().node(port))");
        }
        return port;
    }

    /** The pool-wide share target. */
    public ShareTarget target() {
        return engine.target();
    }

    // --- driving it ---

    /** A new block template (next height) sent to every session at once. */
    public PoolJob newJob() {
        return engine.newJob();
    }

    /** A new template with the given height, seed or bits where not null. */
    public PoolJob newJob(Long height, Bytes32 seed, Long bits) {
        return engine.newJob(height, seed, bits);
    }

    /**
     * The current block again under a new id, sent to every session at once: how a new target
     * reaches miners before the next block. Real pools never do this; they send new targets with
     * new blocks.
     */
    public PoolJob reissueJob() {
        return engine.reissueJob();
    }

    /**
     * A new share target for every session without its own, sent and judged as given. It reaches
     * miners with the next job, as on a real pool; {@link #reissueJob()} sends it at once.
     */
    public void setTarget(ShareTarget target) {
        engine.setTarget(target);
    }

    /**
     * A share difficulty, turned into a target as the dialect's pool does (btmcpool's 2^256 / d,
     * btc.com's rounded compact form…); like {@link #setTarget(ShareTarget)}, from the next job on.
     */
    public void setDifficulty(BigInteger difficulty) {
        engine.setDifficulty(difficulty);
    }

    /** A target for one session only, from its next job on. */
    public void setTarget(long session, ShareTarget target) {
        engine.setTarget(session, target);
    }

    /** A share difficulty for one session only, from its next job on. */
    public void setDifficulty(long session, BigInteger difficulty) {
        engine.setDifficulty(session, difficulty);
    }

    public void disconnect(long session) {
        engine.disconnect(session);
    }

    public void disconnectAll() {
        engine.disconnectAll();
    }

    /**
     * Bans a worker for a while, as btmcpool bans one (whatever the dialect): its sessions are
     * closed without a word, and so is each login it tries until the ban ends.
     */
    public void ban(String worker, Duration period) {
        engine.ban(worker, period);
    }

    /** Makes the pool misbehave toward one session (see {@link Fault}). */
    public void inject(long session, Fault fault) {
        engine.inject(session, fault);
    }

    // --- what happened ---

    /** The job the pool hands out now. */
    public PoolJob currentJob() {
        return engine.currentJob();
    }

    /** The open sessions. */
    public List<SessionInfo> sessions() {
        return engine.sessions();
    }

    public Optional<SessionInfo> session(long id) {
        return engine.session(id);
    }

    /**
     * The oldest share record not yet taken, waiting up to {@code timeout} for one; null if none
     * came. Every submit is taken once, in the order its verdict was reached.
     */
    public ShareRecord takeShare(Duration timeout) throws InterruptedException {
        return engine.takeShare(timeout);
    }

    /**
     * Takes share records until {@code n} match, waiting up to {@code timeout} in all, and returns
     * those; records that do not match are taken and passed over. An {@link AssertionError} says how
     * many matched when time runs out.
     */
    public List<ShareRecord> awaitShares(Predicate<ShareRecord> matching, int n, Duration timeout) throws InterruptedException {
        return engine.awaitShares(matching, n, timeout);
    }

    /** Every submit with its verdict, oldest first. */
    public List<ShareRecord> shares() {
        return engine.shares();
    }

    /** What sessions did besides submitting (connections, logins, other requests, closes), oldest first. */
    public List<ProtocolEvent> events() {
        return engine.events();
    }

    /**
     * The first protocol event that matches, waiting up to {@code timeout} for it; null if none
     * came. A session's close is seen by its miner a moment before the pool records it: wait for it.
     */
    public ProtocolEvent awaitEvent(Predicate<ProtocolEvent> matching, Duration timeout) throws InterruptedException {
        return engine.awaitEvent(matching, timeout);
    }

    public long count(Verdict verdict) {
        return engine.count(verdict);
    }

    /** Accepted shares, blocks included. */
    public long accepted() {
        return stats().accepted();
    }

    /** Submits not accepted, for any reason. */
    public long rejected() {
        return stats().rejectedTotal();
    }

    public PoolStats stats() {
        return engine.stats();
    }

    /** Stops listening, closes every session, writes out and closes the share log. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
            engine.close();
        }
    }
}
