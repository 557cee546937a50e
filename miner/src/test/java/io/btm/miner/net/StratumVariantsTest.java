package io.btm.miner.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool client against a scripted pool that speaks the variants of docs/stratum-btm.md which the
 * mock pool's dialects do not: an 8-byte target, {@code "result":true}, code -1 errors, garbage
 * and unknown methods between real messages.
 */
class StratumVariantsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "11".repeat(32);
    private ServerSocket server;
    private PoolClient manager;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private void connect(Duration keepalive) {
        PoolEndpoint endpoint = PoolEndpoint.parse("stratum+tcp://127.0.0.1:" + server.getLocalPort(), "acct.rig", "secret");
        manager = new PoolClient(List.of(endpoint), ClientSettings.defaults().withKeepalive(keepalive), new PoolClient.Listener() {
            @Override
            public void job(Job job, PoolEndpoint from) {
                jobs.add(job);
            }

            @Override
            public void connected(PoolEndpoint pool) {
            }

            @Override
            public void disconnected(PoolEndpoint pool, String why) {
            }
        });
        manager.start();
    }

    @AfterEach
    void stop() throws Exception {
        manager.close();
        server.close();
    }

    private static String job(String id, String target) {
        return ("{\"version\":\"0100000000000000\",\"height\":\"e803000000000000\",\"timestamp\":\"0000000000000000\","
                + "\"bits\":\"0000000000000020\",\"nonce\":\"0000000001000000\",\"previous_block_hash\":\"%s\","
                + "\"transactions_merkle_root\":\"%s\",\"transaction_status_hash\":\"%s\",\"seed\":\"%s\",\"job_id\":\"%s\","
                + "\"target\":\"%s\"}").formatted(HASH, HASH, HASH, HASH, id, target);
    }

    @Test
    void everyVariantOfThePoolIsUnderstoodOrSurvived() throws Exception {
        connect(Duration.ZERO);
        try (Socket pool = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(pool.getOutputStream(), true, StandardCharsets.UTF_8)) {
            JsonNode login = JSON.readTree(in.readLine());
            assertThat(login.get("method").asText()).isEqualTo("login");
            assertThat(login.get("params").get("login").asText()).isEqualTo("acct.rig");
            assertThat(login.get("params").get("pass").asText()).isEqualTo("secret");
            out.println("{\"id\":" + login.get("id") + ",\"jsonrpc\":\"2.0\",\"result\":{\"id\":\"sess-9\",\"job\":"
                    + job("a", "0000000000000080") + ",\"status\":\"OK\"},\"error\":null}");
            Job a = jobs.poll(10, TimeUnit.SECONDS);
            assertThat(a.jobId()).isEqualTo("a");
            assertThat(a.target().value()).isEqualTo(java.math.BigInteger.ONE.shiftLeft(255)); // 8 bytes, reversed, on top
            assertThat(a.startNonce()).isEqualTo(1L << 32);

            out.println("this is no json");
            out.println("{\"jsonrpc\":\"2.0\",\"method\":\"mining.notify\",\"params\":[]}");
            out.println("{\"id\":999,\"result\":true,\"error\":null}");
            out.println("{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":" + job("b", "c5a70000") + "}");
            Job b = jobs.poll(10, TimeUnit.SECONDS);
            assertThat(b.jobId()).isEqualTo("b");

            SubmitResult stale = manager.submit(share(a, 1L << 32)).get(10, TimeUnit.SECONDS);
            assertThat(stale.kind()).isEqualTo(SubmitResult.Kind.STALE);

            var accepted = manager.submit(share(b, (1L << 32) + 0x40c));
            JsonNode submit = JSON.readTree(in.readLine()); // the stale share was never written
            assertThat(submit.get("method").asText()).isEqualTo("submit");
            assertThat(submit.get("params").get("id").asText()).isEqualTo("sess-9");
            assertThat(submit.get("params").get("job_id").asText()).isEqualTo("b");
            assertThat(submit.get("params").get("nonce").asText()).isEqualTo("000000010000040c");
            out.println("{\"id\":" + submit.get("id") + ",\"jsonrpc\":\"2.0\",\"result\":true,\"error\":null}");
            assertThat(accepted.get(10, TimeUnit.SECONDS).kind()).isEqualTo(SubmitResult.Kind.ACCEPTED);

            var rejected = manager.submit(share(b, (1L << 32) + 0x40d));
            submit = JSON.readTree(in.readLine());
            out.println("{\"id\":" + submit.get("id") + ",\"result\":null,\"error\":{\"code\":-1,\"message\":\"Low difficulty share\"}}");
            SubmitResult low = rejected.get(10, TimeUnit.SECONDS);
            assertThat(low.kind()).isEqualTo(SubmitResult.Kind.REJECTED);
            assertThat(low.reason()).isEqualTo("Low difficulty share (-1)");

            var unanswered = manager.submit(share(b, (1L << 32) + 0x40e));
            in.readLine();
            pool.close(); // the pool goes away before answering
            assertThat(unanswered.get(10, TimeUnit.SECONDS).kind()).isEqualTo(SubmitResult.Kind.LOST);
        }
    }

    @Test
    void aQuietConnectionSendsKeepalived() throws Exception {
        connect(Duration.ofMillis(300));
        try (Socket pool = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(pool.getOutputStream(), true, StandardCharsets.UTF_8)) {
            JsonNode login = JSON.readTree(in.readLine());
            out.println("{\"id\":" + login.get("id") + ",\"result\":{\"id\":\"s1\",\"job\":" + job("a", "ffffffff") + "},\"error\":null}");
            JsonNode keepalive = JSON.readTree(in.readLine());
            assertThat(keepalive.get("method").asText()).isEqualTo("keepalived");
            assertThat(keepalive.get("params").get("id").asText()).isEqualTo("s1");
        }
    }

    private static FoundShare share(Job job, long nonce) {
        return new FoundShare(job, nonce, new byte[32], Bytes32.ZERO, 0);
    }
}
