package io.btm.miner.net;

import io.btm.core.stratum.Job;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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
 * A TLS port reached with stratum+tcp:// that answers the plain login with a TLS alert, as
 * OpenSSL-based servers do (the mock pool, like Go's, closes without a word: see the demo's
 * TlsEndToEndTest): the miner says it is a TLS port, instead of skipping the bytes as garbage.
 */
class TlsAnswerOnPlainUrlTest {
    /** A TLS record: alert (21), version 3.3, length 2, fatal (2) protocol_version (70). */
    private static final byte[] TLS_ALERT = {21, 3, 3, 0, 2, 2, 70};

    @Test
    void aTlsAlertAnsweringTheLoginIsNamed() throws Exception {
        BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            PoolEndpoint endpoint = PoolEndpoint.parse("stratum+tcp://127.0.0.1:" + server.getLocalPort(), "acct.rig", "x");
            PoolClient client = new PoolClient(List.of(endpoint), ClientSettings.defaults().withRetries(1, Duration.ofMinutes(1)),
                    new PoolClient.Listener() {
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
            try {
                client.start();
                try (Socket miner = server.accept()) {
                    new BufferedReader(new InputStreamReader(miner.getInputStream(), StandardCharsets.UTF_8)).readLine();
                    miner.getOutputStream().write(TLS_ALERT);
                    miner.getOutputStream().flush();
                    assertThat(failures.poll(10, TimeUnit.SECONDS)).isEqualTo(
                            "the pool answered in TLS: this port speaks TLS; connect with stratum+ssl://127.0.0.1:" + server.getLocalPort());
                }
            } finally {
                client.close();
            }
        }
    }
}
