package io.btm.miner.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import io.btm.core.util.Hex;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pool client against a scripted pool that sends, byte for byte, what real pools send
 * (docs/real-pools.md): btc.com's two-part login and objects without a newline, JSON-RPC 1 error
 * arrays, an 8-byte target, {@code "result":true}, code -1 errors, garbage and unknown methods
 * between real messages, and a close without a word.
 */
class StratumVariantsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "11".repeat(32);
    private ServerSocket server;
    private PoolClient manager;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private void connect(Duration idleTimeout) {
        PoolEndpoint endpoint = PoolEndpoint.parse("stratum+tcp://127.0.0.1:" + server.getLocalPort(), "acct.rig", "secret");
        manager = new PoolClient(List.of(endpoint), ClientSettings.defaults().withIdleTimeout(idleTimeout)
                .withRetries(1, Duration.ofMillis(200)), new PoolClient.Listener() {
            @Override
            public void job(Job job, PoolEndpoint from) {
                jobs.add(job);
            }

            @Override
            public void connected(PoolEndpoint pool) {
            }

            @Override
            public void disconnected(PoolEndpoint pool, String why) {
                disconnects.add(why);
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
    void aQuietConnectionSendsNothingButReconnectsAfterTheIdleTimeout() throws Exception {
        // btmcpool closes the connection on keepalived (stratum/btmc/sessiondecoder.go:26-33): never send one.
        connect(Duration.ofMillis(1500));
        try (Socket pool = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(pool.getOutputStream(), true, StandardCharsets.UTF_8)) {
            JsonNode login = JSON.readTree(in.readLine());
            out.println("{\"id\":" + login.get("id") + ",\"result\":{\"id\":\"s1\",\"job\":" + job("a", "ffffffff") + "},\"error\":null}");
            assertThat(jobs.poll(10, TimeUnit.SECONDS)).isNotNull();
            pool.setSoTimeout(1200);
            assertThatThrownBy(in::readLine).as("nothing sent while quiet").isInstanceOf(SocketTimeoutException.class);
            try (Socket again = server.accept()) {
                assertThat(JSON.readTree(new BufferedReader(new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8))
                        .readLine()).get("method").asText()).isEqualTo("login");
            }
        }
    }

    @Test
    void btcComsLoginAsItSendsItByteForByteGivesTheJobAtOnce() throws Exception {
        // src/bytom/StratumSessionBytom.cc:40-47 then :145-158: a status reply, then the job under id 1, no newline.
        connect(Duration.ZERO);
        try (Socket pool = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = pool.getOutputStream()) {
            JsonNode login = JSON.readTree(in.readLine());
            String jobObject = "{\"version\": \"0100000000000000\",\"height\": \"e803000000000000\",\"previous_block_hash\": \"" + HASH
                    + "\",\"timestamp\": \"0000000000000000\",\"transactions_merkle_root\": \"" + HASH
                    + "\",\"transaction_status_hash\": \"" + HASH + "\",\"nonce\": \"0000000100000000\",\"bits\": \"0000000000000020\","
                    + "\"job_id\": \"1\",\"seed\": \"" + HASH + "\",\"target\": \"3ec5a70000\"}";
            String bytes = "{\"id\":" + login.get("id") + ",\"jsonrpc\":\"2.0\",\"result\":{\"status\":\"OK\"},\"error\":null}\n"
                    + "{\"id\": 1, \"jsonrpc\": \"2.0\", \"result\": {\"id\": \"acct.rig\", \"job\": " + jobObject
                    + ", \"status\": \"OK\"}, \"error\": null}";
            out.write(bytes.getBytes(StandardCharsets.UTF_8));
            out.flush();
            Job first = jobs.poll(1, TimeUnit.SECONDS);
            assertThat(first).as("the job within a second").isNotNull();
            assertThat(first.jobId()).isEqualTo("1");
            assertThat(first.target().hex()).isEqualTo("3ec5a70000");
            assertThat(first.startNonce()).isEqualTo(1L << 24); // the byte-reversed session nonce, read as the other fields

            // A job notification without a newline, glued to the reply of a submit that comes after it.
            var answered = manager.submit(share(first, first.startNonce()));
            JsonNode submit = JSON.readTree(in.readLine());
            assertThat(submit.has("method") && submit.get("method").asText().equals("submit")).isTrue();
            out.write(("{\"jsonrpc\": \"2.0\", \"method\":\"job\", \"params\": " + jobObject.replace("\"job_id\": \"1\"", "\"job_id\": \"2\"")
                    + "}{\"id\":" + submit.get("id") + ",\"result\":null,\"error\":[22,\"Duplicate share\",null]}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(jobs.poll(5, TimeUnit.SECONDS).jobId()).isEqualTo("2");
            SubmitResult duplicate = answered.get(5, TimeUnit.SECONDS);
            assertThat(duplicate.kind()).isEqualTo(SubmitResult.Kind.REJECTED);
            assertThat(duplicate.reason()).isEqualTo("Duplicate share (22)"); // the array's code and message kept
            assertThat(in.ready()).as("no getjob, no keepalived").isFalse();
        }
    }

    @Test
    void aCloseRightAfterASubmitIsReportedAsALikelyBanAndBackedOff() throws Exception {
        connect(Duration.ZERO);
        long closedAt;
        try (Socket pool = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(pool.getOutputStream(), true, StandardCharsets.UTF_8)) {
            JsonNode login = JSON.readTree(in.readLine());
            out.println("{\"id\":" + login.get("id") + ",\"result\":{\"id\":\"acct.rig\",\"job\":" + job("a", "ffffffff") + "},\"error\":null}");
            Job a = jobs.poll(10, TimeUnit.SECONDS);
            var lost = manager.submit(share(a, a.startNonce()));
            in.readLine();
            closedAt = System.nanoTime();
            pool.close(); // btmcpool's ban: the submit gets no answer and the connection closes (connctl.go:92-115)
            assertThat(lost.get(10, TimeUnit.SECONDS).kind()).isEqualTo(SubmitResult.Kind.LOST);
            assertThat(disconnects.poll(10, TimeUnit.SECONDS)).contains("right after a submit").contains("banned");
        }
        try (Socket again = server.accept()) {
            // The first pause is the retry pause, 200 ms give or take a fifth: not an instant storm.
            assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isGreaterThan(Duration.ofMillis(150));
        }
    }

    @Test
    void btmcpoolsStaleAnswerIsStaleWhereTheBlockMovedOnWhileTheShareWasOnItsWay() throws Exception {
        // btmcpool answers a share of an older height with 32 (stratum/btmc/handler.go:138-154); on a solonet the
        // height moves on after every share, so most of its 32s were stale shares (issue 18: 49 of 65 rejections).
        connect(Duration.ZERO);
        try (Socket pool = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(pool.getOutputStream(), true, StandardCharsets.UTF_8)) {
            JsonNode login = JSON.readTree(in.readLine());
            out.println("{\"id\":" + login.get("id") + ",\"jsonrpc\":\"2.0\",\"result\":{\"id\":\"acct.rig\",\"job\":"
                    + btmcpoolJob("11", 2) + ",\"status\":\"OK\"},\"error\":null}");
            out.println(btmcpoolJobPush("11", 2)); // handler.go:279-286: the login's job once more
            Job height2 = jobs.poll(10, TimeUnit.SECONDS);
            assertThat(height2.height()).isEqualTo(2);

            // The new job comes first, then the answer to the share that crossed it.
            var crossed = manager.submit(share(height2, height2.startNonce()));
            JsonNode submit = JSON.readTree(in.readLine());
            out.println(btmcpoolJobPush("12", 3));
            out.println(btmcpoolError(submit, 32, "Invalid Submit Format"));
            Job height3 = jobs.poll(10, TimeUnit.SECONDS);
            SubmitResult stale = crossed.get(10, TimeUnit.SECONDS);
            assertThat(stale.kind()).isEqualTo(SubmitResult.Kind.STALE);
            assertThat(stale.reason()).contains("Invalid Submit Format (32)");

            // The answer first, the new job a moment later: btmcpool pushes jobs from other goroutines (stratum/server.go:97-117).
            var answeredFirst = manager.submit(share(height3, height3.startNonce()));
            submit = JSON.readTree(in.readLine());
            out.println(btmcpoolError(submit, 32, "Invalid Submit Format"));
            Thread.sleep(300);
            out.println(btmcpoolJobPush("13", 4));
            Job height4 = jobs.poll(10, TimeUnit.SECONDS);
            assertThat(answeredFirst.get(10, TimeUnit.SECONDS).kind()).isEqualTo(SubmitResult.Kind.STALE);

            // A 32 while the block stays is a refusal; so is a low difficulty share, whatever the block does.
            var refused = manager.submit(share(height4, height4.startNonce()));
            submit = JSON.readTree(in.readLine());
            out.println(btmcpoolError(submit, 32, "Invalid Submit Format"));
            SubmitResult malformed = refused.get(10, TimeUnit.SECONDS);
            assertThat(malformed.kind()).isEqualTo(SubmitResult.Kind.REJECTED);
            assertThat(malformed.reason()).isEqualTo("Invalid Submit Format (32)");
            var low = manager.submit(share(height4, height4.startNonce() + 1));
            submit = JSON.readTree(in.readLine());
            out.println(btmcpoolJobPush("14", 5));
            out.println(btmcpoolError(submit, 23, "Low Difficulty Share"));
            assertThat(low.get(10, TimeUnit.SECONDS).kind()).isEqualTo(SubmitResult.Kind.REJECTED);
        }
    }

    /** A job as btmcpool's Go encoder writes it: jobReplyData's fields in order (stratum/btmc/message.go, job.go:56-70). */
    private static String btmcpoolJob(String id, long height) {
        return ("{\"version\":\"0100000000000000\",\"height\":\"%s\",\"previous_block_hash\":\"%s\",\"timestamp\":\"2c07656500000000\","
                + "\"transactions_merkle_root\":\"%s\",\"transaction_status_hash\":\"%s\",\"nonce\":\"0000000000200000\","
                + "\"bits\":\"cccc0c0000000020\",\"job_id\":\"%s\",\"seed\":\"%s\",\"target\":\"00008000\"}")
                .formatted(Hex.encodeLittleEndian64(height), Hex.encode(new byte[] {(byte) height}).repeat(32), HASH, HASH, id, HASH);
    }

    private static String btmcpoolJobPush(String id, long height) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":" + btmcpoolJob(id, height) + "}";
    }

    /** stratum/tcpsession.go:354-356 with message.go's ErrorReply. */
    private static String btmcpoolError(JsonNode request, int code, String message) {
        return "{\"id\":" + request.get("id") + ",\"jsonrpc\":\"2.0\",\"result\":null,\"error\":{\"code\":" + code
                + ",\"message\":\"" + message + "\"}}";
    }

    private static FoundShare share(Job job, long nonce) {
        return new FoundShare(job, nonce, new byte[32], Bytes32.ZERO, 0);
    }
}
