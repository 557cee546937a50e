package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.internal.web.LiveFeed;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live page's files and its feed over plain HTTP: what they serve, and the bound on listening pages. */
class LiveFeedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private MockPool pool;

    @BeforeEach
    void start() {
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.ANTPOOL).target(ShareTarget.parseHex("ffffffff")).build());
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pool.controlPort() + path)).build();
    }

    @Test
    void thePageAndItsFilesComeFromThePoolAndMayLoadNothingElse() throws Exception {
        for (String path : List.of("/", "/live.js", "/live.css", "/uPlot.iife.min.js", "/uPlot.min.css", "/uPlot.LICENSE")) {
            HttpResponse<String> file = HTTP.send(get(path), HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("content-security-policy")).as(path).hasValue("default-src 'self'");
            assertThat(file.body()).as(path).isNotEmpty();
        }
        for (String own : List.of("/", "/live.js", "/live.css")) { // uPlot names its home only in its banner comment
            assertThat(HTTP.send(get(own), HttpResponse.BodyHandlers.ofString()).body()).as(own).doesNotContain("http://", "https://", "//cdn");
        }
    }

    @Test
    void thePageChangesNothing() throws Exception {
        for (String path : List.of("/", "/api/live", "/metrics")) {
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pool.controlPort() + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertThat(HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).as("POST " + path).isEqualTo(404);
        }
    }

    @Test
    void theFeedSendsSnapshotsOfTheSessionsAndTheTrace() throws Exception {
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("carol.rig");
            client.submit(client.job.startNonce());
            HttpResponse<InputStream> feed = HTTP.send(get("/api/live"), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(feed.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            try (var lines = new BufferedReader(new InputStreamReader(feed.body(), StandardCharsets.UTF_8))) {
                String data = lines.readLine();
                assertThat(data).startsWith("data: ");
                JsonNode snapshot = JSON.readTree(data.substring("data: ".length()));
                assertThat(snapshot.get("stats").get("shares").get("accepted").asLong()).isEqualTo(1);
                assertThat(snapshot.get("sessions").get(0).get("login").asText()).isEqualTo("carol.rig");
                assertThat(snapshot.get("tail")).extracting(line -> line.get("method").asText()).contains("login", "submit");
                assertThat(lines.readLine()).isEmpty();
                assertThat(lines.readLine()).as("the next second's snapshot").startsWith("data: ");
            }
        }
    }

    @Test
    void theFeedRefusesPagesBeyondItsBound() throws Exception {
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < LiveFeed.MAX_CLIENTS; i++) {
                open.add(HTTP.send(get("/api/live"), HttpResponse.BodyHandlers.ofInputStream()));
                assertThat(open.get(i).statusCode()).isEqualTo(200);
            }
            assertThat(HTTP.send(get("/api/live"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        } finally {
            for (HttpResponse<InputStream> response : open) {
                response.body().close();
            }
        }
    }
}
