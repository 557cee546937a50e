package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.pool.container.MockPoolContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool jar in a container, reached from the host. Runs where Docker is; skipped where it is not. */
@Testcontainers(disabledWithoutDocker = true)
class MockPoolContainerIT {
    @Container
    static final MockPoolContainer POOL = new MockPoolContainer(Path.of("target/mock-pool.jar"), "--target", "ffffffff");

    @Test
    void aShareSentToTheContainerIsAcceptedAndCounted() throws Exception {
        try (StratumTestClient client = new StratumTestClient(POOL.getHost(), POOL.stratumPort())) {
            client.login("container.1");
            assertThat(client.submit(client.job.startNonce()).get("result").get("status").asText()).isEqualTo("OK");
        }
        HttpResponse<String> stats = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(POOL.controlUrl() + "/api/stats")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode shares = new ObjectMapper().readTree(stats.body()).get("shares");
        assertThat(shares.get("accepted").asLong()).isEqualTo(1);
    }
}
