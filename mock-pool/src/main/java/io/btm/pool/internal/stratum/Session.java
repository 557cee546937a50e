package io.btm.pool.internal.stratum;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumMessage;
import io.btm.pool.model.SessionInfo;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One miner connection: its nonce range, login, the jobs it was sent and the faults a test set on
 * it. Read by validation workers and the control API while its event loop writes, hence the
 * concurrent map and volatile fields. Messages go out as {@link StratumMessage}s; the channel's
 * encoder decides how they end on the wire.
 */
public final class Session {
    /** Each session owns 2^40 nonces under a prefix of its id: two sessions never share a range. */
    public static final int RANGE_BITS = 40;

    private final long id;
    private final Channel channel;
    private final Map<String, Job> sentJobs = new ConcurrentHashMap<>();
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicInteger acceptedSinceRetarget = new AtomicInteger();
    private volatile String login;
    private volatile ShareTarget target;
    private volatile long replyDelayMillis;
    private volatile ShareTarget judgeTarget;

    public Session(long id, Channel channel) {
        this.id = id;
        this.channel = channel;
    }

    public long id() {
        return id;
    }

    /** The worker id a submit must name: this session's number. */
    public String loginId() {
        return Long.toString(id);
    }

    public long nonceStart() {
        return id << RANGE_BITS;
    }

    public boolean ownsNonce(long nonce) {
        return nonce >>> RANGE_BITS == id;
    }

    /** The login name, or null before login. */
    public String login() {
        return login;
    }

    void login(String worker) {
        this.login = worker;
    }

    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    /** This session's own target, or null for the pool's. */
    public ShareTarget target() {
        return target;
    }

    public void target(ShareTarget newTarget) {
        this.target = newTarget;
    }

    /** Counts an accepted share for variable difficulty. */
    public void countAccepted() {
        acceptedSinceRetarget.incrementAndGet();
    }

    /** The accepted shares since the last call, for variable difficulty. */
    public int takeAcceptedCount() {
        return acceptedSinceRetarget.getAndSet(0);
    }

    public SessionInfo info(ShareTarget effectiveTarget) {
        return new SessionInfo(id, login, remoteAddress(), nonceStart(), effectiveTarget);
    }

    /** Sends a job notification and remembers what was sent, so shares of it can be judged. */
    public void sendJob(Job job) {
        remember(job);
        send(StratumMessage.notification("job", job.toJson()));
    }

    public void remember(Job job) {
        sentJobs.put(job.jobId(), job);
    }

    /** The job a share of {@code jobId} is judged by: as sent, unless a judging target was set. */
    public Optional<Job> judgedJob(String jobId) {
        ShareTarget override = judgeTarget;
        return Optional.ofNullable(sentJobs.get(jobId))
                .map(job -> override == null ? job : new Job(job.jobId(), job.template(), job.seed(), override));
    }

    /** Writes a message, honouring the faults set on this session. Safe from any thread. */
    public void send(StratumMessage message) {
        if (dropNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return;
        }
        write(message);
    }

    private void write(Object message) {
        long delay = replyDelayMillis;
        if (delay > 0) {
            channel.eventLoop().schedule(() -> channel.writeAndFlush(message), delay, TimeUnit.MILLISECONDS);
        } else {
            channel.writeAndFlush(message);
        }
    }

    /** Fault: drop the next n messages to this miner. */
    public void dropNext(int n) {
        dropNext.set(n);
    }

    /** Fault: delay every message to this miner. */
    public void delayReplies(long millis) {
        this.replyDelayMillis = millis;
    }

    /** Fault: judge this session's shares by another target than the jobs say; null to stop. */
    public void judgeBy(ShareTarget target) {
        this.judgeTarget = target;
    }

    /** Fault: one line that is not JSON. */
    public void sendMalformedLine() {
        sendLine("{this is not json");
    }

    /** Fault: a line as given, written as raw bytes past the stratum encoder. */
    public void sendLine(String text) {
        write(Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
    }

    public void disconnect() {
        channel.close();
    }
}
