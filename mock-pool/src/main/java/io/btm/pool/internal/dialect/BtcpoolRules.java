package io.btm.pool.internal.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.btm.core.difficulty.Diff1;
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
import java.util.Optional;

/**
 * btc.com's pool, server type BTM (github.com/btccom/btcpool-ABANDONED at 0127a750): the files
 * cited are under its {@code src/}. It answers a login in two objects and writes job objects
 * without a newline; it ignores what it does not understand rather than close; it checks
 * duplicates per job, answers most refusals with code -1, and some with JSON-RPC 1 arrays.
 */
class BtcpoolRules extends DialectRules {
    /** {@code Stratum.cc}, {@code StratumStatus::toString}; sent as arrays by {@code StratumSession.cc:669-678}. */
    static final StratumError DUPLICATE = StratumError.array(22, "Duplicate share");
    static final StratumError ILLEGAL_PARAMS = StratumError.array(27, "Illegal params");
    static final StratumError INVALID_USERNAME = StratumError.array(29, "Invalid username");
    /** {@code bytom/StratumSessionBytom.cc:40-54}, {@code rpc2ResponseBoolean}: failures are code -1 with a message. */
    static final StratumError BLOCK_EXPIRED = new StratumError(-1, "Block expired");
    static final StratumError LOW_DIFFICULTY = new StratumError(-1, "Low difficulty share");
    static final StratumError UNKNOWN_REASON = new StratumError(-1, "Unknown reason");
    /** The id btc.com's pool sends the first job under, whatever the login's id was. */
    private static final JsonNode FIRST_JOB_ID = IntNode.valueOf(1);

    BtcpoolRules() {
        super(Dialect.BTCPOOL);
    }

    BtcpoolRules(Dialect variant) {
        super(variant);
    }

    /**
     * {@code bytom/StratumSessionBytom.cc:145-158}: the first job (a reply under id 1) and every
     * job notification are written without a newline; every other answer ends with one.
     */
    @Override
    public boolean endsWithNewline(StratumMessage message) {
        boolean jobNotification = "job".equals(message.method());
        boolean firstJob = message.result() != null && message.result().has("job");
        return !jobNotification && !firstJob;
    }

    /**
     * {@code bytom/StratumSessionBytom.cc:97-99}: {@code sessionId << 32}, but written with
     * {@code Bin2HexR} ({@code Utils.cc:131-138}), byte-reversed unlike every other field; a miner
     * reading it as little-endian, as the other fields are, starts here.
     */
    @Override
    public long jobNonce(long sessionNumber, int maxConnections) {
        return Long.reverseBytes((sessionNumber & 0xffffffffL) << 32);
    }

    @Override
    public int rangeBits(int maxConnections) {
        return 32;
    }

    /** Job ids are a per-session {@code uint8_t}, so 256 of them are told apart. */
    @Override
    public int jobsKept() {
        return 256;
    }

    /**
     * {@code bytom/StratumSessionBytom.cc:37,89,130}: a per-session counter from 1, a
     * {@code uint8_t} that wraps after 255 to 0.
     */
    @Override
    public String wireJobId(PoolJob job, long sent) {
        return Long.toString(sent & 0xff);
    }

    /**
     * {@code bytom/StratumSessionBytom.cc:105-119} and {@code bytom/bh_shared.go:96,105-122}:
     * DIFF1 = 2^256 − 1, rounded to the compact form, trailing zero bytes trimmed; judged exactly
     * as sent ({@code bytom/StratumMinerBytom.cc:97-99}).
     */
    @Override
    public SessionTarget target(BigInteger difficulty) {
        if (difficulty.signum() <= 0) {
            throw new IllegalArgumentException("difficulty: must be positive, got " + difficulty);
        }
        return SessionTarget.exactly(ShareTarget.compactTrimmed(Diff1.MAX_UINT256.value().divide(difficulty)));
    }

    /** {@code StratumSession.cc}, {@code checkUserAndPwd}: the read timeout is 10 minutes once logged in. */
    @Override
    public Duration idleTimeout() {
        return Duration.ofMinutes(10);
    }

    /** A read timeout: only what the miner sends moves it on. */
    @Override
    public boolean jobsKeepSessionsAlive() {
        return false;
    }

    /** {@code StratumSession.cc:41,125}: 15 seconds to log in. */
    @Override
    public Duration loginTimeout() {
        return Duration.ofSeconds(15);
    }

    /** {@code StratumSession.cc:225-229}: a line that does not parse is logged and skipped. */
    @Override
    public Reaction unreadable() {
        return Reaction.IGNORE;
    }

    /** {@code StratumSession.cc}, {@code handleLine}: without a string method it fails validation. */
    @Override
    public Reaction notARequest() {
        return Reaction.reply(ILLEGAL_PARAMS);
    }

    /**
     * {@code bytom/StratumSessionBytom.cc}, {@code validate}: params must be an object, else 27.
     * Before login every method goes to a dispatcher that ignores it ({@code StratumSession.cc:102},
     * {@code StratumMessageDispatcher.cc:39-45}); after it, {@code getwork} is answered with a job
     * notification and anything else is ignored ({@code bytom/StratumMinerBytom.cc:48-68}).
     */
    @Override
    public Reaction otherMethod(String method, JsonNode params, boolean loggedIn) {
        if (params == null || !params.isObject()) {
            return Reaction.reply(ILLEGAL_PARAMS);
        }
        return loggedIn && method.equals("getwork") ? null : Reaction.IGNORE;
    }

    /**
     * {@code bytom/StratumSessionBytom.cc:184-194} and {@code StratumSession.cc}, {@code checkUserAndPwd}:
     * an unknown user is 29 as an array (the mock knows every user but the empty one); a second
     * login authorizes again.
     */
    @Override
    public LoginOutcome login(JsonNode params, boolean alreadyLoggedIn) {
        if (params == null || !params.isObject()) {
            return new LoginOutcome.Refused(Reaction.reply(ILLEGAL_PARAMS), "login params are not an object");
        }
        String login = params.path("login").asText("");
        String user = login.contains(".") ? login.substring(0, login.indexOf('.')) : login;
        if (user.isEmpty()) {
            return new LoginOutcome.Refused(Reaction.reply(INVALID_USERNAME), "no user name in login '" + login + "'");
        }
        return new LoginOutcome.Accepted(login);
    }

    /**
     * {@code bytom/StratumSessionBytom.cc:40-47}: first {@code {"status":"OK"}}; then
     * ({@code :145-150,158}) the job in a reply of its own under id 1, without a newline.
     */
    @Override
    public List<StratumMessage> loginReplies(JsonNode requestId, String login, Job job) {
        return List.of(StratumMessage.reply(requestId, StratumMessage.statusOk()),
                StratumMessage.reply(FIRST_JOB_ID, loginResult(login, job)));
    }

    /** {@code bytom/StratumMinerBytom.cc:116-270}, in its order; {@code params.id} is never read. */
    @Override
    public SubmitCheck checkSubmit(SubmitContext submit) {
        JsonNode params = submit.params();
        if (params == null || !params.isObject()) { // validate
            return BtmcpoolRules.refused(Verdict.MALFORMED, Reaction.reply(ILLEGAL_PARAMS), "params are not an object", null, null, false);
        }
        String jobId = params.path("job_id").asText(null);
        String nonceText = params.path("nonce").asText(null);
        if (submit.login() == null) { // the null dispatcher before login
            return BtmcpoolRules.refused(Verdict.UNAUTHORIZED, Reaction.IGNORE, "submit before login", jobId, nonceText, false);
        }
        Optional<SentJob> job = findJob(submit, jobId);
        if (job.isEmpty()) { // :134-148
            return BtmcpoolRules.refused(Verdict.UNKNOWN_JOB, Reaction.reply(BLOCK_EXPIRED), "job " + jobId + " unknown", jobId,
                    nonceText, false);
        }
        Long nonce = lenientHex(nonceText);
        if (nonce == null) {
            // :160-169 turns any text into some number and hashes it; such a share fails its target
            return BtmcpoolRules.refused(Verdict.MALFORMED, Reaction.reply(LOW_DIFFICULTY), "nonce is not hex",
                    job.get().wireId(), nonceText, false);
        }
        if (submit.submittedBefore(job.get(), nonce)) { // :171-179, before the stale check
            return BtmcpoolRules.refused(Verdict.DUPLICATE, Reaction.reply(DUPLICATE), "nonce already submitted for this job",
                    job.get().wireId(), nonceText, false);
        }
        if (submit.isStale(job.get())) { // :231-233
            return BtmcpoolRules.refused(Verdict.STALE, Reaction.reply(BLOCK_EXPIRED), "job of an older height",
                    job.get().wireId(), nonceText, false);
        }
        return new SubmitCheck.ToJudge(job.get(), nonce, nonceText, params.path("result").asText(null));
    }

    /** {@code :132}: the id read as a number and cast to {@code uint8_t}. */
    Optional<SentJob> findJob(SubmitContext submit, String jobId) {
        return submit.job(Long.toString(leadingDecimal(jobId) & 0xff));
    }

    /** Like {@code strtoul}: the leading decimal digits, 0 where there are none. */
    static long leadingDecimal(String text) {
        long value = 0;
        if (text != null) {
            for (int i = 0; i < text.length() && Character.isDigit(text.charAt(i)) && i < 19; i++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
        }
        return value;
    }

    /** 1 to 16 hex digits of either case, most significant first; null for anything else. */
    static Long lenientHex(String text) {
        if (text == null || text.isEmpty() || text.length() > 16) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return null;
            }
        }
        return Long.parseUnsignedLong(text, 16);
    }

    @Override
    public StratumError lowDifficulty() {
        return LOW_DIFFICULTY; // :262-268
    }

    @Override
    public StratumError busy() {
        return UNKNOWN_REASON;
    }
}
