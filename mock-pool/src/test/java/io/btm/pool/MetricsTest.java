package io.btm.pool;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.http.Promtool;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The control port's {@code GET /metrics}: what a client did, in Prometheus' text format, as promtool reads it. */
class MetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The easiest target: every share is accepted, each worth one hash. */
    private static final ShareTarget EASY = ShareTarget.parseHex("ffffffff");
    private MockPool pool;

    @BeforeEach
    void start() {
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.ANTPOOL).target(EASY).build());
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private HttpResponse<String> scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pool.controlPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sharesSessionsFaultsAndJobSwitchesAreCountedAndPromtoolReadsThem() throws Exception {
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login("bob.rig");
            client.submit(client.job.startNonce());
            client.submit(client.job.startNonce());
            long session = pool.sessions().get(0).id();
            pool.inject(session, new Fault.DropNext(0));
            pool.newJob();

            HttpResponse<String> response = scrape();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            String text = response.body();
            assertThat(text).contains("btm_pool_shares_total{dialect=\"antpool\",verdict=\"accepted\"} 1.0\n",
                    "btm_pool_shares_total{dialect=\"antpool\",verdict=\"duplicate\"} 1.0\n",
                    "btm_pool_protocol_events_total{kind=\"login\"} 1.0\n",
                    "btm_pool_sessions 1.0\n",
                    "btm_pool_faults_injected_total{kind=\"drop\"} 1.0\n",
                    "btm_pool_job_switches_total 1.0\n",
                    "btm_pool_job_switch_seconds_count 1\n")
                    .doesNotContain("bob.rig");
            double worth = Double.parseDouble(text.lines().filter(l -> l.startsWith("btm_pool_share_difficulty_total "))
                    .findFirst().orElseThrow().split(" ")[1]);
            assertThat(worth).isEqualTo(client.job.target().displayDifficulty());
            Promtool.check(text);
        }
    }

    @Test
    void otherRequestsStillReachTheControlApi() throws Exception {
        var stats = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pool.controlPort() + "/api/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"sessions\":0");
    }
}
