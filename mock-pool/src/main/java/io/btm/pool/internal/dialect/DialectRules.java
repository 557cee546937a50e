package io.btm.pool.internal.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumError;
import io.btm.core.stratum.StratumMessage;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.Verdict;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one real pool family behaves toward a miner, each rule taken from that pool's public source
 * or captured traffic (docs/real-pools.md gives the file and line of each; the subclasses cite
 * them). The session handler and the engine ask these rules and do what they say. Stateless.
 */
public abstract class DialectRules {
    private final Dialect dialect;

    DialectRules(Dialect dialect) {
        this.dialect = dialect;
    }

    public static DialectRules of(Dialect dialect) {
        return switch (dialect) {
            case BTMCPOOL -> new BtmcpoolRules();
            case BTCPOOL -> new BtcpoolRules();
            case ANTPOOL -> new AntpoolRules();
            case RESULT_TRUE -> new ResultTrueRules();
        };
    }

    public final Dialect dialect() {
        return dialect;
    }

    // --- the wire ---

    /** Whether this message ends with a newline on the wire. */
    public boolean endsWithNewline(StratumMessage message) {
        return true;
    }

    /** The longest request line the pool reads; a longer one closes the connection. */
    public int maxLineBytes() {
        return 64 * 1024;
    }

    // --- sessions and jobs ---

    /**
     * The job nonce a session is sent: its little-endian hex is the job's {@code nonce} field, so
     * this is also where a miner that reads the field as the other fields starts.
     */
    public abstract long jobNonce(long sessionNumber, int maxConnections);

    /** How many nonces from {@link #jobNonce} on the session may call its own, as a power of two. */
    public abstract int rangeBits(int maxConnections);

    /** How many of its jobs a session remembers for its submits. */
    public abstract int jobsKept();

    /** The id of a new pool-wide job, the {@code sequence}-th issued. */
    public String poolJobId(long sequence, SplittableRandom random) {
        return Long.toString(sequence);
    }

    /** The id a session sees a job under, its {@code sent}-th job (from 1). */
    public String wireJobId(PoolJob job, long sent) {
        return job.id();
    }

    /** The target sent for a share difficulty, and the bound shares are judged by. */
    public abstract SessionTarget target(BigInteger difficulty);

    /** The largest result the pool takes for a block under these bits: the node's own target, unless the pool errs. */
    public BigInteger blockBound(long bits) {
        return Difficulty.compactToBig(bits);
    }

    /** How long a session may stay without a request (or, where the pool counts them, a job) before it is closed. */
    public abstract Duration idleTimeout();

    /** Whether job pushes reset the idle timeout too, not only requests. */
    public abstract boolean jobsKeepSessionsAlive();

    /** How long a connection may go without logging in. */
    public abstract Duration loginTimeout();

    /** How long a worker is banned once it earns a ban; zero where the pool never bans. */
    public Duration banPeriod() {
        return Duration.ZERO;
    }

    // --- requests other than submit ---

    /** A line that is not a JSON object of the protocol. */
    public abstract Reaction unreadable();

    /** A JSON object without a method, where a request was expected. */
    public abstract Reaction notARequest();

    /**
     * Any method but login and submit (keepalived, getjob, getwork, unknown ones): the reaction,
     * or null where the pool answers it with the current job as a notification.
     */
    public abstract Reaction otherMethod(String method, JsonNode params, boolean loggedIn);

    /** A login, as the pool judges it. */
    public abstract LoginOutcome login(JsonNode params, boolean alreadyLoggedIn);

    /** The messages a successful login is answered with, in order. */
    public abstract List<StratumMessage> loginReplies(JsonNode requestId, String login, Job job);

    // --- submits ---

    /** The cheap checks of a submit, in this pool's order. */
    public abstract SubmitCheck checkSubmit(SubmitContext submit);

    /** The result of an accepted share. */
    public JsonNode success() {
        return StratumMessage.statusOk();
    }

    /** The error a share gets that hashed above its target. */
    public abstract StratumError lowDifficulty();

    /** The error a share gets when the validation queue is full. */
    public abstract StratumError busy();

    /** How a verdict reached by hashing is answered. */
    public final StratumMessage answer(JsonNode requestId, Verdict verdict) {
        if (verdict.accepted()) {
            return StratumMessage.reply(requestId, success());
        }
        return StratumMessage.error(requestId, verdict == Verdict.BUSY ? busy() : lowDifficulty());
    }

    // --- shared pieces ---

    /** {@code {"id":login,"job":{…},"status":"OK"}}: the login result every real pool sends. */
    static ObjectNode loginResult(String login, Job job) {
        ObjectNode result = StratumMessage.object().put("id", login);
        result.set("job", job.toJson());
        result.put("status", "OK");
        return result;
    }

    static StratumMessage jobNotification(Job job) {
        return StratumMessage.notification("job", job.toJson());
    }

    /** The top four bytes of {@code dividend / difficulty}, as btmcpool and antpool send targets. */
    static ShareTarget fourBytes(BigInteger dividend, BigInteger difficulty) {
        if (difficulty.signum() <= 0) {
            throw new IllegalArgumentException("difficulty: must be positive, got " + difficulty);
        }
        return ShareTarget.ofTopBytes(dividend.divide(difficulty));
    }

    /** Text of a JSON field that must be a string, else null. */
    static String text(JsonNode params, String field) {
        JsonNode value = params.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
