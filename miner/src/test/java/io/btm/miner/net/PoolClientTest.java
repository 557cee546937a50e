package io.btm.miner.net;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.stratum.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Connection errors of every kind take one path: retries, failover, and a pause that grows until a connection lasts. */
class PoolClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "11".repeat(32);
    private ServerSocket server;
    private PoolClient client;
    private final BlockingQueue<PoolEndpoint> connected = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000); // a miner that never comes fails the test instead of hanging it
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private PoolEndpoint fakePool() {
        return PoolEndpoint.parse("stratum+tcp://127.0.0.1:" + server.getLocalPort(), "acct.rig", "x");
    }

    private void start(List<PoolEndpoint> pools, Duration retryPause) {
        client = new PoolClient(pools, ClientSettings.defaults().withIdleTimeout(Duration.ZERO).withRetries(1, retryPause),
                new PoolClient.Listener() {
                    @Override
                    public void job(Job job, PoolEndpoint from) {
                    }

                    @Override
                    public void connected(PoolEndpoint pool) {
                        connected.add(pool);
                    }

                    @Override
                    public void disconnected(PoolEndpoint pool, String why) {
                    }
                });
        client.start();
    }

    /** Takes one connection, answers its login with a job, and returns it open. */
    private Socket acceptAndLogIn() throws Exception {
        Socket pool = server.accept();
        BufferedReader in = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
        JsonNode login = JSON.readTree(in.readLine());
        PrintWriter out = new PrintWriter(pool.getOutputStream(), true, StandardCharsets.UTF_8);
        out.println("{\"id\":" + login.get("id") + ",\"result\":{\"id\":\"s\",\"job\":{\"version\":\"0100000000000000\","
                + "\"height\":\"e803000000000000\",\"timestamp\":\"0000000000000000\",\"bits\":\"0000000000000020\","
                + "\"nonce\":\"0000000000000000\",\"previous_block_hash\":\"" + HASH + "\",\"transactions_merkle_root\":\"" + HASH
                + "\",\"transaction_status_hash\":\"" + HASH + "\",\"seed\":\"" + HASH + "\",\"job_id\":\"1\",\"target\":\"ffffffff\"},"
                + "\"status\":\"OK\"},\"error\":null}");
        return pool;
    }

    @Test
    void aPoolThatCannotEvenBeTriedFailsOverLikeAnyOther() throws Exception {
        // A port out of range makes Netty's connect throw instead of failing its future; parse refuses
        // such a URL, so the endpoint is made by hand.
        PoolEndpoint untriable = new PoolEndpoint("stratum+tcp://127.0.0.1:99999", PoolEndpoint.Protocol.STRATUM,
                "127.0.0.1", 99999, "acct.rig", "x");
        start(List.of(untriable, fakePool()), Duration.ofMillis(100));
        try (Socket pool = acceptAndLogIn()) {
            assertThat(connected.poll(10, TimeUnit.SECONDS)).isEqualTo(fakePool());
            assertThat(pool.isClosed()).isFalse();
        }
    }

    @Test
    void aPoolThatDropsTheMinerRightAfterLoginMeetsAGrowingPause() throws Exception {
        start(List.of(fakePool()), Duration.ofMillis(100));
        List<Long> loginsAt = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Socket pool = acceptAndLogIn();
            loginsAt.add(System.nanoTime());
            assertThat(connected.poll(10, TimeUnit.SECONDS)).isNotNull();
            pool.close(); // at once, as a pool that takes the login and then drops the miner
        }
        List<Long> gapsMillis = new ArrayList<>();
        for (int i = 1; i < loginsAt.size(); i++) {
            gapsMillis.add((loginsAt.get(i) - loginsAt.get(i - 1)) / 1_000_000);
        }
        // 100, 200, 400, 800 ms, each ±20%: the last pause is at least 640 ms, the first at most 120 ms plus the login.
        assertThat(gapsMillis.get(3)).as("pauses %s", gapsMillis).isGreaterThan(3 * gapsMillis.get(0));
        assertThat(gapsMillis.get(3)).as("pauses %s", gapsMillis).isGreaterThanOrEqualTo(600);
    }

    @Test
    void aNameThatDoesNotResolveIsSaidSo() {
        // Netty's connect: the exception's message is the name alone
        assertThat(PoolClient.failure(new CompletionException(new UnknownHostException("nosuchhost.invalid"))))
                .isEqualTo("the host name does not resolve (nosuchhost.invalid)");
        // the JDK's HTTP client (solo mining): no message at all
        assertThat(PoolClient.failure(new ConnectException().initCause(new UnresolvedAddressException())))
                .isEqualTo("the host name does not resolve");
        assertThat(PoolClient.failure(new ConnectException("Connection refused"))).isEqualTo("Connection refused");
    }

    @Test
    void aPoolWhoseNameDoesNotResolveIsLoggedSo() throws Exception {
        assumeTrue(doesNotResolve("nosuchhost.invalid"), "this machine's resolver answers for .invalid (RFC 6761)");
        Logger poolClientLog = (Logger) LoggerFactory.getLogger(PoolClient.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        poolClientLog.addAppender(logged);
        try {
            start(List.of(PoolEndpoint.parse("stratum+tcp://nosuchhost.invalid:3333", "acct.rig", "x")), Duration.ofMillis(100));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (logged.list.stream().noneMatch(e -> e.getFormattedMessage().contains("does not resolve"))) {
                assertThat(System.nanoTime()).as("logged: %s", logged.list).isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(logged.list).map(ILoggingEvent::getFormattedMessage)
                    .anyMatch(line -> line.startsWith("stratum+tcp://nosuchhost.invalid:3333: the host name does not resolve"));
        } finally {
            poolClientLog.detachAppender(logged);
        }
    }

    private static boolean doesNotResolve(String host) {
        try {
            InetAddress.getByName(host);
            return false;
        } catch (UnknownHostException expected) {
            return true;
        }
    }
}
