package io.btm.pool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool writes a verdict to its share log before the miner hears it: killed with {@code kill -9}
 * in the middle of a flood of submits, its log holds every verdict a client received.
 */
class ShareLogKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PORTS = Pattern.compile("stratum port (\\d+) control port (\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyVerdictAClientReceivedIsInTheLogAfterKill9() throws Exception {
        Path log = dir.resolve("shares.jsonl");
        // With the module given, the pool runs in this JVM rather than a relaunched one: the kill -9 hits the pool itself.
        Process pool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), MockPoolCli.class.getName(),
                "--stratum-port", "0", "--control-port", "0", "--dialect", "antpool", "--share-log", log.toString())
                .redirectError(dir.resolve("pool.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
            Matcher ports = PORTS.matcher("");
            boolean started = false;
            String line;
            while (!started && (line = out.readLine()) != null) {
                started = ports.reset(line).find(); // logging's own start-up lines may come first
            }
            assertThat(started).as("the pool did not start: %s", Files.readString(dir.resolve("pool.err"))).isTrue();
            Set<String> answered = ConcurrentHashMap.newKeySet();
            try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(ports.group(1)))) {
                OutputStream requests = socket.getOutputStream();
                requests.write("{\"id\":\"login\",\"method\":\"login\",\"params\":{\"login\":\"k.1\",\"pass\":\"x\",\"agent\":\"t\"}}\n"
                        .getBytes(StandardCharsets.UTF_8));
                requests.flush();
                // Made after the login is sent: the iterator reads its first value as it is made.
                MappingIterator<JsonNode> replies = JSON.readerFor(JsonNode.class).readValues(socket.getInputStream());
                String session = replies.next().path("result").path("id").asText();
                // Submits for jobs the pool never sent: each is judged at once, so the pool answers as fast as it logs.
                Thread flood = new Thread(() -> {
                    try {
                        for (int i = 0; i < 2_000_000; i++) {
                            requests.write(("{\"id\":" + i + ",\"method\":\"submit\",\"params\":{\"id\":\"" + session
                                    + "\",\"job_id\":\"j" + i + "\",\"nonce\":\"0000000000000001\"}}\n").getBytes(StandardCharsets.UTF_8));
                        }
                    } catch (IOException killed) {
                        // the pool is gone
                    }
                });
                flood.setDaemon(true);
                flood.start();
                // Replies are read as they come until the kill, so the last ones the pool sent are counted too.
                Thread reader = new Thread(() -> {
                    try {
                        while (replies.hasNextValue()) {
                            JsonNode reply = replies.nextValue();
                            if (reply.has("id") && reply.get("id").isInt()) {
                                answered.add("j" + reply.get("id").asInt());
                            }
                        }
                    } catch (IOException | RuntimeException reset) {
                        // the pool was killed
                    }
                });
                reader.start();
                while (answered.size() < 20_000 && reader.isAlive()) {
                    Thread.sleep(1);
                }
                pool.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertThat(pool.waitFor(10, TimeUnit.SECONDS)).isTrue();
                reader.join(10_000);
            }
            Set<String> logged = new HashSet<>();
            List<String> lines = Files.readAllLines(log);
            for (int i = 0; i < lines.size(); i++) {
                try {
                    logged.add(JSON.readTree(lines.get(i)).get("job_id").asText());
                } catch (IOException torn) {
                    assertThat(i).as("only the last line may be cut by the kill").isEqualTo(lines.size() - 1);
                }
            }
            Set<String> missing = new HashSet<>(answered);
            missing.removeAll(logged);
            assertThat(missing).as("verdicts received but not in the log, of %d received and %d logged", answered.size(), logged.size())
                    .isEmpty();
        } finally {
            pool.destroyForcibly();
        }
    }
}
