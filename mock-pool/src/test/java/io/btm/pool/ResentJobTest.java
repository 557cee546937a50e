package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.stratum.Job;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same work submitted again under a job the pool sent again (a second login, a re-issue, the
 * job that carries vardiff's new target, an old job resent) is never credited twice without a
 * trace, in any dialect. Under the same id it is a duplicate: refused where the dialect's pool
 * checks duplicates, flagged where it does not; under a new id the pool flags it as repeated work.
 */
class ResentJobTest {
    private static final ShareTarget EVERY_HASH = ShareTarget.parseHex("ffffffff");
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aSecondLogin(Dialect dialect) throws Exception {
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(dialect).target(EVERY_HASH).build());
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            Work work = firstSubmit(pool, client);
            JsonNode again = client.login("relogin.w1");
            if (!again.path("error").isNull()) {
                // btmcpool stratum/btmc/handler.go:24-28: 40 and a close, so nothing is sent again
                assertThat(client.closedByPool()).isTrue();
                assertThat(pool.stats().accepted()).isEqualTo(1);
                return;
            }
            assertIdAsThePoolSendsIt(dialect, work, client.job);
            assertTraced(dialect, work, client.job, resubmit(pool, client, work));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aReissueToEverySession(Dialect dialect) throws Exception {
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(dialect).target(EVERY_HASH).build());
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            Work work = firstSubmit(pool, client);
            post(pool, "/api/jobs", "{\"reissue\": true}");
            assertTraced(dialect, work, client.nextJob(), resubmit(pool, client, work));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void aReissueToOneSession(Dialect dialect) throws Exception {
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(dialect).target(EVERY_HASH).build());
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            Work work = firstSubmit(pool, client);
            post(pool, "/api/sessions/" + work.session() + "/difficulty", "{\"target\": \"fffffff0\", \"reissue\": true}");
            Job resent = client.nextJob();
            assertThat(resent.target().hex()).isEqualTo("fffffff0");
            assertIdAsThePoolSendsIt(dialect, work, resent);
            assertTraced(dialect, work, resent, resubmit(pool, client, work));
        }
    }

    /** Vardiff's new target goes out with the next job: getwork's where the pool answers it, else a re-issue. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void theJobThatCarriesAVardiffTarget(Dialect dialect) throws Exception {
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(dialect).target(EVERY_HASH)
                .varDiff(1, Duration.ofSeconds(1)).build()); // a harder target for a second, then back
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            Work work = firstSubmit(pool, client);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (pool.session(work.session()).orElseThrow().target().equals(EVERY_HASH)) {
                assertThat(System.nanoTime()).as("a harder target within %s", PATIENCE).isLessThan(deadline);
                Thread.sleep(20);
            }
            if (dialect == Dialect.BTCPOOL || dialect == Dialect.ANTPOOL) {
                client.send("getwork", JSON.createObjectNode()); // bytom/StratumMinerBytom.cc:53-68
            } else {
                pool.reissueJob();
            }
            Job carrying = client.nextJob();
            assertThat(carrying.target()).isNotEqualTo(EVERY_HASH);
            assertTraced(dialect, work, carrying, resubmit(pool, client, work));
        }
    }

    /** The old job is the one before a re-issue: the same height, so its shares are not stale. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void anOldJobResent(Dialect dialect) throws Exception {
        try (MockPool pool = MockPool.start(PoolConfig.builder().dialect(dialect).target(EVERY_HASH).build());
             StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            Work work = firstSubmit(pool, client);
            pool.reissueJob();
            client.nextJob();
            pool.inject(work.session(), new Fault.OldJob());
            Job old = client.nextJob();
            assertIdAsThePoolSendsIt(dialect, work, old);
            assertTraced(dialect, work, old, resubmit(pool, client, work));
        }
    }

    /** A job, a nonce of it, and the session that submitted it once. */
    private record Work(long session, Job job, long nonce) {
    }

    private static Work firstSubmit(MockPool pool, StratumTestClient client) throws InterruptedException {
        client.login("relogin.w1");
        Job job = client.job;
        long nonce = job.startNonce() + 1;
        client.submit(nonce);
        ShareRecord first = pool.takeShare(PATIENCE);
        assertThat(first.verdict().accepted()).as(first.toString()).isTrue();
        assertThat(first.flags()).isEmpty();
        return new Work(pool.sessions().get(0).id(), job, nonce);
    }

    /** The same nonce again, under the job the client holds now. */
    private static ShareRecord resubmit(MockPool pool, StratumTestClient client, Work work) throws InterruptedException {
        client.submit(work.nonce());
        return pool.takeShare(PATIENCE);
    }

    /** btc.com numbers each job it sends (bytom/StratumSessionBytom.cc:89, {@code shortJobId_++}); the others send the pool's own id. */
    private static void assertIdAsThePoolSendsIt(Dialect dialect, Work work, Job resent) {
        assertThat(resent.jobId().equals(work.job().jobId())).as("job id %s, first sent as %s", resent.jobId(), work.job().jobId())
                .isEqualTo(dialect != Dialect.BTCPOOL);
    }

    private static void assertTraced(Dialect dialect, Work work, Job resent, ShareRecord again) {
        assertThat(resent.template()).as("the same block is sent again").isEqualTo(work.job().template());
        if (!resent.jobId().equals(work.job().jobId())) {
            assertThat(again.flags()).as("under a new id: %s", again).contains(ShareFlag.REPEATED_WORK);
        } else if (dialect == Dialect.BTCPOOL || dialect == Dialect.ANTPOOL) {
            // btc.com's per-job nonce set, bytom/StratumMinerBytom.cc:171-179
            assertThat(again.verdict()).as("under the same id: %s", again).isEqualTo(Verdict.DUPLICATE);
        } else {
            // btmcpool checks no duplicates (btmc/session.go:16,54): accepted, and flagged
            assertThat(again.flags()).as("under the same id: %s", again).contains(ShareFlag.DUPLICATE);
        }
    }

    private static void post(MockPool pool, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pool.controlPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
