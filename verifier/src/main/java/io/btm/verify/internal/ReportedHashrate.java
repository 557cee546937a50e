package io.btm.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The hashrate a miner reports about itself, from the status APIs whose shape is known: this
 * project's miner and NBMiner ({@code /api/v1/status}), xmrig ({@code /2/summary}).
 */
final class ReportedHashrate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReportedHashrate() {
    }

    /** Hashes per second over about a minute, or null where nothing answers in a known shape. */
    static Double read(int port) {
        JsonNode status = get(port, "/api/v1/status");
        if (status != null) {
            if (status.path("hashrate").has("1m")) {
                return status.get("hashrate").get("1m").asDouble(); // this project's miner
            }
            if (status.path("miner").has("total_hashrate_raw")) {
                return status.get("miner").get("total_hashrate_raw").asDouble(); // NBMiner
            }
        }
        JsonNode summary = get(port, "/2/summary");
        if (summary != null && summary.path("hashrate").path("total").size() > 1) {
            return summary.get("hashrate").get("total").get(1).asDouble(); // xmrig: 10 s, 60 s, 15 min
        }
        return null;
    }

    private static JsonNode get(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
