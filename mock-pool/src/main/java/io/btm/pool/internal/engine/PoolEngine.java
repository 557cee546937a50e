package io.btm.pool.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.node.NodeWork;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumMessage;
import io.btm.core.util.Bytes32;
import io.btm.core.util.DaemonThreads;
import io.btm.pool.internal.control.PoolControl;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.engine.ShareJudge.Submitter;
import io.btm.pool.internal.node.SoloNode;
import io.btm.pool.internal.stratum.Session;
import io.btm.pool.internal.stratum.StratumService;
import io.btm.pool.internal.stratum.SubmitParams;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.PoolStats;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The pool's state and rules: jobs, sessions, targets, judging and the record. Serves the stratum
 * handlers, the mock node and the control API through their interfaces; the facade wraps it.
 * Thread-safe: its parts are, and the pool-wide target is a volatile immutable value.
 */
public final class PoolEngine implements StratumService, SoloNode, PoolControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolEngine.class);

    private final PoolConfig config;
    private final DialectRules dialect;
    private final JobBoard jobs;
    private final SessionRegistry sessions;
    private final ShareBook book;
    private final ShareJudge judge;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("pool-timers"));
    private final Instant started = Instant.now();
    private volatile ShareTarget target;

    public PoolEngine(PoolConfig config) {
        this.config = config;
        this.dialect = DialectRules.of(config.dialect());
        this.jobs = new JobBoard(config.seed(), config.bits(), config.startHeight());
        this.sessions = new SessionRegistry(config.maxConnections());
        this.target = config.effectiveTarget();
        this.book = new ShareBook(config.shareLog());
        this.judge = new ShareJudge(config.validationThreads(), config.validationQueue(), book);
        if (config.jobInterval() != null) {
            long millis = config.jobInterval().toMillis();
            timers.scheduleAtFixedRate(this::newJob, millis, millis, TimeUnit.MILLISECONDS);
        }
        if (config.varDiff() != null) {
            long millis = config.retarget().toMillis();
            timers.scheduleAtFixedRate(this::retarget, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    // --- jobs and targets ---

    public PoolJob currentJob() {
        return jobs.current();
    }

    public ShareTarget target() {
        return target;
    }

    public PoolJob newJob() {
        return newJob(null, null, null);
    }

    @Override
    public PoolJob newJob(Long height, Bytes32 seed, Long bits) {
        PoolJob job = jobs.next(height, seed, bits);
        broadcast();
        LOG.info("job {} at height {} (seed {})", job.id(), job.height(), job.seed());
        return job;
    }

    /** A new share target for every session without its own; it reaches miners with a re-issued job. */
    @Override
    public ShareTarget setTarget(ShareTarget newTarget) {
        this.target = newTarget;
        jobs.reissue();
        broadcast();
        return newTarget;
    }

    public void setDifficulty(BigInteger difficulty) {
        setTarget(ShareTarget.fromDifficulty(difficulty, config.dialect().diff1()));
    }

    @Override
    public void setTarget(long sessionId, ShareTarget sessionTarget) {
        sessions.require(sessionId).target(sessionTarget);
        jobs.reissue();
        broadcast();
    }

    /** The target a session's jobs carry: its own, or the pool's. */
    private ShareTarget targetOf(Session session) {
        ShareTarget own = session.target();
        return own != null ? own : target;
    }

    private void broadcast() {
        PoolJob job = jobs.current();
        for (Session session : sessions.loggedIn()) {
            session.sendJob(job.forSession(session.nonceStart(), targetOf(session)));
        }
    }

    /** Variable difficulty: moves each session's target toward the configured share rate; new targets go out with a re-issued job. */
    private void retarget() {
        boolean changed = false;
        for (Session session : sessions.loggedIn()) {
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

    // --- sessions ---

    @Override
    public Dialect dialect() {
        return config.dialect();
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessions.all().stream().map(s -> s.info(targetOf(s))).toList();
    }

    public Optional<SessionInfo> session(long id) {
        return sessions.find(id).map(s -> s.info(targetOf(s)));
    }

    @Override
    public void disconnect(long sessionId) {
        sessions.require(sessionId).disconnect();
    }

    @Override
    public void disconnectAll() {
        sessions.all().forEach(Session::disconnect);
    }

    @Override
    public void inject(long sessionId, Fault fault) {
        Session session = sessions.require(sessionId);
        if (fault instanceof Fault.DropNext drop) {
            session.dropNext(drop.count());
        } else if (fault instanceof Fault.Delay delay) {
            session.delayReplies(delay.delay().toMillis());
        } else if (fault instanceof Fault.MalformedLine) {
            session.sendMalformedLine();
        } else if (fault instanceof Fault.Line line) {
            session.sendLine(line.text());
        } else if (fault instanceof Fault.JudgeBy judgeBy) {
            session.judgeBy(judgeBy.target());
        } else if (fault instanceof Fault.OldJob) {
            PoolJob previous = jobs.previous().orElseThrow(() -> new IllegalArgumentException("no earlier job to resend"));
            session.sendJob(previous.forSession(session.nonceStart(), targetOf(session)));
        }
    }

    // --- the stratum side ---

    @Override
    public DialectRules rules() {
        return dialect;
    }

    @Override
    public Session open(Channel channel) {
        return sessions.open(channel);
    }

    @Override
    public void closed(Session session) {
        sessions.closed(session);
    }

    @Override
    public Job jobFor(Session session) {
        return jobs.current().forSession(session.nonceStart(), targetOf(session));
    }

    @Override
    public void submit(Session session, JsonNode requestId, SubmitParams params, long arrivalNanos) {
        Submitter from = submitter(session, requestId);
        if (!session.loginId().equals(params.workerId())) {
            judge.finish(from, null, null, Verdict.UNAUTHORIZED, null,
                    "id " + params.workerId() + " is not this session's (" + session.loginId() + ")", arrivalNanos);
            return;
        }
        String jobId = params.jobId();
        long nonce;
        Bytes32 claimed;
        try {
            if (jobId == null) {
                throw new IllegalArgumentException("job_id: missing");
            }
            nonce = Job.parseNonce(params.nonce());
            claimed = params.result() == null ? null : Bytes32.fromHex("result", params.result());
        } catch (IllegalArgumentException e) {
            judge.finish(from, jobId, params.nonce(), Verdict.MALFORMED, null, e.getMessage(), arrivalNanos);
            return;
        }
        String nonceText = params.nonce();
        Optional<Job> sent = session.judgedJob(jobId);
        Optional<PoolJob> known = jobs.find(jobId);
        if (sent.isEmpty() || known.isEmpty()) {
            judge.finish(from, jobId, nonceText, Verdict.UNKNOWN_JOB, null, "job " + jobId + " unknown to this session", arrivalNanos);
        } else if (jobs.isStale(known.get())) {
            judge.finish(from, jobId, nonceText, Verdict.STALE, null, "job " + jobId + " replaced by a newer height", arrivalNanos);
        } else if (!session.ownsNonce(nonce)) {
            judge.finish(from, jobId, nonceText, Verdict.OUT_OF_RANGE, null, "nonce outside the session's range", arrivalNanos);
        } else {
            judge.judge(from, sent.get(), nonce, nonceText, claimed, arrivalNanos);
        }
    }

    @Override
    public void reject(Session session, JsonNode requestId, Verdict verdict, String detail) {
        judge.finish(submitter(session, requestId), null, null, verdict, null, detail, System.nanoTime());
    }

    private Submitter submitter(Session session, JsonNode requestId) {
        return new Submitter(session.id(), session.login(), (verdict, detail) -> {
            if (verdict.accepted()) {
                session.countAccepted();
                session.send(StratumMessage.reply(requestId, dialect.success()));
            } else {
                session.send(StratumMessage.error(requestId, dialect.error(verdict)));
            }
        });
    }

    // --- the mock node ---

    @Override
    public NodeWork work() {
        PoolJob job = jobs.current();
        return new NodeWork(job.template(), job.seed());
    }

    @Override
    public void submitWork(BlockHeader solved, BiConsumer<Verdict, String> answer) {
        long arrival = System.nanoTime();
        String nonceText = Job.formatNonce(solved.nonce());
        // A block moves the chain on before the miner hears of it, so its next get-work is new work.
        Submitter from = new Submitter(ShareRecord.SOLO_SESSION, ShareRecord.SOLO_WORKER, (verdict, detail) -> {
            if (verdict == Verdict.BLOCK) {
                newJob();
            }
            answer.accept(verdict, detail);
        });
        Optional<PoolJob> known = jobs.findTemplate(solved.withNonce(0));
        if (known.isEmpty()) {
            judge.finish(from, null, nonceText, Verdict.UNKNOWN_JOB, null, "no such block template", arrival);
        } else if (jobs.isStale(known.get())) {
            judge.finish(from, known.get().id(), nonceText, Verdict.STALE, null, "height " + solved.height() + " is behind the chain", arrival);
        } else {
            ShareTarget network = ShareTarget.of(Difficulty.compactToBig(solved.bits()));
            judge.judge(from, known.get().forSession(0, network), solved.nonce(), nonceText, null, arrival);
        }
    }

    @Override
    public void rejectWork(String detail, BiConsumer<Verdict, String> answer) {
        judge.finish(new Submitter(ShareRecord.SOLO_SESSION, ShareRecord.SOLO_WORKER, answer), null, null, Verdict.MALFORMED,
                null, detail, System.nanoTime());
    }

    // --- the record ---

    @Override
    public List<ShareRecord> shares() {
        return book.records();
    }

    public long count(Verdict verdict) {
        return book.count(verdict);
    }

    public ShareRecord takeShare(Duration timeout) throws InterruptedException {
        return book.take(timeout);
    }

    public List<ShareRecord> awaitShares(Predicate<ShareRecord> matching, int n, Duration timeout) throws InterruptedException {
        return book.await(matching, n, timeout);
    }

    @Override
    public PoolStats stats() {
        Map<Verdict, Long> rejected = new EnumMap<>(Verdict.class);
        long accepted = 0;
        for (Verdict v : Verdict.values()) {
            if (v.accepted()) {
                accepted += book.count(v);
            } else {
                rejected.put(v, book.count(v));
            }
        }
        return new PoolStats(sessions.size(), accepted, book.count(Verdict.BLOCK), rejected, jobs.current(), target,
                config.dialect(), Duration.between(started, Instant.now()));
    }

    /** Stops the timers and the validation workers, then writes out and closes the share log. */
    @Override
    public void close() {
        timers.shutdownNow();
        judge.close();
        book.close();
    }
}
