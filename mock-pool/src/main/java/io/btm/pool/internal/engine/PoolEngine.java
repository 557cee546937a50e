package io.btm.pool.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.node.NodeWork;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import io.btm.core.util.DaemonThreads;
import io.btm.core.util.Text;
import io.btm.pool.internal.control.PoolControl;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.dialect.LoginOutcome;
import io.btm.pool.internal.dialect.Reaction;
import io.btm.pool.internal.dialect.SentJob;
import io.btm.pool.internal.dialect.SessionTarget;
import io.btm.pool.internal.dialect.SubmitCheck;
import io.btm.pool.internal.dialect.SubmitContext;
import io.btm.pool.internal.metrics.PoolMetrics;
import io.btm.pool.internal.node.NodeAnswer;
import io.btm.pool.internal.node.SoloNode;
import io.btm.pool.internal.stratum.Session;
import io.btm.pool.internal.stratum.StratumService;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.PoolStats;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The pool's state and rules: jobs, sessions, targets, bans, judging and the record. It does what
 * the {@link DialectRules} of the pool it imitates say, and serves the stratum handlers, the mock
 * node and the control API through their interfaces; the facade wraps it. Thread-safe: its parts
 * are, and the pool-wide target is a volatile immutable value.
 */
public final class PoolEngine implements StratumService, SoloNode, PoolControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PoolEngine.class);
    private static final int EVENTS_KEPT = 10_000;
    private static final int BLOCKS_KEPT = 1024;

    private final PoolConfig config;
    private final DialectRules rules;
    private final JobBoard jobs;
    private final SessionRegistry sessions;
    private final ShareBook book;
    private final EventLog events = new EventLog(EVENTS_KEPT);
    private final ShareJudge judge;
    private final WorkLog work = new WorkLog();
    private final MinedBlocks blocks = new MinedBlocks(BLOCKS_KEPT);
    private final BanList bans;
    private final PoolMetrics metrics;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("pool-timers"));
    private final Instant started = Instant.now();
    private volatile SessionTarget target;

    public PoolEngine(PoolConfig config) {
        this.config = config;
        this.rules = DialectRules.of(config.dialect());
        // Job ids that look like the pool's, from a generator seeded by the chain: runs repeat.
        SplittableRandom ids = new SplittableRandom(config.seed().hashCode());
        this.jobs = new JobBoard(config.seed(), config.bits(), config.startHeight(), n -> rules.poolJobId(n, ids));
        this.sessions = new SessionRegistry(config, rules);
        this.target = config.target() != null ? SessionTarget.exactly(config.target()) : rules.target(config.difficulty());
        this.book = new ShareBook(config.shareLog(), config.recordsKept());
        this.metrics = new PoolMetrics(config.dialect(), new PoolMetrics.Counts(book::count, book::count, events::count, sessions::size));
        this.judge = new ShareJudge(config.validationThreads(), config.validationQueue());
        this.bans = new BanList(config.banPeriod() != null ? config.banPeriod() : rules.banPeriod(), System::currentTimeMillis);
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

    /** The pool-wide share target as sent. */
    public ShareTarget target() {
        return target.sent();
    }

    public PoolJob newJob() {
        return newJob(null, null, null);
    }

    @Override
    public PoolJob newJob(Long height, Bytes32 seed, Long bits) {
        PoolJob job = jobs.next(height, seed, bits);
        work.retain(jobs.templates());
        broadcast();
        metrics.jobSwitched();
        LOG.info("job {} at height {} (seed {})", job.id(), job.height(), job.seed());
        return job;
    }

    /** The current block again under a new id, sent to every session at once: how new targets reach miners before the next block. */
    @Override
    public PoolJob reissueJob() {
        PoolJob job = jobs.reissue();
        work.retain(jobs.templates());
        broadcast();
        metrics.jobSwitched();
        return job;
    }

    /** A new share target for every session without its own, sent and judged as given; it goes out with the next job. */
    @Override
    public ShareTarget setTarget(ShareTarget newTarget) {
        this.target = SessionTarget.exactly(newTarget);
        return newTarget;
    }

    /** A share difficulty, sent and judged as the dialect's pool does; it goes out with the next job. */
    @Override
    public ShareTarget setDifficulty(BigInteger difficulty) {
        this.target = rules.target(difficulty);
        return target.sent();
    }

    @Override
    public void setTarget(long sessionId, ShareTarget sessionTarget) {
        sessions.require(sessionId).target(SessionTarget.exactly(sessionTarget));
    }

    @Override
    public void setDifficulty(long sessionId, BigInteger difficulty) {
        sessions.require(sessionId).target(rules.target(difficulty));
    }

    @Override
    public void resendCurrentJob(long sessionId) {
        Session session = sessions.require(sessionId);
        if (session.login() != null) { // before login, the login's job carries the target
            sendCurrentJob(session);
        }
    }

    /** The target a session's jobs carry: its own, or the pool's. */
    private SessionTarget targetOf(Session session) {
        SessionTarget own = session.target();
        return own != null ? own : target;
    }

    private void broadcast() {
        PoolJob job = jobs.current();
        for (Session session : sessions.loggedIn()) {
            session.sendJob(job, targetOf(session), rules);
        }
    }

    /** Variable difficulty: moves each session's target toward the configured share rate; new targets go out with the next job, as btc.com's do. */
    private void retarget() {
        for (Session session : sessions.loggedIn()) {
            ShareTarget current = targetOf(session).sent();
            ShareTarget next = VarDiff.retarget(current, session.takeAcceptedCount(), config.retarget().toMillis() / 1000.0,
                    config.varDiff());
            if (!next.equals(current)) {
                session.target(SessionTarget.exactly(next));
            }
        }
    }

    // --- sessions ---

    @Override
    public Dialect dialect() {
        return config.dialect();
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessions.all().stream().map(s -> s.info(targetOf(s).sent())).toList();
    }

    public Optional<SessionInfo> session(long id) {
        return sessions.find(id).map(s -> s.info(targetOf(s).sent()));
    }

    @Override
    public void disconnect(long sessionId) {
        sessions.require(sessionId).disconnect();
    }

    @Override
    public void disconnectAll() {
        sessions.all().forEach(Session::disconnect);
    }

    /** Bans a worker as btmcpool does: its sessions closed without a word, its logins too, for the period. */
    public void ban(String worker, Duration period) {
        bans.ban(worker, period);
        for (Session session : sessions.all()) {
            if (worker.equals(session.login())) {
                session.closing("banned");
                session.disconnect();
            }
        }
    }

    @Override
    public void inject(long sessionId, Fault fault) {
        Session session = sessions.require(sessionId);
        metrics.faultInjected(fault.label());
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
            session.sendJob(previous, targetOf(session), rules);
        }
    }

    // --- the stratum side ---

    @Override
    public DialectRules rules() {
        return rules;
    }

    @Override
    public Session open(Channel channel) {
        Session session = sessions.open(channel);
        if (session != null) {
            event(session, ProtocolEvent.Kind.CONNECTED, null, null, "from " + session.remoteAddress());
        }
        return session;
    }

    @Override
    public void closed(Session session) {
        sessions.closed(session);
        String why = session.closingBecause();
        event(session, ProtocolEvent.Kind.CLOSED, null, null, why == null ? "closed by the miner" : why);
    }

    @Override
    public void closing(Session session, String why) {
        session.closing(why);
    }

    @Override
    public void login(Session session, JsonNode requestId, JsonNode params) {
        LoginOutcome outcome = rules.login(params, session.login() != null);
        if (outcome instanceof LoginOutcome.Refused refused) {
            event(session, ProtocolEvent.Kind.LOGIN_REFUSED, "login", refused.reaction(), refused.detail());
            session.react(requestId, refused.reaction());
            return;
        }
        String login = ((LoginOutcome.Accepted) outcome).login();
        if (bans.isBanned(login)) {
            // btmcpool stratum/btmc/handler.go:38-41: a banned worker's login is closed without a reply
            event(session, ProtocolEvent.Kind.LOGIN_REFUSED, "login", Reaction.CLOSE, "worker " + login + " is banned");
            session.react(requestId, Reaction.CLOSE);
            return;
        }
        session.login(login);
        SentJob sent = session.assign(jobs.current(), targetOf(session), rules);
        event(session, ProtocolEvent.Kind.LOGIN, "login", null, "logged in as " + login);
        rules.loginReplies(requestId, login, sent.job()).forEach(session::send);
        LOG.info("session {} logged in as {} from {}", session.id(), Text.printable(login), session.remoteAddress());
    }

    @Override
    public void sendCurrentJob(Session session) {
        session.sendJob(jobs.current(), targetOf(session), rules);
    }

    @Override
    public void request(Session session, ProtocolEvent.Kind kind, JsonNode requestId, String method, Reaction reaction, String detail) {
        event(session, kind, method, reaction, detail);
        session.react(requestId, reaction);
    }

    private void event(Session session, ProtocolEvent.Kind kind, String method, Reaction reaction, String detail) {
        events.add(new ProtocolEvent(Instant.now(), session.id(), Text.bounded(session.login(), Text.KEPT), kind,
                Text.bounded(method, Text.KEPT), reaction == null ? null : reaction.describe(), Text.bounded(detail, Text.KEPT)));
    }

    @Override
    public void submit(Session session, JsonNode requestId, JsonNode params, long arrivalNanos) {
        SubmitCheck check = rules.checkSubmit(new SessionSubmit(session, params));
        if (check instanceof SubmitCheck.Refused refused) {
            if (refused.countsAgainstWorker()) {
                session.countForBan(false);
            }
            record(session.id(), session.login(), refused.jobId(), refused.nonce(), null, refused.verdict(),
                    refused.detail() + " (" + refused.reaction().describe() + ")", Set.of(), arrivalNanos,
                    () -> session.react(requestId, refused.reaction()));
            return;
        }
        SubmitCheck.ToJudge share = (SubmitCheck.ToJudge) check;
        SentJob job = share.job();
        Set<ShareFlag> flags = EnumSet.noneOf(ShareFlag.class);
        if (!session.ownsNonce(share.nonce())) {
            flags.add(ShareFlag.OUT_OF_RANGE);
        }
        Session.SubmitOrder order = session.countSubmit(job, share.nonce());
        if (order == Session.SubmitOrder.REPEATED) {
            flags.add(ShareFlag.DUPLICATE);
        } else if (order == Session.SubmitOrder.FIRST_OF_JOB) {
            metrics.firstShare(arrivalNanos - job.assignedNanos());
        }
        String firstUnder = work.firstSubmittedUnder(job.poolJob().template(), share.nonce(), job.wireId());
        if (firstUnder != null && !firstUnder.equals(job.wireId())) {
            flags.add(ShareFlag.REPEATED_WORK);
        }
        Bytes32 claimed = parseResult(share.claimedResult());
        String nonceText = share.nonceText();
        Consumer<ShareValidator.Outcome> answer = outcome -> {
            flags.addAll(outcome.flags());
            Verdict verdict = outcome.verdict();
            session.countForBan(verdict.accepted());
            if (verdict.accepted()) {
                session.countAccepted();
                metrics.accepted(job.job().target().displayDifficulty());
            }
            record(session.id(), session.login(), job.wireId(), nonceText, outcome.result().hex(), verdict, "", flags, arrivalNanos,
                    () -> session.send(rules.answer(requestId, verdict)));
            if (verdict == Verdict.BLOCK && config.blocksMoveTheChain()) {
                newJob(); // after the answer, as a pool hears of its block's successor from the node
            }
        };
        if (!judge.judge(job.job(), job.judged(), rules.blockBound(job.job().template().bits()), share.nonce(), claimed, answer)) {
            record(session.id(), session.login(), job.wireId(), nonceText, null, Verdict.BUSY, "validation queue full", flags, arrivalNanos,
                    () -> session.send(rules.answer(requestId, Verdict.BUSY)));
        }
    }

    /** A claimed result that is 32 bytes of hex, else null: pools with public source ignore it, so nothing is refused for it. */
    private static Bytes32 parseResult(String hex) {
        try {
            return hex == null ? null : Bytes32.fromHex("result", hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What the dialect's checks may ask about one submit of one session. */
    private final class SessionSubmit implements SubmitContext {
        private final Session session;
        private final JsonNode params;

        SessionSubmit(Session session, JsonNode params) {
            this.session = session;
            this.params = params;
        }

        @Override
        public String login() {
            return session.login();
        }

        @Override
        public JsonNode params() {
            return params;
        }

        @Override
        public Optional<SentJob> job(String wireId) {
            // A job the pool has dropped from its window is unknown, even where the session remembers it.
            return session.sentJob(wireId).filter(sent -> jobs.find(sent.poolJob().id()).isPresent());
        }

        @Override
        public boolean isStale(SentJob job) {
            return jobs.isStale(job.poolJob());
        }

        @Override
        public boolean submittedBefore(SentJob job, long nonce) {
            return session.submittedBefore(job, nonce);
        }

        @Override
        public boolean banned() {
            if (!bans.enabled()) {
                return false;
            }
            if (bans.isBanned(session.login())) {
                return true;
            }
            if (session.earnsBan(BanList.MINIMUM_SUBMITS)) {
                bans.ban(session.login());
                LOG.info("worker {} banned for {}: at least half of its last submits were bad", Text.printable(session.login()),
                        bans.period());
                return true;
            }
            return false;
        }
    }

    // --- the mock node ---

    @Override
    public NodeWork work() {
        PoolJob job = jobs.current();
        return new NodeWork(job.template(), job.seed());
    }

    @Override
    public void submitWork(BlockHeader solved, Consumer<NodeAnswer> answer) {
        long arrival = System.nanoTime();
        String nonceText = Job.formatNonce(solved.nonce());
        Optional<PoolJob> known = jobs.findTemplate(solved.withNonce(0));
        if (known.isEmpty() || jobs.isStale(known.get())) {
            String detail = known.isEmpty() ? "no such block template" : "height " + solved.height() + " is behind the chain";
            record(ShareRecord.SOLO_SESSION, ShareRecord.SOLO_WORKER, known.map(PoolJob::id).orElse(null), nonceText, null,
                    known.isEmpty() ? Verdict.UNKNOWN_JOB : Verdict.STALE, detail, Set.of(), arrival,
                    () -> answer.accept(NodeAnswer.BLOCK_CHANGED));
            return;
        }
        PoolJob job = known.get();
        Set<ShareFlag> flags = EnumSet.noneOf(ShareFlag.class);
        if (work.firstSubmittedUnder(job.template(), solved.nonce(), job.id()) != null) {
            flags.add(ShareFlag.DUPLICATE);
        }
        ShareTarget network = ShareTarget.of(Difficulty.compactToBig(solved.bits()));
        Consumer<ShareValidator.Outcome> then = outcome -> {
            flags.addAll(outcome.flags());
            // A block moves the chain on before the miner hears of it, so its next get-work is new work.
            if (outcome.verdict() == Verdict.BLOCK) {
                blocks.add(solved);
                newJob();
            }
            record(ShareRecord.SOLO_SESSION, ShareRecord.SOLO_WORKER, job.id(), nonceText, outcome.result().hex(),
                    outcome.verdict(), "", flags, arrival,
                    () -> answer.accept(outcome.verdict() == Verdict.BLOCK ? NodeAnswer.ACCEPTED : NodeAnswer.MISSES_TARGET));
        };
        if (!judge.judge(job.forSession(0, network), network.value(), network.value(), solved.nonce(), null, then)) {
            record(ShareRecord.SOLO_SESSION, ShareRecord.SOLO_WORKER, job.id(), nonceText, null, Verdict.BUSY,
                    "validation queue full", flags, arrival, () -> answer.accept(NodeAnswer.BUSY));
        }
    }

    @Override
    public void rejectWork(String detail, Runnable answer) {
        record(ShareRecord.SOLO_SESSION, ShareRecord.SOLO_WORKER, null, null, null, Verdict.MALFORMED, detail, Set.of(),
                System.nanoTime(), answer);
    }

    @Override
    public Optional<BlockHeader> block(long height) {
        return blocks.at(height);
    }

    @Override
    public Optional<BlockHeader> block(Bytes32 id) {
        return blocks.withId(id);
    }

    // --- the record ---

    /**
     * Records a verdict, then answers it: the answer runs once the record is in the share log, so
     * nothing a miner was told is missing from it. Peer text is kept at a bounded length.
     */
    private void record(long session, String worker, String jobId, String nonce, String result, Verdict verdict, String detail,
                        Set<ShareFlag> flags, long arrivalNanos, Runnable answer) {
        long micros = (System.nanoTime() - arrivalNanos) / 1000;
        book.add(new ShareRecord(Instant.now(), session, Text.bounded(worker, Text.KEPT), Text.bounded(jobId, Text.KEPT),
                Text.bounded(nonce, Text.KEPT), result, verdict, Text.bounded(detail, Text.KEPT), micros, flags), answer);
        if (verdict == Verdict.BLOCK) {
            LOG.info("block found by session {} ({}): job {} nonce {}", session, Text.printable(worker), Text.printable(jobId),
                    Text.printable(nonce));
        }
    }

    @Override
    public List<ShareRecord> shares() {
        return book.records();
    }

    @Override
    public List<ProtocolEvent> events() {
        return events.events();
    }

    @Override
    public List<ShareRecord> newestShares(int n) {
        return book.newest(n);
    }

    @Override
    public List<ProtocolEvent> newestEvents(int n) {
        return events.newest(n);
    }

    public ProtocolEvent awaitEvent(Predicate<ProtocolEvent> matching, Duration timeout) throws InterruptedException {
        return events.await(matching, timeout);
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
    public PoolMetrics metrics() {
        return metrics;
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
        Map<ShareFlag, Long> flagged = new EnumMap<>(ShareFlag.class);
        for (ShareFlag f : ShareFlag.values()) {
            flagged.put(f, book.count(f));
        }
        Map<ProtocolEvent.Kind, Long> eventCounts = new EnumMap<>(ProtocolEvent.Kind.class);
        for (ProtocolEvent.Kind kind : ProtocolEvent.Kind.values()) {
            eventCounts.put(kind, events.count(kind));
        }
        return new PoolStats(sessions.size(), accepted, book.count(Verdict.BLOCK), rejected, flagged, eventCounts, book.logFailures(),
                jobs.current(), target.sent(), config.dialect(), Duration.between(started, Instant.now()));
    }

    /** Stops the timers and the validation workers, then writes out and closes the share log. */
    @Override
    public void close() {
        timers.shutdownNow();
        judge.close();
        book.close();
    }
}
