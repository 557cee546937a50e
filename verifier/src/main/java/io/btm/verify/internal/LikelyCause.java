package io.btm.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.stratum.Job;
import io.btm.core.util.Hex;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.trace.TraceLine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The likely cause of a fault, in a user's words, from what the pool saw: what a person reading a
 * FAIL would otherwise work out from the share log. Each names the numbers it is drawn from and
 * says nothing where the pattern is not clear.
 */
final class LikelyCause {
    /** Twins closer than this were found at once, so by two searches of the same nonces, not by a search gone over again. */
    static final Duration TWO_SEARCHES = Duration.ofSeconds(1);
    /** Two messages the pool sent this close together, the miner silent between, likely reach it in one read (a busy host's JVM takes tens of ms). */
    static final Duration ONE_READ = Duration.ofMillis(100);
    /** How far above a miner's starting nonce its shares may lie: a btc.com session's whole range. */
    private static final long NEAR = 1L << 32;

    private LikelyCause() {
    }

    /**
     * Of repeated shares: the first one, the twin it repeats on one connection, and how far apart
     * the two arrived.
     *
     * @param shares every share of the scenario, in the order of their verdicts
     * @param repeat the first share the pool found a duplicate
     */
    static String duplicate(List<ShareRecord> shares, ShareRecord repeat) {
        String what = "nonce " + repeat.nonce() + " of job " + repeat.jobId();
        // a refused twin may get its verdict before the one it repeats, which waits for its hash: any order
        Optional<ShareRecord> twin = shares.stream().filter(s -> s != repeat && s.session() == repeat.session()
                && Objects.equals(s.nonce(), repeat.nonce()) && Objects.equals(s.jobId(), repeat.jobId())).findFirst();
        if (twin.isEmpty()) {
            return what + " came again";
        }
        Duration apart = Duration.between(arrival(twin.get()), arrival(repeat)).abs();
        String seen = what + " came twice on one connection, " + apart.toMillis() + " ms apart";
        return apart.compareTo(TWO_SEARCHES) < 0 ? seen + ": do two threads (goroutines) search the same nonces of one job?"
                : seen + ": does the miner search nonces again that it already tried, e.g. the job's range from its start?";
    }

    /** A record's time is its verdict's; the submit came the judging time before it. */
    private static Instant arrival(ShareRecord share) {
        return share.time().minusNanos(share.micros() * 1000);
    }

    /**
     * Of shares outside their session's nonce range: how each lies to the start the session was
     * sent, where every one lies the same way.
     *
     * @param outside       the shares the pool found out of range, oldest first
     * @param sessionStarts the first nonce of each session's range, by session id, where the pool still knows it
     */
    static String outOfRange(List<ShareRecord> outside, Map<Long, Long> sessionStarts) {
        ShareRecord first = outside.get(0);
        Long start = sessionStarts.get(first.session());
        if (start == null) {
            return "first: nonce " + first.nonce();
        }
        String seen = "first: nonce " + first.nonce() + ", the session's range starting at " + Job.formatNonce(start);
        if (all(outside, sessionStarts, (nonce, from) -> near(nonce, Long.reverseBytes(from)))) {
            // the job carries its nonce little-endian: read the other way, it is its bytes reversed
            return seen + "; every nonce is just above " + Job.formatNonce(Long.reverseBytes(start)) + ", the job's nonce field "
                    + Hex.encodeLittleEndian64(start) + " read as a big-endian number: is the job's little-endian nonce read big-endian?";
        }
        if (all(outside, sessionStarts, (nonce, from) -> near(Long.reverseBytes(nonce), from))) {
            return seen + "; every nonce with its bytes reversed is just above that start: is the nonce submitted little-endian, where the pool"
                    + " reads it most significant digit first?";
        }
        if (all(outside, sessionStarts, (nonce, from) -> Long.compareUnsigned(nonce, from) < 0 && near(nonce, 0))) {
            return seen + "; every nonce is below it, counted from 0: does the miner start from 0 rather than from the job's nonce?";
        }
        return seen;
    }

    /**
     * Of a miner that mined less than it was sent: the first job it never submitted a share of that
     * the pool sent right behind another message, the miner silent between the two, so that both
     * likely reached it in one read (btc.com's pool answers a login so: a status, then the job).
     *
     * @param trace  the pool's messages in and out, oldest first
     * @param shares every submit the pool saw
     * @param waited how long the scenario waited for shares
     * @return the cause, or null where no job it left unmined came so
     */
    static String jobLostInOneRead(List<TraceLine> trace, List<ShareRecord> shares, Duration waited) {
        Map<Long, TraceLine> sentSinceMinerWrote = new HashMap<>();
        for (TraceLine line : trace) {
            if (line.incoming()) {
                sentSinceMinerWrote.remove(line.session());
                continue;
            }
            TraceLine before = sentSinceMinerWrote.put(line.session(), line);
            JsonNode message = StratumText.parse(line.data());
            JsonNode job = message == null ? null : StratumText.job(message);
            if (before == null || job == null || !job.hasNonNull("job_id")) {
                continue;
            }
            String jobId = job.get("job_id").asText();
            Duration behind = Duration.between(before.time(), line.time());
            boolean mined = shares.stream().anyMatch(s -> s.session() == line.session() && jobId.equals(s.jobId()));
            if (!mined && behind.compareTo(ONE_READ) < 0) {
                return "job " + jobId + " came " + behind.toMillis() + " ms behind the pool's message before it, the miner silent between,"
                        + " so likely in one read with it, and no share of it came in " + Trial.seconds(waited) + ": unless the miner is that"
                        + " slow, is a message lost when two arrive in one read?";
            }
        }
        return null;
    }

    private interface Relation {
        boolean holds(long nonce, long sessionStart);
    }

    /** True when every share's session is known and its nonce stands in the relation to that session's start. */
    private static boolean all(List<ShareRecord> shares, Map<Long, Long> sessionStarts, Relation relation) {
        return shares.stream().allMatch(s -> {
            Long start = sessionStarts.get(s.session());
            Long nonce = parseNonce(s.nonce());
            return start != null && nonce != null && relation.holds(nonce, start);
        });
    }

    private static boolean near(long nonce, long above) {
        return Long.compareUnsigned(nonce - above, NEAR) < 0;
    }

    private static Long parseNonce(String text) {
        try {
            return Job.parseNonce(text);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }
}
