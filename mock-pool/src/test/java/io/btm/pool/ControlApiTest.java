package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.stratum.Job;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control API over HTTP, the share log, and the robustness of sessions; against the antpool
 * dialect, whose login sends one message and whose unknown requests are ignored.
 */
class ControlApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private MockPool pool;

    @BeforeEach
    void start() {
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.ANTPOOL).target(ShareTarget.parseHex("ffffffff"))
                .shareLog(dir.resolve("shares.jsonl"))
                .maxLineBytes(1024).idleTimeout(Duration.ofSeconds(30)).maxConnections(3).validation(2, 64).build());
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pool.controlPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(call("GET", path, null).body());
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = call("POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The control API's id of the session logged in as this worker. */
    private long sessionOf(String login) throws IOException, InterruptedException {
        for (JsonNode session : get("/api/sessions")) {
            if (login.equals(session.path("login").asText())) {
                return session.get("id").asLong();
            }
        }
        throw new AssertionError("no session of " + login);
    }

    private static JsonNode submitParams(StratumTestClient client, long nonce) {
        return JSON.createObjectNode().put("id", client.sessionId).put("job_id", client.job.jobId()).put("nonce", Job.formatNonce(nonce));
    }

    @Test
    void statsSharesAndTheShareLogRecordEverySubmit() throws Exception {
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("bob.rig");
            client.submit(client.job.startNonce());
            client.submit(client.job.startNonce());
            JsonNode stats = get("/api/stats");
            assertThat(stats.get("sessions").asInt()).isEqualTo(1);
            assertThat(stats.get("shares").get("accepted").asLong()).isEqualTo(1);
            assertThat(stats.get("shares").get("rejected").get("duplicate").asLong()).isEqualTo(1);
            JsonNode shares = get("/api/shares");
            assertThat(shares).hasSize(2);
            assertThat(shares.get(0).get("verdict").asText()).isEqualTo("accepted");
            assertThat(shares.get(1).get("verdict").asText()).isEqualTo("duplicate");
            assertThat(get("/api/sessions").get(0).get("login").asText()).isEqualTo("bob.rig");
            JsonNode events = get("/api/events");
            assertThat(events.get(0).get("kind").asText()).isEqualTo("connected");
            assertThat(events.get(1).get("kind").asText()).isEqualTo("login");
            assertThat(events.get(1).get("worker").asText()).isEqualTo("bob.rig");
        }
        pool.close();
        var lines = Files.readAllLines(dir.resolve("shares.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).get("verdict").asText()).isEqualTo("accepted");
        assertThat(JSON.readTree(lines.get(0)).get("worker").asText()).isEqualTo("bob.rig");
    }

    @Test
    void newJobsAndDifficultyReachEverySession() throws Exception {
        try (StratumTestClient a = new StratumTestClient(pool.stratumPort());
             StratumTestClient b = new StratumTestClient(pool.stratumPort())) {
            a.login("a.1");
            b.login("b.1");
            assertThat(a.job.startNonce()).isNotEqualTo(b.job.startNonce());
            long height = a.job.height();
            JsonNode created = post("/api/jobs", "{\"height\": 2048, \"bits\": 123}");
            assertThat(created.get("height").asLong()).isEqualTo(2048);
            for (StratumTestClient c : new StratumTestClient[]{a, b}) {
                var job = c.nextJob();
                assertThat(job.height()).isEqualTo(2048).isNotEqualTo(height);
                assertThat(job.template().bits()).isEqualTo(123);
                assertThat(job.seed()).isNotEqualTo(PoolConfig.INITIAL_SEED); // 2048 is another epoch
            }
            // A new target goes out with the next job, as on a real pool, or at once on request.
            post("/api/difficulty", "{\"difficulty\": 1024}");
            assertThat(a.silentFor(Duration.ofMillis(300))).isTrue();
            post("/api/jobs", null);
            assertThat(a.nextJob().target().hex()).isEqualTo("ffff3f00");
            assertThat(b.nextJob().target().hex()).isEqualTo("ffff3f00");
            post("/api/sessions/" + sessionOf("b.1") + "/difficulty", "{\"target\": \"ffff0000\", \"reissue\": true}");
            Job reissued = b.nextJob();
            assertThat(reissued.target().hex()).isEqualTo("ffff0000");
            assertThat(reissued.height()).isEqualTo(2049);
            assertThat(a.silentFor(Duration.ofMillis(300))).as("a session's re-issue goes to that session only").isTrue();
            assertThat(call("POST", "/api/difficulty", "{\"difficulty\": \"x\"}").statusCode()).isEqualTo(400);
            assertThat(call("GET", "/api/nothing", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void faultsAndDisconnects() throws Exception {
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("c.1");
            String firstJob = client.job.jobId();
            post("/api/jobs", null);
            client.nextJob();
            post("/api/sessions/" + sessionOf("c.1") + "/faults", "{\"old_job\": true}");
            assertThat(client.nextJob().jobId()).isEqualTo(firstJob);

            long session = sessionOf("c.1");
            post("/api/sessions/" + session + "/faults", "{\"malformed\": true}");
            assertThat(client.frame(Duration.ofSeconds(5))).isEqualTo("{this is not json");
            post("/api/sessions/" + session + "/faults", "{\"line\": \"{\\\"method\\\":\\\"mining.notify\\\"}\"}");
            assertThat(client.frame(Duration.ofSeconds(5))).isEqualTo("{\"method\":\"mining.notify\"}");

            // The pool's target is ffffffff; judged by a zero target instead, the share is too weak.
            post("/api/jobs", null);
            client.nextJob();
            post("/api/sessions/" + session + "/faults", "{\"judge_target\": \"00000000\"}");
            assertThat(client.submit(client.job.startNonce()).get("error").get("message").asText()).isEqualTo("Low difficulty share");
            post("/api/sessions/" + session + "/faults", "{\"judge_target\": null}");

            post("/api/sessions/" + session + "/faults", "{\"drop\": 1}");
            client.send("submit", submitParams(client, client.job.startNonce() + 1));
            assertThat(client.silentFor(Duration.ofMillis(500))).as("the reply was dropped").isTrue();
            int answered = client.send("submit", submitParams(client, client.job.startNonce() + 2));
            assertThat(client.readJson().get("id").asInt()).isEqualTo(answered);

            post("/api/sessions/" + session + "/disconnect", null);
            assertThat(client.closedByPool()).isTrue();
        }
    }

    @Test
    void aFaultWithATypoOrAWrongTypeIsRefusedAndNamed() throws Exception {
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("d.1");
            String faults = "/api/sessions/" + sessionOf("d.1") + "/faults";
            HttpResponse<String> typo = call("POST", faults, "{\"dorp\": 3}");
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(typo.body()).contains("unknown field 'dorp'");
            HttpResponse<String> wrongType = call("POST", faults, "{\"drop\": \"three\"}");
            assertThat(wrongType.statusCode()).isEqualTo(400);
            assertThat(wrongType.body()).contains("drop: expected a whole number");
            assertThat(call("POST", faults, "{\"malformed\": 1}").statusCode()).isEqualTo(400);
            assertThat(call("POST", faults, "").statusCode()).as("no fault at all").isEqualTo(400);
            // Nothing of a refused body was applied: the next reply is not dropped.
            assertThat(client.submit(client.job.startNonce()).path("result").path("status").asText()).isEqualTo("OK");
        }
    }

    @Test
    void heightsAreCheckedAgainstTheLastOneAJobCanHave() throws Exception {
        HttpResponse<String> tooHigh = call("POST", "/api/jobs", "{\"height\": " + Long.MAX_VALUE + "}");
        assertThat(tooHigh.statusCode()).isEqualTo(400);
        assertThat(tooHigh.body()).contains("height");
        post("/api/jobs", "{\"height\": " + (Long.MAX_VALUE - 1) + "}");
        assertThat(post("/api/jobs", null).path("height").asLong()).isEqualTo(Long.MAX_VALUE);
        HttpResponse<String> past = call("POST", "/api/jobs", null);
        assertThat(past.statusCode()).as("the next job would wrap past 2^63-1").isEqualTo(400);
        assertThat(pool.currentJob().height()).isEqualTo(Long.MAX_VALUE);
        assertThat(call("POST", "/api/jobs", "{\"height\": -1}").statusCode()).isEqualTo(400);
    }

    @Test
    void theControlApiStaysOnLoopbackWhenTheStratumPortListensEverywhere() {
        pool.close();
        pool = MockPool.start(PoolConfig.builder().host("0.0.0.0").build());
        assertThat(pool.controlAddress().getAddress().isLoopbackAddress()).isTrue();
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            assertThat(client.login("e.1").path("error").isNull()).isTrue();
        }
    }

    @Test
    void aShareLogThatCannotBeWrittenShowsInTheStats() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        pool.close();
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.ANTPOOL).target(ShareTarget.parseHex("ffffffff")).shareLog(full).build());
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("f.1");
            assertThat(client.submit(client.job.startNonce()).path("result").path("status").asText()).isEqualTo("OK");
        }
        assertThat(pool.stats().shareLogFailures()).isEqualTo(1);
        assertThat(get("/api/stats").path("share_log_failures").asLong()).isEqualTo(1);
    }

    @Test
    void aLineOverTheLimitClosesOnlyItsConnection() {
        try (StratumTestClient bad = new StratumTestClient(pool.stratumPort());
             StratumTestClient good = new StratumTestClient(pool.stratumPort())) {
            good.login("good.1");
            bad.sendLine("x".repeat(4096));
            assertThat(bad.closedByPool()).isTrue();
            assertThat(good.submit(good.job.startNonce()).get("result").get("status").asText()).isEqualTo("OK");
        }
    }

    @Test
    void connectionsOverTheLimitAreClosed() {
        // Sessions register on their own event loops, so the three allowed ones log in first.
        try (StratumTestClient a = new StratumTestClient(pool.stratumPort());
             StratumTestClient b = new StratumTestClient(pool.stratumPort());
             StratumTestClient c = new StratumTestClient(pool.stratumPort())) {
            for (StratumTestClient client : new StratumTestClient[]{a, b, c}) {
                assertThat(client.login("w").path("result").path("status").asText()).isEqualTo("OK");
            }
            try (StratumTestClient over = new StratumTestClient(pool.stratumPort())) {
                assertThat(over.closedByPool()).isTrue();
            }
        }
    }

    @Test
    void idleSessionsTimeOut() {
        pool.close();
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.ANTPOOL).idleTimeout(Duration.ofMillis(300)).build());
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("idle.1");
            assertThat(client.closedByPool()).isTrue();
        }
    }
}
