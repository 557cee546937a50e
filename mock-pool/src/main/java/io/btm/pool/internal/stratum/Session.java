package io.btm.pool.internal.stratum;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumMessage;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.dialect.Reaction;
import io.btm.pool.internal.dialect.SentJob;
import io.btm.pool.internal.dialect.SessionTarget;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.SessionInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One miner connection: its nonce range, login and target, the jobs it was sent (as many as its
 * dialect remembers) and the faults a test set on it. Written by its event loop, the job timer and
 * validation workers, read by the control API: the job memory is guarded by this session's lock,
 * the rest are volatile immutable values or atomics. Messages go out as {@link StratumMessage}s;
 * the channel's encoder decides how they end on the wire.
 */
public final class Session {
    /** Nonces remembered per session for its duplicate checks, at most; the oldest job's go first. */
    static final int SUBMITS_KEPT = 100_000;

    private final long id;
    private final Channel channel;
    private final long nonceStart;
    private final int rangeBits;
    private final int jobsKept;
    private final int outboundLimit;
    // Guarded by this: the jobs sent, oldest first, and the nonces submitted for each.
    private final Map<String, SentJob> sentJobs = new LinkedHashMap<>();
    private final Map<String, Set<Long>> submitted = new LinkedHashMap<>();
    private long jobsSent;
    private int submitsKept;
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicInteger acceptedSinceRetarget = new AtomicInteger();
    /** Good and bad submits since the last ban check, for dialects that ban. */
    private final AtomicLong goodSubmits = new AtomicLong();
    private final AtomicLong badSubmits = new AtomicLong();
    private volatile String login;
    private volatile SessionTarget target;
    private volatile long replyDelayMillis;
    private volatile ShareTarget judgeTarget;
    /** Set once the pool has decided to close this session: it reads nothing more from it. */
    private volatile String closingBecause;

    /** @param outboundLimit bytes the miner may leave unread before the session is closed */
    public Session(long id, Channel channel, DialectRules rules, int maxConnections, int outboundLimit) {
        this.id = id;
        this.channel = channel;
        this.nonceStart = rules.jobNonce(id, maxConnections);
        this.rangeBits = rules.rangeBits(maxConnections);
        this.jobsKept = rules.jobsKept();
        this.outboundLimit = outboundLimit;
    }

    public long id() {
        return id;
    }

    /** The first nonce of this session's range, as its jobs say and miners read it. */
    public long nonceStart() {
        return nonceStart;
    }

    public boolean ownsNonce(long nonce) {
        return rangeBits >= 64 || Long.compareUnsigned(nonce - nonceStart, 1L << rangeBits) < 0;
    }

    /** The login name, or null before login. */
    public String login() {
        return login;
    }

    public void login(String worker) {
        this.login = worker;
    }

    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    /** This session's own target, or null for the pool's. */
    public SessionTarget target() {
        return target;
    }

    public void target(SessionTarget newTarget) {
        this.target = newTarget;
    }

    public SessionInfo info(ShareTarget effectiveTarget) {
        return new SessionInfo(id, login, remoteAddress(), nonceStart, effectiveTarget, jobsRemembered());
    }

    // --- jobs ---

    /**
     * Numbers a pool job for this session, with its nonce start and target, and remembers it
     * (forgetting the oldest beyond what the dialect keeps). The caller sends it.
     * <p>
     * A job sent again under the id it had (a second login, getwork, a re-issue to this session,
     * an old job resent: wherever the id is the pool's own) keeps the nonces submitted for it, so
     * the same work is not credited twice; only its target is the new one. A reused id that names
     * another job, as btc.com's {@code uint8_t} counter does once it wraps, starts with none.
     */
    public SentJob assign(PoolJob poolJob, SessionTarget sessionTarget, DialectRules rules) {
        synchronized (this) {
            jobsSent++;
            Job job = poolJob.forSession(nonceStart, sessionTarget.sent()).withId(rules.wireJobId(poolJob, jobsSent));
            SentJob sent = new SentJob(poolJob, job, sessionTarget.judged(), System.nanoTime());
            SentJob before = sentJobs.remove(job.jobId());
            if (before != null && before.poolJob().equals(poolJob)) {
                keepSubmitsAsNewest(job.jobId());
            } else {
                forgetSubmits(job.jobId());
            }
            sentJobs.put(job.jobId(), sent);
            while (sentJobs.size() > jobsKept) {
                String oldest = sentJobs.keySet().iterator().next();
                sentJobs.remove(oldest);
                forgetSubmits(oldest);
            }
            return sent;
        }
    }

    /** Assigns a pool job and sends it as a job notification. */
    public SentJob sendJob(PoolJob poolJob, SessionTarget sessionTarget, DialectRules rules) {
        SentJob sent = assign(poolJob, sessionTarget, rules);
        send(StratumMessage.notification("job", sent.job().toJson()));
        return sent;
    }

    /** A job this session still remembers, by the id it was sent under; judged by the fault's target where one is set. */
    public Optional<SentJob> sentJob(String wireId) {
        SentJob sent;
        synchronized (this) {
            sent = sentJobs.get(wireId);
        }
        ShareTarget override = judgeTarget;
        return Optional.ofNullable(sent).map(s -> override == null ? s : new SentJob(s.poolJob(), s.job(), override.value(), s.assignedNanos()));
    }

    /** Where a submit stands among this session's submits for its job. */
    public enum SubmitOrder {
        /** The job's first submit (that the session still remembers): the end of the job's switch latency. */
        FIRST_OF_JOB,
        FIRST_OF_NONCE,
        REPEATED
    }

    /** Counts a submit of this nonce for this job. */
    public SubmitOrder countSubmit(SentJob job, long nonce) {
        synchronized (this) {
            boolean firstOfJob = !submitted.containsKey(job.wireId());
            if (!submitted.computeIfAbsent(job.wireId(), k -> new HashSet<>()).add(nonce)) {
                return SubmitOrder.REPEATED;
            }
            submitsKept++;
            while (submitsKept > SUBMITS_KEPT && submitted.size() > 1) {
                forgetSubmits(submitted.keySet().iterator().next());
            }
            return firstOfJob ? SubmitOrder.FIRST_OF_JOB : SubmitOrder.FIRST_OF_NONCE;
        }
    }

    /** On this session's lock: a job sent again is as young as its sending, for its submits as for itself. */
    private void keepSubmitsAsNewest(String wireId) {
        Set<Long> nonces = submitted.remove(wireId);
        if (nonces != null) {
            submitted.put(wireId, nonces);
        }
    }

    /** On this session's lock. */
    private void forgetSubmits(String wireId) {
        Set<Long> nonces = submitted.remove(wireId);
        if (nonces != null) {
            submitsKept -= nonces.size();
        }
    }

    /** How many jobs this session remembers now. */
    public synchronized int jobsRemembered() {
        return sentJobs.size();
    }

    /** Whether this nonce was submitted before for this job. */
    public boolean submittedBefore(SentJob job, long nonce) {
        synchronized (this) {
            Set<Long> nonces = submitted.get(job.wireId());
            return nonces != null && nonces.contains(nonce);
        }
    }

    // --- counts ---

    /** Counts an accepted share for variable difficulty. */
    public void countAccepted() {
        acceptedSinceRetarget.incrementAndGet();
    }

    /** The accepted shares since the last call, for variable difficulty. */
    public int takeAcceptedCount() {
        return acceptedSinceRetarget.getAndSet(0);
    }

    /** Counts a submit toward a ban: good or bad. */
    public void countForBan(boolean good) {
        (good ? goodSubmits : badSubmits).incrementAndGet();
    }

    /**
     * Whether the submits since the last reset earn a ban: at least {@code minimum} of them, at
     * least half bad. Resets the counts when they do.
     */
    public boolean earnsBan(int minimum) {
        long good = goodSubmits.get();
        long bad = badSubmits.get();
        if (good + bad < minimum || bad * 2 < good + bad) {
            return false;
        }
        goodSubmits.set(0);
        badSubmits.set(0);
        return true;
    }

    // --- the wire ---

    /** Writes a message, honouring the faults set on this session. Safe from any thread. */
    public void send(StratumMessage message) {
        if (!dropsThisMessage()) {
            write(message, false);
        }
    }

    /** Carries out a dialect's reaction to a request: its answer, if any, then a close where it says. */
    public void react(JsonNode requestId, Reaction reaction) {
        if (reaction.close()) {
            closing(reaction.describe());
        }
        if (reaction.error() != null && !dropsThisMessage()) {
            write(StratumMessage.error(requestId, reaction.error()), reaction.close());
            return;
        }
        if (reaction.close()) {
            channel.close();
        }
    }

    /** The drop-next fault: whether this message is one of those to drop, counting it if so. */
    private boolean dropsThisMessage() {
        return dropNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private void write(Object message, boolean thenClose) {
        long delay = replyDelayMillis;
        Runnable writing = () -> {
            var written = channel.writeAndFlush(message);
            if (thenClose) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
            // A miner that does not read: its reads were paused at the high water mark; past the
            // limit, the pool stops holding bytes for it.
            long unread = channel.bytesBeforeWritable();
            if (unread > outboundLimit) {
                closing("not reading: over " + outboundLimit + " bytes unread");
                channel.close();
            }
        };
        if (delay > 0) {
            channel.eventLoop().schedule(writing, delay, TimeUnit.MILLISECONDS);
        } else {
            writing.run();
        }
    }

    // --- faults ---

    /** Fault: drop the next n messages to this miner. */
    public void dropNext(int n) {
        dropNext.set(n);
    }

    /** Fault: delay every message to this miner. */
    public void delayReplies(long millis) {
        this.replyDelayMillis = millis;
    }

    /** Fault: judge this session's shares by another target than the jobs say; null to stop. */
    public void judgeBy(ShareTarget newJudgeTarget) {
        this.judgeTarget = newJudgeTarget;
    }

    /** Fault: one line that is not JSON. */
    public void sendMalformedLine() {
        sendLine("{this is not json");
    }

    /** Fault: a line as given, written as raw bytes past the stratum encoder. */
    public void sendLine(String text) {
        write(Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8), false);
    }

    /** Closes the connection; why, where the pool closes of its own accord. */
    public void disconnect() {
        closing("closed by the pool");
        channel.close();
    }

    /** Notes that the pool closes this session, and why; the first reason given stands. */
    public void closing(String why) {
        if (closingBecause == null) {
            closingBecause = why;
        }
    }

    /** Why the pool closed this session, or null if it has not. */
    public String closingBecause() {
        return closingBecause;
    }
}
