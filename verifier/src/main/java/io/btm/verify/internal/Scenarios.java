package io.btm.verify.internal;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Hex;
import io.btm.core.util.Text;
import io.btm.pool.MockPool;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import io.btm.verify.model.Timeline;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.btm.verify.internal.Trial.PATIENCE;
import static io.btm.verify.internal.Trial.await;
import static io.btm.verify.internal.Trial.fail;
import static io.btm.verify.internal.Trial.seconds;

/**
 * The scenarios' judging, each from the pool side only, each with the thresholds it measures
 * against written into its measurements. A threshold is generous where mining is a matter of
 * chance (how soon a share is found) and strict where it is a matter of behaviour (a share sent
 * for a job the miner knew was replaced).
 */
final class Scenarios {
    /** A share of a replaced job may still be on its way this long after the new job was sent. */
    static final Duration STALE_GRACE = Duration.ofSeconds(2);
    static final Duration FIRST_SHARE_OF_NEW_JOB = Duration.ofSeconds(30);
    static final Duration RECONNECT = Duration.ofSeconds(15);
    /** A pause shorter than this after a drop is a storm, not a backoff. */
    static final Duration SHORTEST_PAUSE = Duration.ofMillis(500);
    static final Duration BAN = Duration.ofSeconds(12);
    static final int MOST_LOGINS_DURING_BAN = 5;
    static final Duration HASHRATE_WINDOW = Duration.ofSeconds(30);
    static final double HASHRATE_RATIO_LOW = 0.5;
    static final double HASHRATE_RATIO_HIGH = 2.0;

    private Scenarios() {
    }

    static void protocol(Trial t) {
        t.awaitFirstLogin();
        if (!await(() -> t.pool.shares().size() >= 5, PATIENCE)) {
            throw fail(withLostJob(t, "only " + t.pool.shares().size() + " submits within " + seconds(PATIENCE) + " of the login", PATIENCE));
        }
        Trial.pause(2000); // what the miner sends between shares
        List<ProtocolEvent> events = t.pool.events();
        t.measure("submits", t.pool.shares().size());
        List<String> others = events.stream().filter(e -> e.kind() == ProtocolEvent.Kind.OTHER_METHOD)
                .map(ProtocolEvent::method).distinct().toList();
        t.measure("other requests", others.isEmpty() ? "none" : String.join(" ", others));
        for (ProtocolEvent e : events) {
            switch (e.kind()) {
                case LOGIN_REFUSED -> throw fail("a login was refused: " + e.detail() + " (" + e.reaction() + ")");
                case UNREADABLE_LINE -> throw fail("sent a line that is not a stratum message: " + e.detail());
                case NOT_A_REQUEST -> throw fail("sent a message that is not a request: " + e.detail());
                case OTHER_METHOD -> {
                    if (e.reaction() != null && e.reaction().endsWith("closed")) {
                        throw fail("sent '" + e.method() + "', which " + t.dialect.label() + "'s pool closes the connection for ("
                                + e.reaction() + ")");
                    }
                }
                default -> {
                }
            }
        }
        List<ShareRecord> unreadable = t.pool.shares().stream()
                .filter(s -> s.verdict() == Verdict.MALFORMED || s.verdict() == Verdict.UNAUTHORIZED).toList();
        if (!unreadable.isEmpty()) {
            throw fail(unreadable.size() + " submits the pool could not take: " + unreadable.get(0).detail());
        }
    }

    static void shares(Trial t) {
        t.awaitFirstLogin();
        await(() -> t.pool.shares().size() >= 10, PATIENCE);
        List<ShareRecord> shares = t.pool.shares();
        t.measure("submits", shares.size());
        if (shares.size() < 3) {
            throw fail(withLostJob(t, "only " + shares.size() + " submits within " + seconds(PATIENCE) + " of the login (at least 3 needed to judge)",
                    PATIENCE));
        }
        long low = shares.stream().filter(s -> s.verdict() == Verdict.LOW_DIFFICULTY).count();
        t.measure("below the target", low);
        if (low > 0) {
            throw fail(low + " of " + shares.size() + " shares did not meet the target (first: nonce " + first(shares, Verdict.LOW_DIFFICULTY).nonce() + ")");
        }
        Map<Long, Long> sessionStarts = t.pool.sessions().stream().collect(Collectors.toMap(SessionInfo::id, SessionInfo::nonceStart));
        for (ShareFlag flag : List.of(ShareFlag.DUPLICATE, ShareFlag.REPEATED_WORK, ShareFlag.WRONG_RESULT, ShareFlag.OUT_OF_RANGE)) {
            List<ShareRecord> flagged = shares.stream()
                    .filter(s -> s.flagged(flag) || flag == ShareFlag.DUPLICATE && s.verdict() == Verdict.DUPLICATE).toList();
            if (!flagged.isEmpty()) {
                String cause = switch (flag) {
                    case DUPLICATE -> LikelyCause.duplicate(shares, flagged.get(0));
                    case OUT_OF_RANGE -> LikelyCause.outOfRange(flagged, sessionStarts);
                    default -> "first: nonce " + flagged.get(0).nonce() + " of job " + flagged.get(0).jobId();
                };
                throw fail(flagged.size() + " of " + shares.size() + " shares were " + flag.label().replace('_', ' ') + ": " + cause);
            }
        }
        List<ShareRecord> refused = shares.stream().filter(s -> !s.verdict().accepted() && s.verdict() != Verdict.BUSY).toList();
        if (!refused.isEmpty()) {
            throw fail(refused.size() + " of " + shares.size() + " shares were refused: " + refused.get(0).verdict().label() + " ("
                    + refused.get(0).detail() + ")");
        }
        t.measure("valid", shares.size() + " of " + shares.size());
    }

    /**
     * The reason, and the likely cause where the pool's trace shows a job left unmined that came
     * right behind another message. Not for a new job's notification, which often follows a reply
     * as closely: a miner that ignores notifications would be told the wrong cause.
     */
    private static String withLostJob(Trial t, String reason, Duration waited) {
        String cause = LikelyCause.jobLostInOneRead(t.poolTrace(), t.pool.shares(), waited);
        return cause == null ? reason : reason + "; " + cause;
    }

    private static ShareRecord first(List<ShareRecord> shares, Verdict verdict) {
        return shares.stream().filter(s -> s.verdict() == verdict).findFirst().orElseThrow();
    }

    static void jobSwitch(Trial t) {
        t.awaitSteady();
        Set<String> oldIds = Trial.jobIdsSoFar(t.pool);
        Instant switched = Instant.now();
        t.pool.newJob();
        t.drove(Timeline.Lane.JOB, "new job");
        t.limit("first share of the new job", switched, FIRST_SHARE_OF_NEW_JOB);
        t.limit("stale grace: no share of the old job after", switched, STALE_GRACE);
        ShareRecord first = Trial.awaitShare(t.pool, switched, s -> !oldIds.contains(s.jobId()), FIRST_SHARE_OF_NEW_JOB);
        if (first == null) {
            throw fail("no share of the new job within " + seconds(FIRST_SHARE_OF_NEW_JOB));
        }
        t.measure("first share of the new job after", seconds(Duration.between(switched, first.time())) + " (at most "
                + seconds(FIRST_SHARE_OF_NEW_JOB) + ")");
        Trial.pause(STALE_GRACE.toMillis() + 3000); // late shares of the old job would come by now
        List<ShareRecord> late = Trial.sharesSince(t.pool, switched.plus(STALE_GRACE), s -> oldIds.contains(s.jobId()));
        t.measure("shares of the old job later than " + seconds(STALE_GRACE), late.size());
        if (!late.isEmpty()) {
            Duration latest = Duration.between(switched, late.get(late.size() - 1).time());
            throw fail(late.size() + " shares of the replaced job more than " + seconds(STALE_GRACE) + " after the new one, the last "
                    + seconds(latest) + " after it");
        }
    }

    static void targetChange(Trial t) {
        t.awaitSteady();
        Set<String> oldIds = Trial.jobIdsSoFar(t.pool);
        ShareTarget oldTarget = t.pool.target();
        BigInteger raised = t.difficulty.multiply(BigInteger.valueOf(4));
        Instant changed = Instant.now();
        t.pool.setDifficulty(raised);
        t.pool.newJob(); // as real pools do: a new target comes with the next job
        t.drove(Timeline.Lane.JOB, "new job at difficulty " + raised);
        t.limit("5 shares of the new job", changed, PATIENCE);
        t.measure("difficulty", t.difficulty + " → " + raised);
        await(() -> Trial.sharesSince(t.pool, changed, s -> !oldIds.contains(s.jobId())).size() >= 5, PATIENCE);
        List<ShareRecord> newJob = Trial.sharesSince(t.pool, changed, s -> !oldIds.contains(s.jobId()));
        t.measure("shares of the new job", newJob.size());
        // A share that meets the old target only is one judged by the wrong target; one that meets
        // neither is no share at all, which the shares scenario judges.
        List<ShareRecord> oldTargetOnly = newJob.stream().filter(s -> s.verdict() == Verdict.LOW_DIFFICULTY && s.result() != null
                && Difficulty.hashToBig(Hex.decode("result", s.result())).compareTo(oldTarget.value()) <= 0).toList();
        t.measure("meeting only the old target", oldTargetOnly.size());
        if (!oldTargetOnly.isEmpty()) {
            throw fail(oldTargetOnly.size() + " of " + newJob.size() + " shares of the new job met the old target but not the raised one");
        }
        if (newJob.stream().filter(s -> s.verdict().accepted()).count() < 2) {
            throw fail("fewer than 2 accepted shares at the raised target within " + seconds(PATIENCE));
        }
    }

    static void epochChange(Trial t) {
        t.awaitSteady();
        Set<String> oldIds = Trial.jobIdsSoFar(t.pool);
        PoolJob current = t.pool.currentJob();
        long nextEpoch = (current.height() / 256 + 1) * 256;
        Instant changed = Instant.now();
        PoolJob job = t.pool.newJob(nextEpoch, null, null);
        t.drove(Timeline.Lane.JOB, "new epoch at height " + nextEpoch);
        t.limit("first valid share of the new epoch", changed, PATIENCE);
        t.measure("seed", current.seed().hex().substring(0, 8) + "… → " + job.seed().hex().substring(0, 8) + "… at height " + nextEpoch);
        if (job.seed().equals(current.seed())) {
            throw fail("the pool did not change the seed at height " + nextEpoch + " (a verifier bug)");
        }
        ShareRecord first = Trial.awaitShare(t.pool, changed, s -> !oldIds.contains(s.jobId()) && s.verdict().accepted(), PATIENCE);
        if (first == null) {
            throw fail("no valid share of the new epoch within " + seconds(PATIENCE));
        }
        t.measure("first valid share of the new epoch after", seconds(Duration.between(changed, first.time())) + " (at most " + seconds(PATIENCE) + ")");
    }

    static void disconnect(Trial t) {
        t.awaitSteady();
        Instant dropped = Instant.now();
        t.pool.disconnectAll();
        t.drove(Timeline.Lane.FAULT, "pool drops every session");
        t.limit("reconnect", dropped, RECONNECT);
        ProtocolEvent back = Trial.await(t.pool, e -> e.kind() == ProtocolEvent.Kind.LOGIN && e.time().isAfter(dropped), RECONNECT);
        if (back == null) {
            throw fail("no reconnect within " + seconds(RECONNECT) + " of the pool dropping the connection");
        }
        t.measure("reconnect after", seconds(Duration.between(dropped, back.time())) + " (at most " + seconds(RECONNECT) + ")");
        // Dropped again at each login: the pauses before the next login must grow, never a storm.
        List<Duration> pauses = new ArrayList<>();
        ProtocolEvent login = back;
        for (int drop = 0; drop < 2; drop++) {
            t.pool.disconnect(login.session());
            Instant at = Instant.now();
            t.drove(Timeline.Lane.FAULT, "pool drops the session right after its login");
            t.limit("shortest pause before the next login", at, SHORTEST_PAUSE);
            ProtocolEvent next = Trial.await(t.pool, e -> e.kind() == ProtocolEvent.Kind.LOGIN && e.time().isAfter(at), Duration.ofSeconds(40));
            if (next == null) {
                throw fail("no login within 40 s of drop " + (drop + 2));
            }
            pauses.add(Duration.between(at, next.time()));
            login = next;
        }
        t.measure("pauses after drops right after login", pauses.stream().map(Trial::seconds).collect(Collectors.joining(", ")));
        if (pauses.get(0).compareTo(SHORTEST_PAUSE) < 0) {
            throw fail("reconnected " + seconds(pauses.get(0)) + " after being dropped right after its login: a storm, no backoff (at least "
                    + seconds(SHORTEST_PAUSE) + ")");
        }
        if (pauses.get(1).compareTo(pauses.get(0)) <= 0) {
            throw fail("the pause did not grow across drops (" + seconds(pauses.get(0)) + ", then " + seconds(pauses.get(1)) + ")");
        }
    }

    static void garbage(Trial t) {
        t.awaitSteady();
        SessionInfo session = loggedIn(t.pool);
        Instant from = Instant.now();
        t.pool.inject(session.id(), new Fault.Line("this is not json {"));
        t.pool.inject(session.id(), new Fault.Line("{\"id\":null,\"method\":\"mining.set_extranonce\",\"params\":[\"00\",4]}"));
        t.pool.inject(session.id(), new Fault.Line("{\"id\":9999,\"result\":true,\"error\":null}"));
        t.pool.inject(session.id(), new Fault.Delay(Duration.ofSeconds(2)));
        t.drove(Timeline.Lane.FAULT, "garbage, an unknown method, a reply to no request; replies 2 s late");
        t.limit("3 accepted shares", from, PATIENCE);
        t.measure("sent", "a line of garbage, an unknown method, a reply to no request; replies 2 s late");
        boolean mined = await(() -> Trial.acceptedSince(t.pool, from) >= 3, PATIENCE);
        t.pool.inject(session.id(), new Fault.Delay(Duration.ZERO));
        t.drove(Timeline.Lane.FAULT, "replies on time again");
        long accepted = Trial.acceptedSince(t.pool, from);
        t.measure("accepted since", accepted);
        List<ProtocolEvent> closed = Trial.eventsSince(t.pool, from, ProtocolEvent.Kind.CLOSED);
        if (!closed.isEmpty()) {
            throw fail("the connection closed after the garbage (" + closed.get(0).detail() + ")");
        }
        if (!mined) {
            throw fail("only " + accepted + " accepted shares within " + seconds(PATIENCE) + " of the garbage (3 needed)");
        }
    }

    private static SessionInfo loggedIn(MockPool pool) {
        return pool.sessions().stream().filter(SessionInfo::loggedIn).reduce((a, b) -> b)
                .orElseThrow(() -> fail("no logged-in session"));
    }

    static void ban(Trial t) {
        t.awaitSteady();
        // the names the miner's sessions logged in with, not {user}: a miner may ignore what it is given
        List<String> logins = t.pool.sessions().stream().filter(SessionInfo::loggedIn).map(SessionInfo::login).distinct().toList();
        if (logins.isEmpty()) {
            throw fail("no logged-in session to ban");
        }
        Instant banned = Instant.now();
        logins.forEach(login -> t.pool.ban(login, BAN));
        t.measure("banned", logins.stream().map(Text::printable).collect(Collectors.joining(", ")));
        t.drove(Timeline.Lane.FAULT, "silent ban of " + seconds(BAN));
        t.limit("ban: at most " + MOST_LOGINS_DURING_BAN + " logins", banned, BAN);
        t.limit("back after the ban", banned.plus(BAN), Duration.ofSeconds(60));
        Trial.pause(BAN.toMillis());
        List<ProtocolEvent> refused = Trial.eventsSince(t.pool, banned, ProtocolEvent.Kind.LOGIN_REFUSED);
        t.measure("logins during the " + seconds(BAN) + " ban", refused.size() + " (at most " + MOST_LOGINS_DURING_BAN + ")");
        if (refused.size() > MOST_LOGINS_DURING_BAN) {
            throw fail(refused.size() + " logins in the " + seconds(BAN) + " of a silent ban: no backoff (at most " + MOST_LOGINS_DURING_BAN + ")");
        }
        Instant ended = banned.plus(BAN);
        ProtocolEvent back = Trial.await(t.pool, e -> e.kind() == ProtocolEvent.Kind.LOGIN && e.time().isAfter(ended), Duration.ofSeconds(60));
        if (back == null) {
            throw fail("did not come back within 60 s of the ban ending");
        }
        t.measure("back after the ban ended", seconds(Duration.between(ended, back.time())) + " (at most 60.0 s)");
    }

    static void failover(Trial t) {
        t.awaitSteady();
        Instant gone = Instant.now();
        t.pool.close();
        t.drove(Timeline.Lane.FAULT, "first pool goes away");
        t.limit("login on the second pool", gone, Duration.ofSeconds(60));
        ProtocolEvent moved = Trial.await(t.second, e -> e.kind() == ProtocolEvent.Kind.LOGIN, Duration.ofSeconds(60));
        if (moved == null) {
            throw fail("no login on the second pool within 60 s of the first going away");
        }
        t.measure("on the second pool after", seconds(Duration.between(gone, moved.time())) + " (at most 60.0 s)");
        t.measure("login on the second pool", Trial.loginSeen(moved.worker(), t.command));
        if (Trial.awaitShare(t.second, gone, s -> s.verdict().accepted(), PATIENCE) == null) {
            throw fail("no accepted share on the second pool within " + seconds(PATIENCE));
        }
    }

    static void hashrate(Trial t) {
        Instant from = t.awaitSteady();
        t.limit("hashrate window", from, HASHRATE_WINDOW);
        Trial.pause(HASHRATE_WINDOW.toMillis());
        long accepted = Trial.acceptedSince(t.pool, from);
        double effective = accepted * Trial.hashesPerShare(t.pool.target()) / HASHRATE_WINDOW.toSeconds();
        t.measure("effective", String.format(Locale.ROOT, "%.1f H/s (%d accepted shares in %s)", effective, accepted, seconds(HASHRATE_WINDOW)));
        // every share the miner's sessions sent counts, whatever name they logged in with; the pool credits it to that name
        String credited = Trial.sharesSince(t.pool, from, s -> s.verdict().accepted()).stream().map(ShareRecord::worker).distinct()
                .map(Text::printable).collect(Collectors.joining(", "));
        t.measure("credited to", credited.isEmpty() ? "no one" : credited);
        Double reported = ReportedHashrate.read(t.apiPort);
        if (reported == null) {
            t.measure("reported", "none (no {api} in the command, or no known status API)");
            return;
        }
        double ratio = effective / reported;
        t.measure("reported", String.format(Locale.ROOT, "%.1f H/s, effective/reported %.2f (%.1f to %.1f)", reported, ratio,
                HASHRATE_RATIO_LOW, HASHRATE_RATIO_HIGH));
        if (accepted >= 10 && (ratio < HASHRATE_RATIO_LOW || ratio > HASHRATE_RATIO_HIGH)) {
            throw fail(String.format(Locale.ROOT, "the accepted shares prove %.1f H/s where the miner reports %.1f H/s", effective, reported));
        }
    }
}
