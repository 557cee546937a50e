package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.internal.json.PoolJson;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolStats;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The control API of a mock pool that runs elsewhere (the CLI jar, a container), with the verbs of
 * {@link MockPool}: read its record, drive its jobs and targets, inject faults. Thread-safe.
 */
public final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param baseUrl the control port's root, e.g. {@code http://127.0.0.1:8080} */
    public ControlClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    public PoolStats stats() {
        return PoolJson.readStats(get("api/stats"));
    }

    /** Every submit with its verdict, oldest first. */
    public List<ShareRecord> shares() {
        List<ShareRecord> shares = new ArrayList<>();
        get("api/shares").forEach(node -> shares.add(PoolJson.readRecord(node)));
        return shares;
    }

    public List<SessionInfo> sessions() {
        List<SessionInfo> sessions = new ArrayList<>();
        get("api/sessions").forEach(node -> sessions.add(PoolJson.readSession(node)));
        return sessions;
    }

    /**
     * Waits until {@code n} share records match, up to {@code timeout}, and returns the first
     * {@code n}; an {@link AssertionError} says how many matched when time runs out.
     */
    public List<ShareRecord> awaitShares(Predicate<ShareRecord> matching, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ShareRecord> matched = shares().stream().filter(matching).limit(n).toList();
            if (matched.size() == n) {
                return matched;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + n + " matching share records, got "
                        + matched.size());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A new block template at the next height, sent to every session. */
    public void newJob() {
        post("api/jobs", JSON.createObjectNode());
    }

    public void setDifficulty(BigInteger difficulty) {
        post("api/difficulty", JSON.createObjectNode().put("difficulty", difficulty.toString()));
    }

    public void setTarget(ShareTarget target) {
        post("api/difficulty", JSON.createObjectNode().put("target", target.hex()));
    }

    public void disconnect(long session) {
        post("api/sessions/" + session + "/disconnect", JSON.createObjectNode());
    }

    public void disconnectAll() {
        post("api/sessions/disconnect", JSON.createObjectNode());
    }

    public void inject(long session, Fault fault) {
        ObjectNode body = JSON.createObjectNode();
        if (fault instanceof Fault.DropNext drop) {
            body.put("drop", drop.count());
        } else if (fault instanceof Fault.Delay delay) {
            body.put("delay_ms", delay.delay().toMillis());
        } else if (fault instanceof Fault.MalformedLine) {
            body.put("malformed", true);
        } else if (fault instanceof Fault.Line line) {
            body.put("line", line.text());
        } else if (fault instanceof Fault.OldJob) {
            body.put("old_job", true);
        } else if (fault instanceof Fault.JudgeBy judgeBy) {
            body.put("judge_target", judgeBy.target() == null ? null : judgeBy.target().hex());
        }
        post("api/sessions/" + session + "/faults", body);
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("control API " + response.uri() + ": HTTP " + response.statusCode() + " "
                        + body.path("error").asText(response.body()));
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("control API at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the control API", e);
        }
    }
}
