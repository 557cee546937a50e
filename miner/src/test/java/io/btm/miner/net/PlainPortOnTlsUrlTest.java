package io.btm.miner.net;

import io.btm.core.stratum.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * A plain stratum port reached with stratum+ssl://, as pools answer a TLS ClientHello they cannot
 * read: with a line of plain text, or with silence (the mock pool, which closes, is in the demo's
 * TlsEndToEndTest).
 */
class PlainPortOnTlsUrlTest {
    private ServerSocket server;
    private PoolClient client;
    private final BlockingQueue<String> failures = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(10_000);
        PoolEndpoint endpoint = PoolEndpoint.parse("stratum+ssl://127.0.0.1:" + server.getLocalPort(), "acct.rig", "x");
        client = new PoolClient(List.of(endpoint), ClientSettings.defaults().withRetries(1, Duration.ofMinutes(1)), new PoolClient.Listener() {
            @Override
            public void job(Job job, PoolEndpoint from) {
            }

            @Override
            public void connected(PoolEndpoint pool) {
            }

            @Override
            public void disconnected(PoolEndpoint pool, String why) {
            }

            @Override
            public void connectFailed(PoolEndpoint pool, String why) {
                failures.add(why);
            }
        });
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void aPlainTextAnswerIsNamed() throws Exception {
        try (Socket pool = server.accept()) {
            pool.getInputStream().read(new byte[512]); // the ClientHello
            pool.getOutputStream().write("{\"id\":null,\"result\":null,\"error\":[20,\"Other/Unknown\",null]}\n".getBytes(StandardCharsets.UTF_8));
            assertThat(failures.poll(10, TimeUnit.SECONDS))
                    .isEqualTo("the pool answered in plain text, not TLS: this port speaks plain stratum; connect with stratum+tcp://");
        }
    }

    @Test
    void silenceIsNamedWhenTheHandshakeTimesOut() throws Exception {
        try (Socket pool = server.accept()) {
            // Netty's handshake timeout is 10 s, before the 15 s the miner gives a login.
            assertThat(failures.poll(20, TimeUnit.SECONDS)).isEqualTo("no TLS handshake (handshake timed out after 10000ms):"
                    + " if this is a plain stratum port, connect with stratum+tcp://");
        }
    }
}
