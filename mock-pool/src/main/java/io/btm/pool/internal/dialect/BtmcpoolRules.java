package io.btm.pool.internal.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.difficulty.BtmcpoolTargets;
import io.btm.core.difficulty.Diff1;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumError;
import io.btm.core.stratum.StratumMessage;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.Verdict;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * BytomDAO's btmcpool (github.com/BytomDAO/btmcpool at c357501): the files cited are under its
 * {@code stratum/} folder. It knows only login and submit, closes the connection on most
 * protocol errors, bans workers that send too many bad shares, and judges little beyond the proof
 * of work: no duplicate check, no nonce range, the claimed result ignored.
 */
class BtmcpoolRules extends DialectRules {
    /** {@code message.go}: the codes and messages of {@code ErrorType.genError}. */
    static final StratumError UNKNOWN = new StratumError(20, "Unknown Error");
    static final StratumError JOB_NOT_FOUND = new StratumError(21, "Job Not Found");
    static final StratumError LOW_DIFFICULTY = new StratumError(23, "Low Difficulty Share");
    static final StratumError UNAUTHORIZED = new StratumError(24, "Unauthorized Worker");
    static final StratumError INVALID_SUBMIT = new StratumError(32, "Invalid Submit Format");
    static final StratumError MULTIPLE_AUTHORIZATION = new StratumError(40, "Multiple Authorization");
    /** {@code btmc/handler.go:105}. */
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{1,16}");
    private static final int SERVER_ID_OFFSET = 60;

    BtmcpoolRules() {
        super(Dialect.BTMCPOOL);
    }

    BtmcpoolRules(Dialect variant) {
        super(variant);
    }

    /** {@code tcpsession.go:19,222-225}: {@code maxReqSize = 10 * 1024}; a longer line closes. */
    @Override
    public int maxLineBytes() {
        return 10 * 1024;
    }

    /**
     * {@code btmc/session.go:37-56}: {@code serverId << 60 | sessionId << (60 - ceil(log2 maxConn))},
     * server id 0; session ids are recycled below the connection limit.
     */
    @Override
    public long jobNonce(long sessionNumber, int maxConnections) {
        int bits = sessionBits(maxConnections);
        return (sessionNumber & ((1L << bits) - 1)) << rangeBits(maxConnections);
    }

    @Override
    public int rangeBits(int maxConnections) {
        return SERVER_ID_OFFSET - sessionBits(maxConnections);
    }

    private static int sessionBits(int maxConnections) {
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, maxConnections - 1));
        return Math.max(1, bits); // the source takes one bit off when log2 rounds to 0
    }

    /** {@code tcpsession.go:128}: a ring of the session's last 8 jobs. */
    @Override
    public int jobsKept() {
        return 8;
    }

    /** {@code job.go:10-20}: a random uint64, written in decimal. */
    @Override
    public String poolJobId(long sequence, SplittableRandom random) {
        return Long.toUnsignedString(random.nextLong());
    }

    /**
     * {@code btmc/util/util.go:27-34}: the top 4 bytes of 2^256 / d, reversed; but shares are
     * judged by the compact form of 2^256 / d, three significant bytes ({@code btmc/verifier.go:54-57}):
     * a little easier than the 4 bytes sent where d is above 256, a little harder where it is below
     * and not a power of two (d = 3: {@code 55555555} sent, {@code 555555} and zeros judged).
     */
    @Override
    public SessionTarget target(BigInteger difficulty) {
        return new SessionTarget(fourBytes(Diff1.POW2_256.value(), difficulty), BtmcpoolTargets.shareBound(difficulty));
    }

    /**
     * {@code btmc/handler.go:134-135}, {@code btmc/verifier.go:47-52}: about half the network
     * target, since the network difficulty is taken against 2^257 − 1 ({@code btmc/util/util.go:9}).
     * A result between the two is no block to btmcpool: a share if it meets the share target, else
     * {@code 23 Low Difficulty Share}.
     */
    @Override
    public BigInteger blockBound(long bits) {
        return BtmcpoolTargets.blockBound(bits);
    }

    /**
     * {@code cmd/main.go:75} reads {@code session.timeout}, but {@code conf/prod.yml} spells it
     * {@code session_timeout}, so the default of 5 minutes holds; each request and each job
     * pushed moves the deadline on ({@code tcpsession.go:394-402}).
     */
    @Override
    public Duration idleTimeout() {
        return Duration.ofMinutes(5);
    }

    @Override
    public boolean jobsKeepSessionsAlive() {
        return true;
    }

    /** No separate limit before login: the idle timeout applies from the start. */
    @Override
    public Duration loginTimeout() {
        return idleTimeout();
    }

    /** {@code connctl.go:92-115} and {@code btmc/conf/prod.yml:7}: 20 minutes. */
    @Override
    public Duration banPeriod() {
        return Duration.ofMinutes(20);
    }

    /** {@code btmc/sessiondecoder.go:21-24}, {@code tcpsession.go:240-245}: a decode error closes, without a reply. */
    @Override
    public Reaction unreadable() {
        return Reaction.CLOSE;
    }

    /** {@code btmc/sessiondecoder.go:26-33}: any method but login and submit fails the decoder, which closes. */
    @Override
    public Reaction notARequest() {
        return Reaction.CLOSE;
    }

    /** {@code btmc/sessiondecoder.go:26-33}: keepalived, getjob, getwork and every other method close. */
    @Override
    public Reaction otherMethod(String method, JsonNode params, boolean loggedIn) {
        return Reaction.CLOSE;
    }

    /**
     * {@code btmc/handler.go:24-28}: a second login is 40 and closes. {@code btmc/sessiondecoder.go:46-52}:
     * params that do not decode are 20 and close. {@code worker.go:15-30}: any string is a worker, even "".
     */
    @Override
    public LoginOutcome login(JsonNode params, boolean alreadyLoggedIn) {
        if (alreadyLoggedIn) {
            return new LoginOutcome.Refused(Reaction.replyAndClose(MULTIPLE_AUTHORIZATION), "second login on one connection");
        }
        JsonNode login = params == null || !params.isObject() ? null : params.get("login");
        if (login == null || !login.isTextual() || !fieldsAreText(params, "pass", "agent")) {
            return new LoginOutcome.Refused(Reaction.replyAndClose(UNKNOWN), "login params do not decode");
        }
        return new LoginOutcome.Accepted(login.asText());
    }

    /**
     * {@code btmc/handler.go:259-286}: the reply carries the job, with the login as {@code id}
     * ({@code btmc/job.go:48-51}); then the same job again as a notification.
     */
    @Override
    public List<StratumMessage> loginReplies(JsonNode requestId, String login, Job job) {
        return List.of(StratumMessage.reply(requestId, loginResult(login, job)), jobNotification(job));
    }

    /** {@code btmc/handler.go:58-178}, in its order. */
    @Override
    public SubmitCheck checkSubmit(SubmitContext submit) {
        if (submit.login() == null) { // :62-64
            return refused(Verdict.UNAUTHORIZED, Reaction.replyAndClose(UNAUTHORIZED), "submit before login", null, null, false);
        }
        JsonNode params = submit.params();
        if (params == null || !params.isObject() || !fieldsAreText(params, "id", "job_id", "nonce", "result")) {
            // btmc/sessiondecoder.go:37-43: params that do not decode into strings
            return refused(Verdict.MALFORMED, Reaction.replyAndClose(UNKNOWN), "submit params do not decode", null, null, false);
        }
        String workerId = text(params, "id");
        String jobId = text(params, "job_id");
        String nonce = text(params, "nonce");
        if (!submit.login().equals(workerId)) { // :68-72
            return refused(Verdict.UNAUTHORIZED, Reaction.replyAndClose(UNAUTHORIZED),
                    "id '" + workerId + "' is not the login '" + submit.login() + "'", jobId, nonce, false);
        }
        if (submit.banned()) { // :75
            return refused(Verdict.BANNED, Reaction.CLOSE, "worker banned", jobId, nonce, false);
        }
        if (jobId == null || !isUint64(jobId)) { // :79-89
            return refused(Verdict.MALFORMED, Reaction.reply(INVALID_SUBMIT), "job_id is not a decimal uint64", jobId, nonce, true);
        }
        Optional<SentJob> job = submit.job(jobId);
        if (job.isEmpty()) { // :90-101
            return refused(Verdict.UNKNOWN_JOB, Reaction.reply(JOB_NOT_FOUND), "job " + jobId + " not among the session's last "
                    + jobsKept(), jobId, nonce, true);
        }
        if (nonce == null || !NONCE.matcher(nonce).matches()) { // :105-117
            return refused(Verdict.MALFORMED, Reaction.reply(INVALID_SUBMIT), "nonce is not 1 to 16 lower-case hex digits",
                    jobId, nonce, true);
        }
        if (submit.isStale(job.get())) { // :138-154: stale shares are 32, not 21
            return refused(Verdict.STALE, Reaction.reply(INVALID_SUBMIT), "job " + jobId + " is of an older height", jobId, nonce, true);
        }
        // :157-164: the result is stored and never read; no duplicate check (btmc/session.go:16,54)
        return new SubmitCheck.ToJudge(job.get(), Long.parseUnsignedLong(nonce, 16), nonce, text(params, "result"));
    }

    @Override
    public StratumError lowDifficulty() {
        return LOW_DIFFICULTY; // btmc/verifier.go:54-57, share.go:76-77
    }

    /** btmcpool hashes in the handler and never answers busy; the mock's queue limit speaks its unknown error. */
    @Override
    public StratumError busy() {
        return UNKNOWN;
    }

    static SubmitCheck refused(Verdict verdict, Reaction reaction, String detail, String jobId, String nonce, boolean counts) {
        return new SubmitCheck.Refused(verdict, reaction, detail, jobId, nonce, counts);
    }

    /** Go's decoder takes a missing field as "", but fails on a present one that is not a string. */
    private static boolean fieldsAreText(JsonNode params, String... fields) {
        for (String field : fields) {
            JsonNode value = params.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** {@code strconv.ParseUint(id, 10, 64)}. */
    private static boolean isUint64(String text) {
        if (text.isEmpty() || text.length() > 20) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        try {
            Long.parseUnsignedLong(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
