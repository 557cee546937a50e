package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw trace: every line in and out of every session, as sent, with the time and the session. */
class TraceLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineInAndOutIsTracedExactlyAsSent(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.jsonl");
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTCPOOL).target(ShareTarget.parseHex("ffffffff"))
                .traceLog(trace).build());
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("bob.rig");
            client.sendLine("{not json");
            client.submit(client.job.startNonce());
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("dir").asText()).containsExactly("in", "out", "out", "in", "in", "out");
        assertThat(lines).allSatisfy(l -> assertThat(l.get("session").asLong()).isEqualTo(1));
        assertThat(lines.get(0).get("data").asText()).startsWith("{\"id\":1,\"method\":\"login\"");
        assertThat(lines.get(1).get("data").asText()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"status\":\"OK\"},\"error\":null}\n");
        // btc.com's first job: no newline, exactly as it went out
        assertThat(lines.get(2).get("data").asText()).startsWith("{\"id\":1,").endsWith("}");
        assertThat(lines.get(3).get("data").asText()).isEqualTo("{not json");
        assertThat(lines.get(5).get("data").asText()).endsWith("\"result\":{\"status\":\"OK\"},\"error\":null}\n");
        assertThat(lines.get(0).get("time").asText()).endsWith("Z");
    }
}
