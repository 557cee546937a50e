package io.btm.miner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.http.Promtool;
import io.btm.miner.share.SubmitResult;
import io.btm.miner.stats.MinerStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StatusApi api;

    @BeforeEach
    void start() {
        api = new StatusApi(new InetSocketAddress("127.0.0.1", 0), new MinerStats(List.of("cpu"), System::currentTimeMillis));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStatusIsJsonAndOtherPathsAreNamedErrors() throws Exception {
        HttpResponse<String> status = get(StatusApi.PATH);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(status.body());
        assertThat(body.get("devices").get(0).get("name").asText()).isEqualTo("cpu");
        HttpResponse<String> missing = get("/api/v1/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("error").asText()).isEqualTo("no such endpoint: /api/v1/nothing");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + StatusApi.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void aClientThatNeverFinishesItsRequestHoldsUpNoOneElse() throws Exception {
        try (Socket slow = new Socket()) {
            slow.connect(new InetSocketAddress("127.0.0.1", api.port()));
            OutputStream out = slow.getOutputStream();
            out.write(("GET " + StatusApi.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.US_ASCII)); // no end of headers
            out.flush();
            for (int i = 0; i < 3; i++) {
                assertThat(get(StatusApi.PATH).statusCode()).isEqualTo(200); // each within the 5 s the request allows
            }
        }
    }

    @Test
    void metricsCountWhatTheStatusCountsAndPromtoolReadsThem() throws Exception {
        MinerStats stats = new MinerStats(List.of("cpu0", "gpu 1"), System::currentTimeMillis);
        try (StatusApi withWork = new StatusApi(new InetSocketAddress("127.0.0.1", 0), stats)) {
            stats.connected("stratum+tcp://127.0.0.1:3333");
            stats.hashed(1, 4096);
            stats.submitted(SubmitResult.accepted(12));
            stats.submitted(SubmitResult.rejected("low difficulty share", 9));
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + withWork.port()
                    + StatusApi.METRICS_PATH)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(scrape.body()).contains("btm_miner_hashes_total{device=\"1\"} 4096.0\n",
                    "btm_miner_hashes_total{device=\"0\"} 0.0\n",
                    "btm_miner_shares_total{outcome=\"accepted\"} 1.0\n",
                    "btm_miner_shares_total{outcome=\"rejected\"} 1.0\n",
                    "btm_miner_share_rejections_total{reason=\"low_difficulty\"} 1.0\n",
                    "btm_miner_pool_connected 1.0\n",
                    "btm_miner_pool_latency_seconds 0.009\n",
                    "btm_miner_build_info{java=\"" + Runtime.version() + "\",version=\"dev\"} 1\n");
            Promtool.check(scrape.body());
        }
    }
}
