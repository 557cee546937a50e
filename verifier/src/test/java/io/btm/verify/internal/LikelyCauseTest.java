package io.btm.verify.internal;

import io.btm.core.stratum.Job;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import io.btm.pool.trace.TraceLine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each likely cause from the pattern the pool saw, and no cause where there is no clear pattern. */
class LikelyCauseTest {
    private static final Instant T0 = Instant.parse("2026-12-04T18:00:00Z");
    /** antpool's first session: its range starts at 2^32, sent as the field {@code 0000000001000000}. */
    private static final long START = 1L << 32;
    private static final Map<Long, Long> STARTS = Map.of(1L, START);

    private static ShareRecord share(long millis, long session, String jobId, long nonce, ShareFlag... flags) {
        return new ShareRecord(T0.plusMillis(millis), session, "mimic.rig0", jobId, Job.formatNonce(nonce), null, Verdict.ACCEPTED, "", 10,
                Set.of(flags));
    }

    @Test
    void twinsFoundAtOnceAreTwoSearchesOfTheSameNonces() {
        List<ShareRecord> shares = List.of(share(0, 1, "7", START + 5), share(3, 1, "7", START + 5, ShareFlag.DUPLICATE));
        assertThat(LikelyCause.duplicate(shares, shares.get(1))).isEqualTo("nonce 0000000100000005 of job 7 came twice on one connection,"
                + " 3 ms apart: do two threads (goroutines) search the same nonces of one job?");
    }

    @Test
    void twinsFarApartAreASearchGoneOverAgain() {
        List<ShareRecord> shares = List.of(share(0, 1, "7", START + 5), share(1000, 1, "7", START + 6),
                share(4000, 1, "7", START + 5, ShareFlag.DUPLICATE));
        assertThat(LikelyCause.duplicate(shares, shares.get(2))).isEqualTo("nonce 0000000100000005 of job 7 came twice on one connection,"
                + " 4000 ms apart: does the miner search nonces again that it already tried, e.g. the job's range from its start?");
    }

    @Test
    void everyNonceAboveTheFieldReadBigEndianIsTheNonceReadBigEndian() {
        List<ShareRecord> outside = List.of(share(0, 1, "7", (1L << 24) + 3), share(250, 1, "7", (1L << 24) + 40));
        assertThat(LikelyCause.outOfRange(outside, STARTS)).isEqualTo("first: nonce 0000000001000003, the session's range starting at"
                + " 0000000100000000; every nonce is just above 0000000001000000, the job's nonce field 0000000001000000 read as a big-endian"
                + " number: is the job's little-endian nonce read big-endian?");
    }

    @Test
    void everyNonceWithItsBytesReversedAboveTheStartIsTheNonceWrittenLittleEndian() {
        List<ShareRecord> outside = List.of(share(0, 1, "7", Long.reverseBytes(START + 3)));
        assertThat(LikelyCause.outOfRange(outside, STARTS)).endsWith("every nonce with its bytes reversed is just above that start:"
                + " is the nonce submitted little-endian, where the pool reads it most significant digit first?");
    }

    @Test
    void everyNonceCountedFromZeroIsTheJobsNonceIgnored() {
        List<ShareRecord> outside = List.of(share(0, 1, "7", 3), share(250, 1, "7", 9));
        assertThat(LikelyCause.outOfRange(outside, STARTS)).endsWith("every nonce is below it, counted from 0: does the miner start from 0"
                + " rather than from the job's nonce?");
    }

    private static TraceLine sent(long micros, String data) {
        return new TraceLine(T0.plusNanos(micros * 1000), 1, false, data);
    }

    /** btc.com's pool answers a login in two objects written at once: the status, then the job. */
    private static final List<TraceLine> LOGIN_ANSWERED_TWICE = List.of(
            new TraceLine(T0, 1, true, "{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"r.1\"}}"),
            sent(300, "{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"status\":\"OK\"},\"error\":null}\n"),
            sent(28_300, "{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"id\":\"r.1\",\"job\":{\"job_id\":\"3\"},\"status\":\"OK\"},\"error\":null}"));

    @Test
    void aJobNeverMinedThatCameRightBehindAnotherMessageWasLostInOneRead() {
        assertThat(LikelyCause.jobLostInOneRead(LOGIN_ANSWERED_TWICE, List.of(), Duration.ofSeconds(45))).isEqualTo("job 3 came 28 ms"
                + " behind the pool's message before it, the miner silent between, so likely in one read with it, and no share of it came in"
                + " 45.0 s: unless the miner is that slow, is a message lost when two arrive in one read?");
    }

    @Test
    void aJobMinedSentAloneOrAfterTheMinerWroteWasNotLost() {
        assertThat(LikelyCause.jobLostInOneRead(LOGIN_ANSWERED_TWICE, List.of(share(5000, 1, "3", START)), Duration.ofSeconds(45))).isNull();
        TraceLine job = sent(900_000, "{\"method\":\"job\",\"params\":{\"job_id\":\"4\"}}");
        assertThat(LikelyCause.jobLostInOneRead(List.of(LOGIN_ANSWERED_TWICE.get(1), job), List.of(), Duration.ofSeconds(30))).isNull();
        TraceLine reply = sent(899_000, "{\"id\":2,\"result\":{\"status\":\"OK\"},\"error\":null}\n");
        TraceLine submit = new TraceLine(T0.plusNanos(899_300_000), 1, true, "{\"id\":3,\"method\":\"submit\"}");
        assertThat(LikelyCause.jobLostInOneRead(List.of(reply, submit, job), List.of(), Duration.ofSeconds(30))).isNull();
    }

    @Test
    void noPatternOrNoKnownSessionNamesOnlyWhatWasSeen() {
        List<ShareRecord> mixed = List.of(share(0, 1, "7", 3), share(250, 1, "7", START + (1L << 33)));
        assertThat(LikelyCause.outOfRange(mixed, STARTS)).isEqualTo("first: nonce 0000000000000003, the session's range starting at 0000000100000000");
        assertThat(LikelyCause.outOfRange(mixed, Map.of())).isEqualTo("first: nonce 0000000000000003");
    }
}
