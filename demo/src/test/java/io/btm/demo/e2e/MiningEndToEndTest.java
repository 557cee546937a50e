package io.btm.demo.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.tensority.MatrixCache;
import io.btm.miner.Miner;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.net.PoolEndpoint;
import io.btm.miner.stats.MinerStats;
import io.btm.pool.MockPool;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.btm.demo.e2e.Mining.PATIENCE;
import static io.btm.demo.e2e.Mining.accepted;
import static io.btm.demo.e2e.Mining.await;
import static io.btm.demo.e2e.Mining.mine;
import static io.btm.demo.e2e.Mining.stratum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The miner on the default OpenCL device (PoCL in CI) against the mock pool on loopback. Targets
 * are easy (one hash in 32 is a share) so that shares come every second or two; every share is
 * still checked by the pool with the reference, and both sides' counts must agree.
 */
@Tag("opencl")
@Tag("slow")
class MiningEndToEndTest {
    /** One hash in 32 meets it. */
    static final ShareTarget EASY = ShareTarget.parseHex("00000008");
    /** Network bits that one hash in 32 meets: exponent 32, mantissa 2^19, so the target is 2^251. */
    static final long EASY_BITS = 32L << 56 | 1L << 19;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PoolConfig.Builder pool() {
        return PoolConfig.builder().target(EASY);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void sharesAreAcceptedAndBothSidesCountTheSame(Dialect dialect) throws Exception {
        try (MockPool pool = MockPool.start(pool().dialect(dialect).build());
             Miner miner = mine(stratum(pool.stratumPort()))) {
            // The hashrate counts full seconds: with a fast kernel three shares can come within the first.
            await("three accepted shares and a second of hashing", () -> miner.stats().accepted() >= 3 && miner.stats().hashrate(10) > 0);
            JsonNode status = JSON.readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + miner.apiPort() + "/api/v1/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            miner.close();

            MinerStats stats = miner.stats();
            assertThat(pool.accepted()).isEqualTo(stats.accepted());
            assertThat(pool.rejected()).isZero();
            // What the pool noticed beyond its verdicts: no duplicate, nothing out of range, no repeated work.
            assertThat(pool.stats().flagged().values()).allMatch(count -> count == 0);
            // Nothing the real pool would close the connection for: only a connection, a login, and shares.
            assertThat(pool.events()).extracting(ProtocolEvent::kind)
                    .containsOnly(ProtocolEvent.Kind.CONNECTED, ProtocolEvent.Kind.LOGIN, ProtocolEvent.Kind.CLOSED);
            assertThat(stats.rejected()).isZero();
            assertThat(stats.computeErrors()).isZero();
            assertThat(pool.shares()).allSatisfy(share -> assertThat(share.worker()).isEqualTo("e2e.rig"));
            assertThat(status.get("shares").get("accepted").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(status.get("pool").get("url").asText()).isEqualTo("stratum+tcp://127.0.0.1:" + pool.stratumPort());
            assertThat(status.get("devices").get(0).get("hashes").asLong()).isPositive();
            assertThat(status.get("hashrate").get("10s").asDouble()).isPositive();
        }
    }

    @Test
    void sharesOfAReplacedJobAreDroppedNotSent() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        // Every hash is a share of the first job; its first batch is held until the job is replaced.
        try (MockPool pool = MockPool.start(PoolConfig.builder().target(ShareTarget.parseHex("ffffffff")).build());
             Miner miner = mine(stratum(pool.stratumPort()), Mining.FAST, backend -> new Mining.Wrapped(backend) {
                 @Override
                 public byte[][] hash(MatrixCache cache, byte[][] headerHashes) {
                     byte[][] results = inner.hash(cache, headerHashes);
                     if (first.getAndSet(false)) {
                         holding.countDown();
                         awaitUninterruptibly(release);
                     }
                     return results;
                 }
             })) {
            holding.await();
            String firstJob = pool.currentJob().id();
            // Same height, a harder target: were the held shares sent, the pool would accept them.
            pool.setTarget(EASY);
            String secondJob = pool.reissueJob().id();
            await("the miner on the new job", () -> secondJob.equals(miner.stats().toJson().get("pool").get("job_id").asText()));
            release.countDown();
            await("the held batch counted stale", () -> miner.stats().stale() == Mining.BATCH);
            await("a share of the new job", () -> miner.stats().accepted() >= 1);
            miner.close();

            assertThat(pool.shares()).noneMatch(share -> firstJob.equals(share.jobId()));
            assertThat(pool.accepted()).isEqualTo(miner.stats().accepted());
            assertThat(pool.rejected()).isZero();
        }
    }

    @Test
    void aReissuedJobIsMinedOnWhereTheMinerWasNotFromItsStartAgain() throws Exception {
        // The same header under new ids: a miner that started its nonces over would send the same work again.
        try (MockPool pool = MockPool.start(pool().build());
             Miner miner = mine(stratum(pool.stratumPort()))) {
            pool.awaitShares(Mining::accepted, 2, PATIENCE);
            for (int i = 0; i < 3; i++) {
                String reissued = pool.reissueJob().id();
                pool.awaitShares(share -> reissued.equals(share.jobId()) && accepted(share), 2, PATIENCE);
            }
            miner.close();

            assertThat(pool.stats().flagged().get(ShareFlag.REPEATED_WORK)).isZero();
            assertThat(pool.stats().flagged().get(ShareFlag.DUPLICATE)).isZero();
            assertThat(pool.rejected()).isZero();
        }
    }

    @Test
    void aDifficultyChangeReachesTheMiner() throws Exception {
        try (MockPool pool = MockPool.start(pool().build());
             Miner miner = mine(stratum(pool.stratumPort()))) {
            pool.awaitShares(Mining::accepted, 1, PATIENCE);
            pool.setDifficulty(BigInteger.valueOf(16));
            pool.newJob(); // as on a real pool, the new target comes with the next block
            await("difficulty 16 at the miner", () -> Math.round(miner.stats().difficulty()) == 16);
            String job = pool.currentJob().id();
            pool.awaitShares(share -> job.equals(share.jobId()) && accepted(share), 1, PATIENCE);
            miner.close();

            assertThat(pool.count(Verdict.LOW_DIFFICULTY)).isZero();
            assertThat(pool.accepted()).isEqualTo(miner.stats().accepted());
        }
    }

    @Test
    void aDroppedConnectionIsReconnectedAndMiningGoesOn() throws Exception {
        try (MockPool pool = MockPool.start(pool().build());
             Miner miner = mine(stratum(pool.stratumPort()))) {
            await("a share", () -> miner.stats().accepted() >= 1);
            long before = miner.stats().accepted();
            long firstSession = pool.sessions().get(0).id();
            pool.disconnectAll();
            await("a new session", () -> pool.sessions().stream().anyMatch(s -> s.id() != firstSession && s.loggedIn()));
            await("shares after the reconnect", () -> miner.stats().accepted() >= before + 2);
            miner.close();

            // A share the pool accepted as the connection closed never had its answer: the miner counts it lost.
            assertThat(pool.accepted()).isBetween(miner.stats().accepted(), miner.stats().accepted() + miner.stats().lost());
            assertThat(pool.rejected()).isZero();
        }
    }

    @Test
    void failsOverToTheSecondPoolAndBack() throws Exception {
        try (MockPool second = MockPool.start(pool().build());
             MockPool first = MockPool.start(pool().build());
             Miner miner = mine(stratum(first.stratumPort(), second.stratumPort()))) {
            int firstPort = first.stratumPort();
            first.awaitShares(Mining::accepted, 1, PATIENCE);
            first.close();
            second.awaitShares(Mining::accepted, 1, PATIENCE);
            try (MockPool restarted = MockPool.start(pool().ports(firstPort, 0).build())) {
                restarted.awaitShares(Mining::accepted, 1, PATIENCE);
                assertThat(miner.stats().toJson().get("pool").get("url").asText()).isEqualTo("stratum+tcp://127.0.0.1:" + firstPort);
                miner.close();
                // Shares in flight when a pool closed, or when the miner left the backup, had no answer: lost.
                assertThat(first.accepted() + second.accepted() + restarted.accepted())
                        .isBetween(miner.stats().accepted(), miner.stats().accepted() + miner.stats().lost());
            }
            assertThat(miner.stats().rejected()).isZero();
        }
    }

    @Test
    void garbageFromThePoolIsSurvived() throws Exception {
        try (MockPool pool = MockPool.start(pool().build());
             Miner miner = mine(stratum(pool.stratumPort()))) {
            await("a share", () -> miner.stats().accepted() >= 1);
            SessionInfo session = pool.sessions().get(0);
            pool.inject(session.id(), new Fault.MalformedLine());
            pool.inject(session.id(), new Fault.Line("{\"jsonrpc\":\"2.0\",\"method\":\"mining.set_extranonce\",\"params\":{\"x\":1}}"));
            pool.inject(session.id(), new Fault.Line("{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":{\"job_id\":\"broken\"}}"));
            long before = miner.stats().accepted();
            await("shares after the garbage", () -> miner.stats().accepted() >= before + 2);
            miner.close();

            assertThat(pool.sessions()).isEmpty();
            assertThat(pool.shares()).extracting(ShareRecord::session).containsOnly(session.id());
            assertThat(pool.rejected()).isZero();
        }
    }

    @Test
    void aLowDifficultyRejectionIsCounted() throws Exception {
        try (MockPool pool = MockPool.start(pool().build());
             Miner miner = mine(stratum(pool.stratumPort()))) {
            await("a session", () -> !pool.sessions().isEmpty());
            pool.inject(pool.sessions().get(0).id(), new Fault.JudgeBy(ShareTarget.parseHex("00000000")));
            await("two rejected shares", () -> miner.stats().rejected() >= 2);
            miner.close();

            assertThat(pool.count(Verdict.LOW_DIFFICULTY)).isEqualTo(miner.stats().rejected());
            JsonNode shares = miner.stats().toJson().get("shares");
            assertThat(shares.get("rejected_reasons").get("low_difficulty").asLong()).isEqualTo(miner.stats().rejected());
            assertThat(shares.get("last_rejection").asText()).isEqualTo("Low Difficulty Share (23)"); // btmcpool's words
            assertThat(miner.stats().accepted()).isZero();
        }
    }

    @Test
    void aBlockIsFoundAndSubmitted() throws Exception {
        // The share target is out of reach; the network bits are not: every share sent is a block.
        try (MockPool pool = MockPool.start(PoolConfig.builder().target(ShareTarget.parseHex("00000000"))
                .chain(PoolConfig.INITIAL_SEED, EASY_BITS, 1000).build());
             Miner miner = mine(stratum(pool.stratumPort()))) {
            pool.awaitShares(share -> share.verdict() == Verdict.BLOCK, 2, PATIENCE);
            miner.close();

            assertThat(pool.count(Verdict.BLOCK)).isEqualTo(miner.stats().accepted());
            assertThat(miner.stats().toJson().get("shares").get("blocks").asLong()).isEqualTo(pool.count(Verdict.BLOCK));
            assertThat(pool.rejected()).isZero();
        }
    }

    @Test
    void soloMiningOnTheMockNode() throws Exception {
        try (MockPool node = MockPool.start(PoolConfig.builder().chain(PoolConfig.INITIAL_SEED, EASY_BITS, 500).node(0).build());
             Miner miner = mine(List.of(PoolEndpoint.parse("http://127.0.0.1:" + node.nodePort(), null, null)),
                     Mining.FAST.withPollInterval(Duration.ofMillis(100)), b -> b)) {
            await("two blocks", () -> miner.stats().accepted() >= 2);
            miner.close();

            assertThat(node.count(Verdict.BLOCK)).isEqualTo(miner.stats().accepted());
            // A block moves the node on; a solution of the block it replaced is stale to both, never rejected
            // (docs/bytom-node.md: "pending mining block has been changed").
            assertThat(miner.stats().rejected()).isZero();
            assertThat(node.rejected()).isEqualTo(node.count(Verdict.STALE));
            assertThat(node.count(Verdict.STALE)).isLessThanOrEqualTo(miner.stats().stale());
            assertThat(node.currentJob().height()).isEqualTo(500 + node.count(Verdict.BLOCK));
            assertThat(node.shares()).allSatisfy(share -> assertThat(share.worker()).isEqualTo(ShareRecord.SOLO_WORKER));
        }
    }

    @Test
    void aWrongDeviceResultIsCaughtByTheCpuCheck() throws Exception {
        // The first result of every batch is replaced by zeros: a perfect share that is not the nonce's result.
        try (MockPool pool = MockPool.start(pool().build());
             Miner miner = mine(stratum(pool.stratumPort()), Mining.FAST, backend -> new Mining.Wrapped(backend) {
                 @Override
                 public byte[][] hash(MatrixCache cache, byte[][] headerHashes) {
                     byte[][] results = inner.hash(cache, headerHashes);
                     results[0] = new byte[32];
                     return results;
                 }
             })) {
            await("compute errors and a real share", () -> miner.stats().computeErrors() >= 3 && miner.stats().accepted() >= 1);
            miner.close();

            assertThat(pool.rejected()).isZero();
            assertThat(pool.accepted()).isEqualTo(miner.stats().accepted());
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
