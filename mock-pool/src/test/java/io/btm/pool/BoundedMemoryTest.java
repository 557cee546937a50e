package io.btm.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Text;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.ShareRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a peer or a long run can make the pool keep is bounded: bytes held for a miner that does
 * not read, records of submits, the length of what a peer sends, the jobs each session remembers.
 */
class BoundedMemoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private MockPool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
    }

    /** A connection whose own receive buffer is small, so what it does not read stays with the pool. */
    private Socket stalledConnection() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", pool.stratumPort()));
        return socket;
    }

    private static void sendLine(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private long eventsOf(ProtocolEvent.Kind kind) {
        return pool.stats().events().get(kind);
    }

    @Test
    void aMinerThatSendsButNeverReadsIsNoLongerReadFrom() throws Exception {
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTCPOOL).build());
        int requests = 100_000; // each answered with a job of about 500 bytes: 50 MB if the pool kept reading
        AtomicInteger sent = new AtomicInteger();
        try (Socket socket = stalledConnection()) {
            OutputStream out = socket.getOutputStream();
            sendLine(out, "{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"a.1\",\"pass\":\"x\",\"agent\":\"t\"}}");
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < requests; i++) {
                        sendLine(out, "{\"id\":" + (i + 2) + ",\"method\":\"getwork\",\"params\":{}}");
                        sent.incrementAndGet();
                    }
                } catch (IOException closedByPool) {
                    // the pool may close a miner that does not read
                }
            });
            writer.setDaemon(true);
            writer.start();
            writer.join(10_000);
            long read = eventsOf(ProtocolEvent.Kind.OTHER_METHOD);
            assertThat(read).as("requests the pool read of the %d sent", sent.get()).isLessThan(requests / 4);
            Thread.sleep(500);
            assertThat(eventsOf(ProtocolEvent.Kind.OTHER_METHOD)).as("still paused").isEqualTo(read);
        }
    }

    @Test
    void aSessionThatDoesNotReadItsJobsIsClosedPastTheOutboundLimit() throws Exception {
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTMCPOOL).outboundLimit(256 * 1024).build());
        try (Socket socket = stalledConnection()) {
            sendLine(socket.getOutputStream(), "{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"a.1\",\"pass\":\"x\",\"agent\":\"t\"}}");
            ProtocolEvent login = pool.awaitEvent(e -> e.kind() == ProtocolEvent.Kind.LOGIN, Duration.ofSeconds(10));
            assertThat(login).isNotNull();
            for (int i = 0; i < 20_000 && !pool.sessions().isEmpty(); i++) {
                pool.newJob(); // about 500 bytes to every session: 10 MB for this one if it stayed
            }
            ProtocolEvent closed = pool.awaitEvent(e -> e.kind() == ProtocolEvent.Kind.CLOSED, Duration.ofSeconds(10));
            assertThat(closed).as("the stalled session closed").isNotNull();
            assertThat(closed.detail()).startsWith("not reading");
        }
    }

    @Test
    void recordsKeptInMemoryAreBoundedAndWhatAPeerSentIsCut() throws Exception {
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTMCPOOL).target(ShareTarget.parseHex("ffffffff"))
                .recordsKept(100).maxLineBytes(128 * 1024).banPeriod(Duration.ZERO).build()); // no ban for 300 bad submits
        String hugeJobId = "9".repeat(60_000);
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("a.1");
            for (int i = 0; i < 300; i++) {
                client.sendLine(JSON.createObjectNode().put("id", i + 2).put("method", "submit").set("params",
                        JSON.createObjectNode().put("id", client.sessionId).put("job_id", hugeJobId).put("nonce", "00000001")).toString());
            }
            client.replyTo(301);
        }
        assertThat(pool.rejected()).isEqualTo(300);
        assertThat(pool.shares()).hasSize(100);
        for (ShareRecord record : pool.shares()) {
            assertThat(record.jobId().length()).isLessThanOrEqualTo(Text.KEPT + 20);
            assertThat(record.jobId()).startsWith("9999").endsWith("(60000 chars)");
        }
    }

    @Test
    void aSessionRemembersOnlyTheJobsItsDialectKeeps() throws Exception {
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTMCPOOL).build());
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("a.1");
            for (int i = 0; i < 50; i++) {
                pool.newJob();
                client.nextJob();
            }
            assertThat(pool.sessions()).singleElement().satisfies(s -> assertThat(s.jobsRemembered()).isEqualTo(8));
        }
    }
}
