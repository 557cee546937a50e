package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** 1,000 concurrent sessions on loopback, each submitting a share: every one answered and counted. */
@Tag("slow")
class LoadTest {
    private static final int SESSIONS = 1000;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyShareOfAThousandSessionsIsAnsweredAndCounted() throws Exception {
        PoolConfig config = PoolConfig.builder().target(ShareTarget.parseHex("ffffffff")).maxConnections(2 * SESSIONS)
                .validation(Runtime.getRuntime().availableProcessors(), 2 * SESSIONS).build();
        try (MockPool pool = MockPool.start(config)) {
            List<StratumTestClient> clients = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                StratumTestClient client = new StratumTestClient(pool.stratumPort());
                client.login("load." + i);
                clients.add(client);
            }
            ExecutorService submitters = Executors.newFixedThreadPool(64);
            try {
                List<Future<JsonNode>> replies = new ArrayList<>();
                for (StratumTestClient client : clients) {
                    replies.add(submitters.submit(() -> client.submit(client.job.startNonce())));
                }
                for (Future<JsonNode> reply : replies) {
                    assertThat(reply.get().get("result").get("status").asText()).isEqualTo("OK");
                }
            } finally {
                submitters.shutdownNow();
                clients.forEach(StratumTestClient::close);
            }
            assertThat(pool.count(Verdict.ACCEPTED)).isEqualTo(SESSIONS);
            assertThat(pool.shares()).hasSize(SESSIONS);
        }
    }
}
