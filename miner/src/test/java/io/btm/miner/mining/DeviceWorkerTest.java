package io.btm.miner.mining;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.util.Hex;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.backend.reference.ReferenceBackend;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.ShareChecker;
import io.btm.miner.share.SubmitResult;
import io.btm.miner.stats.MinerStats;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a device hands on, judged by a stand-in for btmcpool's verifier: on a bytomd solonet behind
 * btmcpool with {@code session.diff 512} (issue 18: 16 of 65 shares refused as
 * {@code 23 Low Difficulty Share}, e.g. nonces 119, 134, 137 at height 2, {@code net_diff=40}).
 */
class DeviceWorkerTest {
    /** bytomd v1.1.1's solonet genesis bits ({@code config/genesis.go:119}). */
    private static final long SOLONET_BITS = 2305843009214532812L;
    private static final long SESSION_DIFFICULTY = 512;
    private static final int MOST_HASHES = 2_000;

    @Test
    void sendsEveryResultBtmcpoolCreditsAndNoneItRefuses() throws Exception {
        Job job = Job.fromJson(btmcpoolJob(2, BtmcpoolVerifier.targetHex(SESSION_DIFFICULTY)));
        assertThat(job.target().hex()).isEqualTo("00008000");
        BigInteger network = Difficulty.compactToBig(SOLONET_BITS);
        MatrixCacheStore caches = new MatrixCacheStore(1);
        MinerStats stats = new MinerStats(List.of("cpu"), System::currentTimeMillis);
        List<FoundShare> sent = new CopyOnWriteArrayList<>();
        RecordingBackend device = new RecordingBackend(new ReferenceBackend(2));
        JobScheduler scheduler = new JobScheduler();
        scheduler.newJob(job);
        try (ShareChecker checker = new ShareChecker(caches, share -> {
            sent.add(share);
            return CompletableFuture.completedFuture(SubmitResult.accepted(1));
        }, stats)) {
            Thread thread = new Thread(new DeviceWorker(0, device, scheduler, caches, checker, stats), "device-0");
            thread.start();
            // Hash until the results hold a block to btmcpool and a result that meets the bits yet is refused.
            while (device.results.size() < MOST_HASHES
                    && !(device.results.stream().anyMatch(r -> verdict(r) == BtmcpoolVerifier.Verdict.BLOCK)
                    && device.results.stream().anyMatch(r -> verdict(r) == BtmcpoolVerifier.Verdict.LOW_DIFFICULTY && r.compareTo(network) <= 0))) {
                Thread.sleep(50);
            }
            scheduler.stop();
            thread.join();
            checker.close(Duration.ofMinutes(2));
        } finally {
            device.close();
        }

        Set<BigInteger> credited = device.results.stream().filter(r -> verdict(r) != BtmcpoolVerifier.Verdict.LOW_DIFFICULTY)
                .collect(Collectors.toSet());
        Set<BigInteger> refusedThoughBlocks = device.results.stream()
                .filter(r -> verdict(r) == BtmcpoolVerifier.Verdict.LOW_DIFFICULTY && r.compareTo(network) <= 0).collect(Collectors.toSet());
        assertThat(refusedThoughBlocks).as("results that meet the bits but not btmcpool's checks, in %d hashed", device.results.size())
                .isNotEmpty();
        Set<BigInteger> sentResults = sent.stream().map(s -> Difficulty.hashToBig(s.result().toArray())).collect(Collectors.toSet());
        assertThat(sentResults).as("sent: each would be 23 Low Difficulty Share if not credited").isEqualTo(credited);
        assertThat(stats.computeErrors()).isZero();
    }

    private static BtmcpoolVerifier.Verdict verdict(BigInteger result) {
        return BtmcpoolVerifier.verdict(result, SOLONET_BITS, SESSION_DIFFICULTY);
    }

    /** A job as btmcpool writes it ({@code stratum/btmc/job.go:56-70}): 8-byte fields as little-endian hex. */
    private static ObjectNode btmcpoolJob(long height, String target) {
        String hash = "5e".repeat(32);
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("job_id", "9913837284729148123");
        job.put("version", Hex.encodeLittleEndian64(1));
        job.put("height", Hex.encodeLittleEndian64(height));
        job.put("previous_block_hash", hash);
        job.put("timestamp", Hex.encodeLittleEndian64(1_700_000_300L));
        job.put("transactions_merkle_root", hash);
        job.put("transaction_status_hash", hash);
        job.put("nonce", Hex.encodeLittleEndian64(1L << 45)); // server 0, session 1 of max_conn 32768 (btmc/session.go:37-56)
        job.put("bits", Hex.encodeLittleEndian64(SOLONET_BITS));
        job.put("seed", "9e6291970cb44dd94008c79bcaf9d86f18b4b49ba5b2a04781db7199ed3b9e4e");
        job.put("target", target);
        return job;
    }

    /** The reference backend, keeping every result it returns as the number the pools compare. */
    private static final class RecordingBackend implements TensorityBackend {
        private final TensorityBackend backend;
        final List<BigInteger> results = new CopyOnWriteArrayList<>();

        RecordingBackend(TensorityBackend backend) {
            this.backend = backend;
        }

        @Override
        public String name() {
            return backend.name();
        }

        @Override
        public int preferredBatchSize() {
            return backend.preferredBatchSize();
        }

        @Override
        public byte[][] hash(MatrixCache cache, byte[][] headerHashes) {
            byte[][] out = backend.hash(cache, headerHashes);
            for (byte[] result : out) {
                results.add(Difficulty.hashToBig(result));
            }
            return out;
        }

        @Override
        public void close() {
            backend.close();
        }
    }
}
