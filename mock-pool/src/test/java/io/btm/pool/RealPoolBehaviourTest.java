package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.HeaderHasher;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Hex;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.btm.pool.model.Dialect.ANTPOOL;
import static io.btm.pool.model.Dialect.BTCPOOL;
import static io.btm.pool.model.Dialect.BTMCPOOL;
import static io.btm.pool.model.Dialect.RESULT_TRUE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each behaviour row of docs/real-pools.md that a dialect models, as a client on loopback meets
 * it: the row, the dialect, the real pool's source line (btmcpool under {@code stratum/},
 * btc.com's pool under {@code src/}, antpool's capture in B3-Mimic), and what the mock does.
 */
class RealPoolBehaviourTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BRIEFLY = Duration.ofMillis(400);
    private static final ShareTarget EVERY_HASH = ShareTarget.parseHex("ffffffff");
    private static final ShareTarget NO_HASH = ShareTarget.parseHex("00000000");
    /** Bits whose target exceeds 2^256: every result is a block. */
    private static final long EVERYTHING_IS_A_BLOCK = 34L << 56 | 0x007fffffffffffffL;
    /** bytomd v1.1.1's solonet bits ({@code config/genesis.go:119}): about one result in 20 meets them. */
    private static final long SOLONET_BITS = 2305843009214532812L;
    private static MatrixCache cache;

    @BeforeAll
    static void cache() {
        cache = MatrixCache.build(PoolConfig.INITIAL_SEED.toArray());
    }

    /** One row: what it checks, against which dialect, and where the real pool does it. */
    record Row(String behaviour, Dialect dialect, String source, UnaryOperator<PoolConfig.Builder> config, Scenario scenario) {
        @Override
        public String toString() {
            return behaviour + " [" + dialect.label() + ": " + source + "]";
        }
    }

    interface Scenario {
        void run(MockPool pool, StratumTestClient client) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void behavesAsTheRealPool(Row row) throws Exception {
        PoolConfig config = row.config().apply(PoolConfig.builder().dialect(row.dialect()).target(EVERY_HASH)).build();
        try (MockPool pool = MockPool.start(config);
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            row.scenario().run(pool, client);
        }
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        UnaryOperator<PoolConfig.Builder> plain = b -> b;

        // Rows 2-4: the login reply, its id, and what follows it.
        for (Dialect d : List.of(BTMCPOOL, RESULT_TRUE)) {
            rows.add(new Row("2,3,4 one reply with the job, id = login, then the same job pushed", d,
                    "btmc/handler.go:259-286, btmc/job.go:48-51", plain, (pool, client) -> {
                JsonNode reply = client.login("alice.rig1");
                assertThat(reply.get("result").get("id").asText()).isEqualTo("alice.rig1");
                assertThat(reply.get("result").get("status").asText()).isEqualTo("OK");
                assertThat(reply.get("jsonrpc").asText()).isEqualTo("2.0");
                JsonNode pushed = client.readJson();
                assertThat(pushed.get("method").asText()).isEqualTo("job");
                assertThat(pushed.get("params")).isEqualTo(reply.get("result").get("job"));
            }));
        }
        rows.add(new Row("2,3 one reply with the job, id = login", ANTPOOL, "B3-Mimic docs/STRATUM-BTM.md:19-44", plain, (pool, client) -> {
            JsonNode reply = client.login("antminer_1");
            assertThat(reply.get("result").get("id").asText()).isEqualTo("antminer_1");
            assertThat(reply.get("result").get("job").get("job_id").asText()).matches("\\d+");
            assertThat(client.silentFor(BRIEFLY)).isTrue();
            assertThat(client.received()).endsWith("}\n");
        }));
        rows.add(new Row("2,3,17 status OK, then the job under id 1 without a newline", BTCPOOL,
                "bytom/StratumSessionBytom.cc:40-47,145-158", plain, (pool, client) -> {
            int id = client.send("login", JSON.createObjectNode().put("login", "bob.rig").put("pass", "x"));
            assertThat(client.replyTo(id).get("result")).isEqualTo(JSON.readTree("{\"status\":\"OK\"}"));
            String second = client.frame(BRIEFLY);
            JsonNode job = JSON.readTree(second);
            assertThat(job.get("id").asInt()).isEqualTo(1);
            assertThat(job.get("result").get("id").asText()).isEqualTo("bob.rig");
            assertThat(client.received()).endsWith(second.substring(second.length() - 10)).doesNotEndWith("\n");
        }));

        // Row 5: the worker id a submit names.
        rows.add(new Row("5 params.id must be the login: 24, then closed", BTMCPOOL, "btmc/handler.go:68-72, tcpsession.go:260-269",
                plain, (pool, client) -> {
            client.login("alice.rig1");
            client.readJson(); // the job pushed after the login
            client.sessionId = "1";
            assertError(client.submit(client.job.startNonce()), 24, "Unauthorized Worker");
            assertThat(client.closedByPool()).isTrue();
            assertThat(pool.count(Verdict.UNAUTHORIZED)).isEqualTo(1);
        }));
        for (Dialect d : List.of(BTCPOOL, ANTPOOL)) {
            rows.add(new Row("5 params.id is never read", d, "bytom/StratumMinerBytom.cc:116-170", plain, (pool, client) -> {
                client.login("bob.rig");
                client.sessionId = "someone-else";
                assertSuccess(client.submit(client.job.startNonce()));
            }));
        }

        // Row 6: a second login.
        rows.add(new Row("6 second login: 40, then closed", BTMCPOOL, "btmc/handler.go:24-28", plain, (pool, client) -> {
            client.login("alice.rig1");
            assertError(client.request("login", JSON.createObjectNode().put("login", "alice.rig1")), 40, "Multiple Authorization");
            assertThat(client.closedByPool()).isTrue();
        }));
        for (Dialect d : List.of(BTCPOOL, ANTPOOL)) {
            rows.add(new Row("6 second login: authorized again, the job sent again", d, "bytom/StratumSessionBytom.cc:184-194", plain,
                    (pool, client) -> {
                client.login("bob.rig");
                String first = client.job.jobId();
                assertThat(client.login("bob.rig").get("error").isNull()).isTrue();
                assertThat(client.job.template()).isEqualTo(pool.currentJob().forSession(client.job.startNonce(), EVERY_HASH).template());
                assertThat(first).isNotNull();
            }));
        }

        // Row 7: a submit before login.
        rows.add(new Row("7 submit before login: 24, then closed", BTMCPOOL, "btmc/handler.go:62-64", plain, (pool, client) -> {
            client.sessionId = "x";
            assertError(client.submit("1", "0000000000000000"), 24, "Unauthorized Worker");
            assertThat(client.closedByPool()).isTrue();
        }));
        for (Dialect d : List.of(BTCPOOL, ANTPOOL)) {
            rows.add(new Row("7 submit before login: ignored", d, "StratumSession.cc:102, StratumMessageDispatcher.cc:39-45", plain,
                    (pool, client) -> {
                client.sessionId = "x";
                client.send("submit", JSON.createObjectNode().put("id", "x").put("job_id", "1").put("nonce", "00"));
                assertThat(client.silentFor(BRIEFLY)).isTrue();
                assertThat(pool.awaitShares(s -> true, 1, BRIEFLY).get(0).verdict()).isEqualTo(Verdict.UNAUTHORIZED);
            }));
        }

        // Row 8: a bad login.
        rows.add(new Row("8 any string logs in, even an empty one", BTMCPOOL, "worker.go:15-30", plain, (pool, client) -> {
            assertThat(client.login("").get("result").get("id").asText()).isEmpty();
        }));
        rows.add(new Row("8 params that do not decode: 20, then closed", BTMCPOOL, "btmc/sessiondecoder.go:46-52", plain, (pool, client) -> {
            assertError(client.request("login", JSON.createObjectNode().put("login", 42)), 20, "Unknown Error");
            assertThat(client.closedByPool()).isTrue();
        }));
        for (Dialect d : List.of(BTCPOOL, ANTPOOL)) {
            rows.add(new Row("8 an empty user: [29,\"Invalid username\",null]", d, "StratumSession.cc:345,356,381,669-678", plain,
                    (pool, client) -> {
                JsonNode reply = client.request("login", JSON.createObjectNode().put("login", ".rig"));
                assertThat(reply.get("error")).isEqualTo(JSON.readTree("[29,\"Invalid username\",null]"));
                assertThat(reply.has("jsonrpc")).isFalse();
                assertThat(client.closedWithin(BRIEFLY)).isFalse();
            }));
        }

        // Row 10: bans.
        rows.add(new Row("10 100 submits, half bad: banned, closed without an answer, later logins too", BTMCPOOL,
                "connctl.go:92-115, btmc/handler.go:38-41,75", plain, (pool, client) -> {
            client.login("greedy.rig");
            for (int i = 0; i < 100; i++) {
                assertError(client.submit("12345", "00"), 21, "Job Not Found");
            }
            int id = client.send("submit", JSON.createObjectNode().put("id", "greedy.rig").put("job_id", "1").put("nonce", "00"));
            assertThat(client.closedByPool()).isTrue();
            assertThat(client.received()).doesNotContain("\"id\":" + id + ",");
            assertThat(pool.count(Verdict.BANNED)).isEqualTo(1);
            try (StratumTestClient again = new StratumTestClient(pool.stratumPort())) {
                again.send("login", JSON.createObjectNode().put("login", "greedy.rig"));
                assertThat(again.closedByPool()).isTrue();
                assertThat(again.received()).isEmpty();
            }
            assertThat(pool.events()).anyMatch(e -> e.kind() == ProtocolEvent.Kind.LOGIN_REFUSED && e.detail().contains("banned"));
        }));
        rows.add(new Row("10 no bans", BTCPOOL, "bytom/StratumMinerBytom.cc:276-286", plain, (pool, client) -> {
            client.login("greedy.rig");
            for (int i = 0; i < 101; i++) {
                assertError(client.submit("12345", "00"), -1, "Block expired");
            }
            assertSuccess(client.submit(client.job.startNonce()));
        }));

        // Rows 11-14: the job: its fields, nonce, id and target.
        rows.add(new Row("11,12,13,14 LE fields; nonce sessionId << 46 (10,000 connections); random uint64 ids; 4-byte 2^256/d",
                BTMCPOOL, "btmc/job.go:56-70, btmc/session.go:37-56, job.go:10-20, btmc/util/util.go:27-34",
                b -> b.difficulty(BigInteger.valueOf(1_050_000)), (pool, client) -> {
            JsonNode job = client.login("alice.rig1").get("result").get("job");
            assertThat(job.get("height").asText()).isEqualTo("e803000000000000");
            assertThat(job.get("nonce").asText()).isEqualTo(Hex.encodeLittleEndian64(1L << 46));
            assertThat(job.get("target").asText()).isEqualTo("fa0f0000");
            assertThat(new BigInteger(job.get("job_id").asText())).isLessThan(BigInteger.ONE.shiftLeft(64));
        }));
        rows.add(new Row("12,13,14 nonce byte-reversed; per-session ids from 1; compact targets, trimmed", BTCPOOL,
                "bytom/StratumSessionBytom.cc:37,89,97-99,105-130", b -> b.difficulty(BigInteger.valueOf(100_001)), (pool, client) -> {
            client.login("bob.rig");
            assertThat(client.job.jobId()).isEqualTo("1");
            assertThat(client.job.target().hex()).isEqualTo("3ec5a70000");
            assertThat(Hex.encodeLittleEndian64(client.job.startNonce())).isEqualTo("0000000100000000");
            pool.newJob();
            assertThat(client.nextJob().jobId()).isEqualTo("2");
        }));
        rows.add(new Row("12,13,14 nonce sessionId << 32 LE; decimal ids; 4-byte (2^256 - 1)/d", ANTPOOL,
                "B3-Mimic docs/STRATUM-BTM.md:28-38,61-64", b -> b.difficulty(BigInteger.valueOf(100_001)), (pool, client) -> {
            client.login("antminer_1");
            assertThat(client.job.target().hex()).isEqualTo("c5a70000");
            assertThat(client.job.startNonce()).isEqualTo(1L << 32);
            assertThat(client.job.jobId()).isEqualTo(pool.currentJob().id()).matches("\\d+");
        }));

        // Rows 16-18: a new target reaches a miner only with the next job; job notifications.
        for (Dialect d : Dialect.values()) {
            rows.add(new Row("16,18 no set-difficulty message: a new target comes with the next block", d,
                    "btmc: diffadjust.go; btc.com: bytom/StratumSessionBytom.cc:58-63, StratumServerBytom.cc:41-63", plain, (pool, client) -> {
                client.login("carol.rig");
                drainLoginPush(d, client);
                pool.setDifficulty(BigInteger.valueOf(1024));
                assertThat(client.silentFor(BRIEFLY)).isTrue();
                pool.newJob();
                Job next = client.nextJob();
                assertThat(next.target()).isEqualTo(pool.target());
                assertThat(next.height()).isEqualTo(PoolConfig.START_HEIGHT + 1);
            }));
        }
        rows.add(new Row("17 job notifications end without a newline", BTCPOOL, "bytom/StratumSessionBytom.cc:152-158", plain,
                (pool, client) -> {
            client.login("bob.rig");
            pool.newJob();
            String notification = client.frame(Duration.ofSeconds(5));
            assertThat(JSON.readTree(notification).get("method").asText()).isEqualTo("job");
            assertThat(client.received()).endsWith(notification);
        }));

        // Rows 19-22: no range, nonce format, the result ignored, success.
        for (Dialect d : Dialect.values()) {
            rows.add(new Row("19,21,22 no range check, the result ignored: accepted, flagged", d,
                    "btmc/handler.go:105-178, btmc/verifier.go:23-60; bytom/StratumMinerBytom.cc:159-169", plain, (pool, client) -> {
                client.login("carol.rig");
                ObjectNode params = JSON.createObjectNode().put("id", client.sessionId).put("job_id", client.job.jobId())
                        .put("nonce", "0000000000000007").put("result", "00".repeat(32));
                assertSuccess(client.request("submit", params), d);
                ShareRecord share = pool.takeShare(BRIEFLY);
                assertThat(share.verdict()).isEqualTo(Verdict.ACCEPTED);
                assertThat(share.flags()).containsExactlyInAnyOrder(ShareFlag.OUT_OF_RANGE, ShareFlag.WRONG_RESULT);
                assertThat(share.result()).isEqualTo(reference(client.job, 7));
            }));
        }
        rows.add(new Row("20 nonce: 1 to 16 lower-case hex digits, else 32", BTMCPOOL, "btmc/handler.go:105-132", plain, (pool, client) -> {
            client.login("alice.rig1");
            assertSuccess(client.submit(client.job.jobId(), "7"));
            assertError(client.submit(client.job.jobId(), "00000000000000FF"), 32, "Invalid Submit Format");
            assertError(client.submit(client.job.jobId(), "00000000000000001"), 32, "Invalid Submit Format");
            assertThat(client.closedWithin(BRIEFLY)).isFalse();
        }));
        rows.add(new Row("20 nonce: upper case accepted", BTCPOOL, "bytom/StratumMinerBytom.cc:160-169, Utils.cc:35-64", plain,
                (pool, client) -> {
            client.login("bob.rig");
            assertSuccess(client.submit(client.job.jobId(), Job.formatNonce(client.job.startNonce() + 10).toUpperCase()));
        }));

        // Rows 23-27: unknown job, stale, duplicate, low difficulty, error shapes.
        rows.add(new Row("23 unknown decimal job 21, non-decimal 32; the session keeps its last 8 jobs", BTMCPOOL,
                "btmc/handler.go:79-101, tcpsession.go:128", plain, (pool, client) -> {
            client.login("alice.rig1");
            String first = client.job.jobId();
            assertError(client.submit("12345", "00"), 21, "Job Not Found");
            assertError(client.submit("no-such-job", "00"), 32, "Invalid Submit Format");
            for (int i = 0; i < 8; i++) {
                pool.reissueJob();
            }
            assertError(client.submit(first, "00"), 21, "Job Not Found");
        }));
        for (Dialect d : List.of(BTCPOOL, ANTPOOL)) {
            rows.add(new Row("23,24 unknown and stale jobs: -1 Block expired", d, "bytom/StratumMinerBytom.cc:134-148,231-233; capture :117-126",
                    plain, (pool, client) -> {
                client.login("bob.rig");
                Job old = client.job;
                assertError(client.submit("200", "00"), -1, "Block expired");
                pool.newJob();
                client.nextJob();
                assertError(client.submit(old.jobId(), Job.formatNonce(old.startNonce())), -1, "Block expired");
                assertThat(pool.count(Verdict.STALE)).isEqualTo(1);
            }));
        }
        rows.add(new Row("24 stale share: 32, not 21", BTMCPOOL, "btmc/handler.go:138-154", plain, (pool, client) -> {
            client.login("alice.rig1");
            client.readJson();
            Job old = client.job;
            pool.newJob();
            client.nextJob();
            assertError(client.submit(old.jobId(), Job.formatNonce(old.startNonce())), 32, "Invalid Submit Format");
            assertThat(pool.count(Verdict.STALE)).isEqualTo(1);
        }));
        rows.add(new Row("25 no duplicate check: accepted again, flagged", BTMCPOOL, "btmc/session.go:16,54", plain, (pool, client) -> {
            client.login("alice.rig1");
            assertSuccess(client.submit(client.job.startNonce()));
            assertSuccess(client.submit(client.job.startNonce()));
            assertThat(pool.awaitShares(s -> s.flagged(ShareFlag.DUPLICATE), 1, BRIEFLY).get(0).verdict()).isEqualTo(Verdict.ACCEPTED);
        }));
        for (Dialect d : List.of(BTCPOOL, ANTPOOL)) {
            rows.add(new Row("25,27 duplicate: [22,\"Duplicate share\",null]", d, "bytom/StratumMinerBytom.cc:171-179, StratumSession.cc:669-678",
                    plain, (pool, client) -> {
                client.login("bob.rig");
                assertSuccess(client.submit(client.job.startNonce()));
                JsonNode reply = client.submit(client.job.startNonce());
                assertThat(reply.get("error")).isEqualTo(JSON.readTree("[22,\"Duplicate share\",null]"));
                assertThat(reply.get("result").isNull()).isTrue();
                assertThat(pool.count(Verdict.DUPLICATE)).isEqualTo(1);
            }));
        }
        rows.add(new Row("26 low difficulty: 23", BTMCPOOL, "btmc/verifier.go:54-57, share.go:76-77", b -> b.target(NO_HASH),
                (pool, client) -> {
            client.login("alice.rig1");
            assertError(client.submit(client.job.startNonce()), 23, "Low Difficulty Share");
            assertThat(pool.takeShare(BRIEFLY).result()).isEqualTo(reference(client.job, client.job.startNonce()));
        }));
        for (Dialect d : List.of(BTCPOOL, ANTPOOL)) {
            rows.add(new Row("26 low difficulty: -1 Low difficulty share", d, "bytom/StratumMinerBytom.cc:262-268; capture :104-113",
                    b -> b.target(NO_HASH), (pool, client) -> {
                client.login("bob.rig");
                assertError(client.submit(client.job.startNonce()), -1, "Low difficulty share");
            }));
        }

        for (Dialect d : Dialect.values()) {
            rows.add(new Row("15 a share that meets the bits is a block, accepted", d,
                    "btmc/verifier.go:47-52; bytom/StratumMinerBytom.cc checkProofOfWork", b -> b.target(NO_HASH), (pool, client) -> {
                client.login("dave.rig");
                drainLoginPush(d, client);
                pool.newJob(null, null, EVERYTHING_IS_A_BLOCK);
                client.nextJob();
                assertSuccess(client.submit(client.job.startNonce()), d);
                ShareRecord block = pool.awaitShares(s -> true, 1, BRIEFLY).get(0);
                assertThat(block.verdict()).isEqualTo(Verdict.BLOCK);
                assertThat(block.worker()).isEqualTo("dave.rig");
                assertThat(pool.stats().blocks()).isEqualTo(1);
            }));
        }

        rows.add(new Row("15 the block check is half the network target: a result between it and the bits is 23", BTMCPOOL,
                "btmc/util/util.go:9, btmc/handler.go:134-135, btmc/verifier.go:47-58", b -> b.difficulty(BigInteger.valueOf(512)),
                (pool, client) -> {
            // As on a bytomd solonet behind btmcpool with session.diff 512 (net_diff 40 in its log).
            client.login("erin.rig");
            client.readJson();
            pool.newJob(null, null, SOLONET_BITS);
            client.nextJob();
            BigInteger network = Difficulty.compactToBig(SOLONET_BITS);
            BigInteger shareTarget = BigInteger.ONE.shiftLeft(247);
            long block = firstNonce(client.job, result -> result.compareTo(network.shiftRight(1)) <= 0);
            long notABlock = firstNonce(client.job, result -> result.compareTo(network.shiftRight(1)) > 0
                    && result.compareTo(network) <= 0 && result.compareTo(shareTarget) > 0);
            assertSuccess(client.submit(block));
            assertError(client.submit(notABlock), 23, "Low Difficulty Share");
            assertThat(pool.awaitShares(s -> true, 2, BRIEFLY)).extracting(ShareRecord::verdict)
                    .containsExactly(Verdict.BLOCK, Verdict.LOW_DIFFICULTY);
        }));

        rows.add(new Row("15,24 where each block moves the chain on, as on a solonet, a share sent before the next job is 32",
                BTMCPOOL, "btmc/handler.go:138-154, btmc/verifier.go:47-52", b -> b.target(NO_HASH).blocksMoveTheChain(),
                (pool, client) -> {
            client.login("erin.rig");
            client.readJson();
            pool.newJob(null, null, EVERYTHING_IS_A_BLOCK);
            Job mined = client.nextJob();
            assertSuccess(client.submit(mined.startNonce()));
            assertThat(client.nextJob().height()).isEqualTo(mined.height() + 1);
            assertError(client.submit(mined.jobId(), Job.formatNonce(mined.startNonce() + 1)), 32, "Invalid Submit Format");
            assertThat(pool.awaitShares(s -> true, 2, BRIEFLY)).extracting(ShareRecord::verdict)
                    .containsExactly(Verdict.BLOCK, Verdict.STALE);
        }));

        // Rows 28-32: what closes the connection, and requests other than login and submit.
        rows.add(new Row("28 share-level errors keep the connection open", BTMCPOOL, "btmc/handler.go:89,100,117,153", plain,
                (pool, client) -> {
            client.login("alice.rig1");
            assertError(client.submit("12345", "00"), 21, "Job Not Found");
            assertThat(client.closedWithin(BRIEFLY)).isFalse();
        }));
        rows.add(new Row("28 a line over 10 KiB closes", BTMCPOOL, "tcpsession.go:19,222-225", plain, (pool, client) -> {
            client.sendLine("{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"" + "x".repeat(11 * 1024) + "\"}}");
            assertThat(client.closedByPool()).isTrue();
        }));
        for (String method : List.of("keepalived", "getjob", "getwork", "mining.subscribe")) {
            rows.add(new Row("29,30,31 " + method + ": closed without an answer", BTMCPOOL, "btmc/sessiondecoder.go:26-33", plain,
                    (pool, client) -> {
                client.login("alice.rig1");
                client.readJson();
                client.send(method, JSON.createObjectNode().put("id", "alice.rig1"));
                assertThat(client.closedByPool()).isTrue();
                assertThat(client.received()).doesNotContain("\"id\":2,");
            }));
        }
        rows.add(new Row("32 a line that is not JSON: closed without an answer", BTMCPOOL, "btmc/sessiondecoder.go:21-24", plain,
                (pool, client) -> {
            client.login("alice.rig1");
            client.readJson();
            client.sendLine("{not json");
            assertThat(client.closedByPool()).isTrue();
            assertThat(pool.events()).anyMatch(e -> e.kind() == ProtocolEvent.Kind.UNREADABLE_LINE);
        }));
        rows.add(new Row("32 an empty line fails the decoder: closed without an answer", BTMCPOOL,
                "btmc/sessiondecoder.go:21-24 (json.Unmarshal of an empty line)", plain, (pool, client) -> {
            client.login("alice.rig1");
            client.readJson();
            client.sendRaw("\n");
            assertThat(client.closedByPool()).isTrue();
        }));
        for (Dialect d : List.of(BTCPOOL, ANTPOOL)) {
            rows.add(new Row("29,31,32 keepalived, unknown methods, empty and non-JSON lines are ignored", d,
                    "bytom/StratumMinerBytom.cc:48-58, StratumSession.cc:225-229", plain, (pool, client) -> {
                client.login("bob.rig");
                client.send("keepalived", JSON.createObjectNode().put("id", "bob.rig"));
                client.send("mining.subscribe", JSON.createObjectNode());
                client.sendLine("{not json");
                client.sendRaw("\n");
                client.send("getjob", JSON.createObjectNode());
                assertThat(client.silentFor(BRIEFLY)).isTrue();
                assertSuccess(client.submit(client.job.startNonce()));
            }));
            rows.add(new Row("31 params that are not an object: [27,\"Illegal params\",null]", d, "bytom/StratumSessionBytom.cc validate",
                    plain, (pool, client) -> {
                client.login("bob.rig");
                ObjectNode request = JSON.createObjectNode().put("id", 9).put("method", "submit");
                request.putArray("params").add(1).add(2);
                client.sendLine(request.toString());
                assertThat(client.replyTo(9).get("error")).isEqualTo(JSON.readTree("[27,\"Illegal params\",null]"));
            }));
        }
        rows.add(new Row("30 getwork: the job as a notification, not a reply", BTCPOOL, "bytom/StratumMinerBytom.cc:53-68", plain,
                (pool, client) -> {
            client.login("bob.rig");
            client.send("getwork", JSON.createObjectNode());
            JsonNode pushed = client.readJson();
            assertThat(pushed.has("id")).isFalse();
            assertThat(pushed.get("method").asText()).isEqualTo("job");
            assertThat(pushed.get("params").get("job_id").asText()).isEqualTo("2");
        }));
        return rows.stream();
    }

    /** btmcpool pushes the login's job once more after the reply. */
    private static void drainLoginPush(Dialect dialect, StratumTestClient client) {
        if (dialect == BTMCPOOL || dialect == RESULT_TRUE) {
            client.readJson();
        }
    }

    /** The first nonce from the job's start whose reference result the test wants. */
    private static long firstNonce(Job job, Predicate<BigInteger> wanted) {
        HeaderHasher hasher = new HeaderHasher(job.template());
        long nonce = job.startNonce();
        while (!wanted.test(Difficulty.hashToBig(Tensority.hash(hasher.hash(nonce), cache)))) {
            nonce++;
        }
        return nonce;
    }

    private static String reference(Job job, long nonce) {
        return Hex.encode(Tensority.hash(new HeaderHasher(job.template()).hash(nonce), cache));
    }

    private static void assertSuccess(JsonNode reply) {
        assertSuccess(reply, BTMCPOOL);
    }

    private static void assertSuccess(JsonNode reply, Dialect dialect) {
        assertThat(reply.get("error").isNull()).as(reply.toString()).isTrue();
        if (dialect == RESULT_TRUE) {
            assertThat(reply.get("result").asBoolean()).isTrue();
        } else {
            assertThat(reply.get("result").get("status").asText()).as(reply.toString()).isEqualTo("OK");
        }
    }

    private static void assertError(JsonNode reply, int code, String message) {
        assertThat(reply.get("result").isNull()).as(reply.toString()).isTrue();
        assertThat(reply.get("error").get("code").asInt()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.get("error").get("message").asText()).isEqualTo(message);
    }
}
