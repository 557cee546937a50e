package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.HeaderHasher;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Hex;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every verdict, in every dialect, as a hand-written client on loopback sees it. */
class VerdictTest {
    /** Bits whose target exceeds 2^256: every result is a block. */
    private static final long EVERYTHING_IS_A_BLOCK = 34L << 56 | 0x007fffffffffffffL;
    private static MatrixCache cache;
    private MockPool pool;

    @BeforeAll
    static void cache() {
        cache = MatrixCache.build(PoolConfig.INITIAL_SEED.toArray());
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
    }

    private StratumTestClient start(Dialect dialect, ShareTarget target) {
        pool = MockPool.start(PoolConfig.builder().dialect(dialect).target(target).build());
        StratumTestClient client = new StratumTestClient(pool.stratumPort());
        assertThat(client.login("alice.rig1").path("result").path("status").asText()).isEqualTo("OK");
        return client;
    }

    private static void assertSuccess(Dialect dialect, JsonNode reply) {
        assertThat(reply.get("error").isNull()).as(reply.toString()).isTrue();
        if (dialect == Dialect.RESULT_TRUE) {
            assertThat(reply.get("result").asBoolean()).isTrue();
        } else {
            assertThat(reply.get("result").get("status").asText()).isEqualTo("OK");
        }
    }

    private static void assertError(Dialect dialect, JsonNode reply, int code, String antpoolMessage) {
        assertThat(reply.get("result").isNull()).as(reply.toString()).isTrue();
        if (dialect == Dialect.ANTPOOL) {
            assertThat(reply.get("error").get("code").asInt()).isEqualTo(-1);
            assertThat(reply.get("error").get("message").asText()).isEqualTo(antpoolMessage);
        } else {
            assertThat(reply.get("error").get("code").asInt()).isEqualTo(code);
        }
    }

    private static String referenceResult(Job job, long nonce) {
        return Hex.encode(Tensority.hash(new HeaderHasher(job.template()).hash(nonce), cache));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void acceptedShareCarriesTheReferenceResult(Dialect dialect) {
        try (StratumTestClient client = start(dialect, ShareTarget.parseHex("ffffffff"))) {
            long nonce = client.job.startNonce() + 7;
            assertSuccess(dialect, client.submit(nonce));
            ShareRecord record = pool.shares().get(0);
            assertThat(record.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(record.result()).isEqualTo(referenceResult(client.job, nonce));
            assertThat(record.worker()).isEqualTo("alice.rig1");

            assertError(dialect, client.submit(nonce), 22, "Duplicate Share");
            assertThat(pool.count(Verdict.DUPLICATE)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void lowDifficultyShareIsRejected(Dialect dialect) {
        try (StratumTestClient client = start(dialect, ShareTarget.parseHex("00000000"))) {
            long nonce = client.job.startNonce();
            assertError(dialect, client.submit(nonce), 23, "Low difficulty share");
            assertThat(pool.shares().get(0).result()).isEqualTo(referenceResult(client.job, nonce));
            assertThat(pool.count(Verdict.LOW_DIFFICULTY)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shareMeetingTheBitsIsABlock(Dialect dialect) {
        try (StratumTestClient client = start(dialect, ShareTarget.parseHex("00000000"))) {
            pool.newJob(null, null, EVERYTHING_IS_A_BLOCK);
            client.nextJob();
            assertSuccess(dialect, client.submit(client.job.startNonce()));
            assertThat(pool.count(Verdict.BLOCK)).isEqualTo(1);
            assertThat(pool.stats().blocks()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void staleUnknownOutOfRangeMalformedAndUnauthorized(Dialect dialect) {
        try (StratumTestClient client = start(dialect, ShareTarget.parseHex("ffffffff"))) {
            Job old = client.job;
            pool.newJob();
            client.nextJob();
            assertError(dialect, client.submit(old.jobId(), Job.formatNonce(old.startNonce())), 21, "Block expired");
            assertError(dialect, client.submit("no-such-job", Job.formatNonce(client.job.startNonce())), 21, "Job Not Found");
            assertError(dialect, client.submit(client.job.startNonce() - 1), 32, "Invalid Submit Format");
            assertError(dialect, client.submit(client.job.jobId(), "not-hex"), 32, "Invalid Submit Format");
            assertError(dialect, client.submit(client.job.jobId(), "00000000000000001"), 32, "Invalid Submit Format");

            client.sendLine("{\"id\": 99, \"method\": \"submit\", \"params\": [1,2]}");
            assertError(dialect, client.replyTo(99), 32, "Invalid Submit Format");
            client.sendLine("{not json");
            assertError(dialect, client.readJson(), 32, "Invalid Submit Format");

            String mine = client.sessionId;
            client.sessionId = "someone-else";
            assertError(dialect, client.submit(client.job.startNonce()), 24, "Unauthorized Worker");
            client.sessionId = mine;

            assertError(dialect, client.login("alice.rig1"), 40, "Multiple Authorization");
            assertError(dialect, client.request("mine-faster", null), 34, "Unsupported Method");

            assertThat(pool.count(Verdict.STALE)).isEqualTo(1);
            assertThat(pool.count(Verdict.UNKNOWN_JOB)).isEqualTo(1);
            assertThat(pool.count(Verdict.OUT_OF_RANGE)).isEqualTo(1);
            assertThat(pool.count(Verdict.MALFORMED)).isEqualTo(4);
            assertThat(pool.count(Verdict.UNAUTHORIZED)).isEqualTo(1);
        }
        try (StratumTestClient fresh = new StratumTestClient(pool.stratumPort())) {
            fresh.sessionId = "1";
            assertError(dialect, fresh.submit("1", "0000000000000000"), 24, "Unauthorized Worker");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aWrongResultIsAnInvalidSolution(Dialect dialect) {
        try (StratumTestClient client = start(dialect, ShareTarget.parseHex("ffffffff"))) {
            long nonce = client.job.startNonce();
            var params = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("id", client.sessionId)
                    .put("job_id", client.job.jobId()).put("nonce", Job.formatNonce(nonce)).put("result", "00".repeat(32));
            assertError(dialect, client.request("submit", params), 26, "Invalid solution");
            params.put("nonce", Job.formatNonce(nonce + 1)).put("result", referenceResult(client.job, nonce + 1));
            assertSuccess(dialect, client.request("submit", params));
            assertThat(pool.count(Verdict.INVALID_SOLUTION)).isEqualTo(1);
        }
    }
}
