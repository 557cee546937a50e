package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.node.NodeWork;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumMessage;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.util.Bytes32;
import io.btm.pool.control.ControlHandler;
import io.btm.pool.http.HttpJson;
import io.btm.pool.node.NodeHandler;
import io.btm.pool.jobs.JobBoard;
import io.btm.pool.jobs.PoolJob;
import io.btm.pool.record.ShareBook;
import io.btm.pool.record.ShareRecord;
import io.btm.pool.stratum.Dialect;
import io.btm.pool.stratum.Session;
import io.btm.pool.stratum.StratumServer;
import io.btm.pool.stratum.VarDiff;
import io.btm.pool.validation.ShareValidator;
import io.btm.pool.validation.Verdict;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A stratum pool for testing miners: start it in a test with {@link #start}, drive it with the
 * methods below (or over the control API), and read what every miner did from {@link #shares()}.
 */
public final class MockPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MockPool.class);
    /** The session id and worker name the share log gives the mock node's submit-work calls. */
    public static final long SOLO_SESSION = 0;
    public static final String SOLO_WORKER = "solo";

    private final PoolConfig config;
    private final JobBoard jobs;
    private final ShareBook book;
    private final ShareValidator validator = new ShareValidator(new MatrixCacheStore(2));
    private final ThreadPoolExecutor validation;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private final Set<String> seenShares = ConcurrentHashMap.newKeySet();
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup();
    private final Instant started = Instant.now();
    private volatile ShareTarget target;
    private Channel stratum;
    private Channel control;
    private Channel node;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ScheduledFuture<?> jobTimer;
    private ScheduledFuture<?> retargetTimer;

    private MockPool(PoolConfig config) {
        this.config = config;
        this.jobs = new JobBoard(config.seed(), config.bits(), config.startHeight());
        this.target = config.effectiveTarget();
        this.book = new ShareBook(config.shareLog());
        this.validation = new ThreadPoolExecutor(config.validationThreads(), config.validationThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.validationQueue()), r -> {
                    Thread t = new Thread(r, "share-validation");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Binds the stratum and control ports (0 = any free port) and issues the first job. */
    public static MockPool start(PoolConfig config) {
        MockPool pool = new MockPool(config);
        try {
            pool.stratum = pool.bind(StratumServer.pipeline(pool), config.stratumPort());
            pool.control = pool.bind(HttpJson.pipeline(() -> new ControlHandler(pool)), config.controlPort());
            if (config.nodePort() != null) {
                pool.node = pool.bind(HttpJson.pipeline(() -> new NodeHandler(pool)), config.nodePort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.close();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        if (config.jobInterval() != null) {
            long millis = config.jobInterval().toMillis();
            pool.jobTimer = pool.workers.next().scheduleAtFixedRate(pool::newJob, millis, millis, TimeUnit.MILLISECONDS);
        }
        if (config.varDiff() != null) {
            long millis = config.retarget().toMillis();
            pool.retargetTimer = pool.workers.next().scheduleAtFixedRate(pool::retarget, millis, millis, TimeUnit.MILLISECONDS);
        }
        LOG.info("mock pool: stratum on {}, control on {}, dialect {}, target {}", pool.stratumPort(), pool.controlPort(),
                config.dialect().label(), pool.target);
        return pool;
    }

    private Channel bind(ChannelInitializer<SocketChannel> pipeline, int port) throws InterruptedException {
        return new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class).childHandler(pipeline)
                .bind(new InetSocketAddress(config.host(), port)).sync().channel();
    }

    public PoolConfig config() {
        return config;
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public int stratumPort() {
        return ((InetSocketAddress) stratum.localAddress()).getPort();
    }

    public int controlPort() {
        return ((InetSocketAddress) control.localAddress()).getPort();
    }

    /** The mock node's port; only when the config asked for a node. */
    public int nodePort() {
        if (node == null) {
            throw new IllegalStateException("this pool runs no mock node (PoolConfig.builder().node(port))");
        }
        return ((InetSocketAddress) node.localAddress()).getPort();
    }

    public ShareTarget target() {
        return target;
    }

    /** A new block template (next height) sent to every session at once. */
    public PoolJob newJob() {
        return newJob(null, null, null);
    }

    /** A new template with the given height, seed or bits where not null. */
    public PoolJob newJob(Long height, Bytes32 seed, Long bits) {
        PoolJob job = jobs.next(height, seed, bits);
        broadcast();
        LOG.info("job {} at height {} (seed {})", job.id(), job.height(), job.seed());
        return job;
    }

    /** A new share target for every session without its own; it reaches miners with a re-issued job. */
    public void setTarget(ShareTarget newTarget) {
        this.target = newTarget;
        jobs.reissue();
        broadcast();
    }

    public void setDifficulty(BigInteger difficulty) {
        setTarget(ShareTarget.fromDifficulty(difficulty, config.dialect().diff1()));
    }

    /** A target for one session only, sent to it with a re-issued job. */
    public void setTarget(long sessionId, ShareTarget sessionTarget) {
        Session session = requireSession(sessionId);
        session.target(sessionTarget);
        jobs.reissue();
        broadcast();
    }

    public Collection<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    public Optional<Session> session(long id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public Session requireSession(long id) {
        return session(id).orElseThrow(() -> new IllegalArgumentException("no session " + id));
    }

    public void disconnect(long sessionId) {
        requireSession(sessionId).disconnect();
    }

    public void disconnectAll() {
        sessions.values().forEach(Session::disconnect);
    }

    /** Fault: send a session the job before the current one again. */
    public void resendOldJob(long sessionId) {
        Session session = requireSession(sessionId);
        PoolJob old = jobs.previous().orElseThrow(() -> new IllegalArgumentException("no earlier job to resend"));
        sendTo(session, old);
    }

    public List<ShareRecord> shares() {
        return book.records();
    }

    public long count(Verdict verdict) {
        return book.count(verdict);
    }

    /** Accepted shares, blocks included. */
    public long accepted() {
        return Arrays.stream(Verdict.values()).filter(Verdict::accepted).mapToLong(this::count).sum();
    }

    /** Submits not accepted, for any reason. */
    public long rejected() {
        return Arrays.stream(Verdict.values()).filter(v -> !v.accepted()).mapToLong(this::count).sum();
    }

    /** {@code {"sessions":N,"shares":{"accepted":N,"blocks":N,"rejected":{reason:N}},...}}; accepted includes blocks. */
    public ObjectNode stats() {
        ObjectNode stats = StratumMessage.object();
        stats.put("sessions", sessions.size());
        ObjectNode shares = stats.putObject("shares");
        shares.put("accepted", accepted());
        shares.put("blocks", count(Verdict.BLOCK));
        ObjectNode rejected = shares.putObject("rejected");
        for (Verdict v : Verdict.values()) {
            if (!v.accepted()) {
                rejected.put(v.reason(), count(v));
            }
        }
        PoolJob job = jobs.current();
        stats.putObject("job").put("id", job.id()).put("height", job.height()).put("seed", job.seed().hex())
                .put("bits", job.template().bits()).put("target", target.hex());
        stats.put("dialect", config.dialect().label());
        stats.put("uptime_s", java.time.Duration.between(started, Instant.now()).toSeconds());
        return stats;
    }

    // --- called by the stratum handlers, on their event loops ---

    /** A new connection, or null when the connection limit is reached. */
    public Session open(Channel channel) {
        if (sessions.size() >= config.maxConnections()) {
            return null;
        }
        Session session = new Session(sessionIds.incrementAndGet(), channel);
        sessions.put(session.id(), session);
        return session;
    }

    public void closed(Session session) {
        sessions.remove(session.id());
    }

    /** The current job as this session sees it: its first nonce and target. */
    public Job jobFor(Session session) {
        return jobs.current().forSession(session.nonceStart(), targetOf(session));
    }

    /**
     * Judges a submit: the cheap checks here on the event loop, the hashing on a validation
     * worker; a full validation queue answers busy rather than block the loop.
     */
    public void submit(Session session, StratumMessage request, long arrivalNanos) {
        JsonNode id = request.id();
        JsonNode params = request.params();
        Submitter from = submitter(session, id);
        if (session.login() == null) {
            finish(from, null, null, Verdict.UNAUTHORIZED, null, "submit before login", arrivalNanos);
            return;
        }
        if (params == null || !params.isObject()) {
            finish(from, null, null, Verdict.MALFORMED, null, "params: expected an object", arrivalNanos);
            return;
        }
        String loginId = params.path("id").asText(null);
        if (!session.loginId().equals(loginId)) {
            finish(from, null, null, Verdict.UNAUTHORIZED, null,
                    "id " + loginId + " is not this session's (" + session.loginId() + ")", arrivalNanos);
            return;
        }
        String jobId = params.path("job_id").asText(null);
        String nonceText = params.path("nonce").asText(null);
        long nonce;
        Bytes32 claimed;
        try {
            if (jobId == null) {
                throw new IllegalArgumentException("job_id: missing");
            }
            nonce = Job.parseNonce(nonceText);
            JsonNode result = params.get("result");
            claimed = result == null || result.isNull() ? null : Bytes32.fromHex("result", result.asText());
        } catch (IllegalArgumentException e) {
            finish(from, jobId, nonceText, Verdict.MALFORMED, null, e.getMessage(), arrivalNanos);
            return;
        }
        Optional<Job> sent = session.judgedJob(jobId);
        Optional<PoolJob> known = jobs.find(jobId);
        if (sent.isEmpty() || known.isEmpty()) {
            finish(from, jobId, nonceText, Verdict.UNKNOWN_JOB, null, "job " + jobId + " unknown to this session", arrivalNanos);
        } else if (jobs.isStale(known.get())) {
            finish(from, jobId, nonceText, Verdict.STALE, null, "job " + jobId + " replaced by a newer height", arrivalNanos);
        } else if (!session.ownsNonce(nonce)) {
            finish(from, jobId, nonceText, Verdict.OUT_OF_RANGE, null, "nonce outside the session's range", arrivalNanos);
        } else {
            validate(from, sent.get(), nonce, nonceText, claimed, arrivalNanos);
        }
    }

    /** Records a share rejected before it was parsed, e.g. a malformed line or a submit before login. */
    public void reject(Session session, JsonNode id, Verdict verdict, String detail) {
        finish(submitter(session, id), null, null, verdict, null, detail, System.nanoTime());
    }

    /** The work the mock node hands out on get-work: the current template, nonce 0. */
    public NodeWork work() {
        PoolJob job = jobs.current();
        return new NodeWork(job.template(), job.seed());
    }

    /**
     * Judges a solved header from the mock node's submit-work, like a share whose target is the
     * network bits. A block moves the chain on to the next height, as a node would.
     *
     * @param answer gets the verdict and its detail, on whichever thread reached it
     */
    public void submitWork(BlockHeader solved, BiConsumer<Verdict, String> answer) {
        long arrival = System.nanoTime();
        String nonceText = Job.formatNonce(solved.nonce());
        // A block moves the chain on before the miner hears of it, so its next get-work is new work.
        Submitter from = new Submitter(SOLO_SESSION, SOLO_WORKER, (verdict, detail) -> {
            if (verdict == Verdict.BLOCK) {
                newJob();
            }
            answer.accept(verdict, detail);
        });
        Optional<PoolJob> known = jobs.findTemplate(solved.withNonce(0));
        if (known.isEmpty()) {
            finish(from, null, nonceText, Verdict.UNKNOWN_JOB, null, "no such block template", arrival);
        } else if (jobs.isStale(known.get())) {
            finish(from, known.get().id(), nonceText, Verdict.STALE, null, "height " + solved.height() + " is behind the chain", arrival);
        } else {
            ShareTarget network = ShareTarget.of(Difficulty.compactToBig(solved.bits()));
            validate(from, known.get().forSession(0, network), solved.nonce(), nonceText, null, arrival);
        }
    }

    /** Records a submit-work whose body could not be read. */
    public void rejectWork(String detail, BiConsumer<Verdict, String> answer) {
        finish(new Submitter(SOLO_SESSION, SOLO_WORKER, answer), null, null, Verdict.MALFORMED, null, detail, System.nanoTime());
    }

    private void validate(Submitter from, Job job, long nonce, String nonceText, Bytes32 claimed, long arrivalNanos) {
        String key = job.jobId() + ":" + nonce;
        if (!seenShares.add(key)) {
            finish(from, job.jobId(), nonceText, Verdict.DUPLICATE, null,
                    "job " + job.jobId() + " nonce " + nonceText + " already submitted", arrivalNanos);
            return;
        }
        try {
            validation.execute(() -> {
                ShareValidator.Outcome outcome = validator.validate(job, nonce, claimed);
                finish(from, job.jobId(), nonceText, outcome.verdict(), outcome.result().hex(), "", arrivalNanos);
            });
        } catch (RejectedExecutionException e) {
            seenShares.remove(key);
            finish(from, job.jobId(), nonceText, Verdict.BUSY, null, "validation queue full", arrivalNanos);
        }
    }

    /** Who sent a share, and how its verdict goes back: a stratum reply, or the mock node's HTTP answer. */
    private record Submitter(long session, String worker, BiConsumer<Verdict, String> answer) {
    }

    private Submitter submitter(Session session, JsonNode id) {
        return new Submitter(session.id(), session.login(), (verdict, detail) -> {
            if (verdict.accepted()) {
                session.accepted();
                session.send(StratumMessage.reply(id, config.dialect().success()));
            } else {
                session.send(StratumMessage.error(id, config.dialect().error(verdict)));
            }
        });
    }

    /** Variable difficulty: moves each session's target toward the configured share rate; new targets go out with a re-issued job. */
    private void retarget() {
        boolean changed = false;
        for (Session session : sessions.values()) {
            if (session.login() == null) {
                continue;
            }
            ShareTarget current = targetOf(session);
            ShareTarget next = VarDiff.retarget(current, session.takeAcceptedCount(), config.retarget().toMillis() / 1000.0,
                    config.varDiff());
            if (!next.equals(current)) {
                session.target(next);
                changed = true;
            }
        }
        if (changed) {
            jobs.reissue();
            broadcast();
        }
    }

    private void finish(Submitter from, String jobId, String nonce, Verdict verdict, String result, String detail,
                        long arrivalNanos) {
        long micros = (System.nanoTime() - arrivalNanos) / 1000;
        book.add(new ShareRecord(Instant.now(), from.session(), from.worker(), jobId, nonce, result, verdict, detail, micros));
        from.answer().accept(verdict, detail);
        if (verdict == Verdict.BLOCK) {
            LOG.info("block found by session {} ({}): job {} nonce {}", from.session(), from.worker(), jobId, nonce);
        }
    }

    /** The target a session's jobs carry: its own, or the pool's. */
    public ShareTarget targetOf(Session session) {
        ShareTarget own = session.target();
        return own != null ? own : target;
    }

    private void broadcast() {
        PoolJob job = jobs.current();
        for (Session session : sessions.values()) {
            if (session.login() != null) {
                sendTo(session, job);
            }
        }
    }

    private void sendTo(Session session, PoolJob job) {
        session.sendJob(job.forSession(session.nonceStart(), targetOf(session)));
    }

    /** Stops listening, closes every session, flushes and closes the share log. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (jobTimer != null) {
            jobTimer.cancel(false);
        }
        if (retargetTimer != null) {
            retargetTimer.cancel(false);
        }
        if (stratum != null) {
            stratum.close().syncUninterruptibly();
        }
        if (control != null) {
            control.close().syncUninterruptibly();
        }
        if (node != null) {
            node.close().syncUninterruptibly();
        }
        disconnectAll();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        validation.shutdown();
        try {
            validation.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        book.close();
    }
}
