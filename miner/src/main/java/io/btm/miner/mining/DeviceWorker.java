package io.btm.miner.mining;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.header.HeaderHasher;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.util.Bytes32;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.ShareChecker;
import io.btm.miner.stats.MinerStats;
import io.btm.miner.support.BatchWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.concurrent.TimeUnit;

/**
 * One device's mining loop, on a thread of its own (a backend is driven by one thread): claim a
 * block of nonces of the newest job, hash it, hand every result the pool will credit, as a share
 * or as a block ({@link CreditBound}), to the checker.
 */
public final class DeviceWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceWorker.class);

    private final int index;
    private final TensorityBackend backend;
    private final JobScheduler scheduler;
    private final MatrixCacheStore caches;
    private final ShareChecker checker;
    private final MinerStats stats;

    public DeviceWorker(int index, TensorityBackend backend, JobScheduler scheduler, MatrixCacheStore caches,
                        ShareChecker checker, MinerStats stats) {
        this.index = index;
        this.backend = backend;
        this.scheduler = scheduler;
        this.caches = caches;
        this.checker = checker;
        this.stats = stats;
    }

    @Override
    public void run() {
        int batch = backend.preferredBatchSize();
        try {
            while (!scheduler.isStopped()) {
                NonceBlock block = scheduler.next(batch, 1, TimeUnit.SECONDS);
                if (block != null) {
                    hash(block);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("device {} ({}) stopped: {}", index, backend.name(), e.toString(), e);
        }
    }

    private void hash(NonceBlock block) {
        Job job = block.job();
        MatrixCache cache = caches.get(job.seed());
        byte[][] inputs = new byte[block.count()][];
        BatchWork.forEach(inputs.length, (from, to) -> {
            HeaderHasher hasher = new HeaderHasher(job.template()); // one per thread: it is not thread-safe
            for (int i = from; i < to; i++) {
                inputs[i] = hasher.hash(block.nonce(i));
            }
        });
        byte[][] results = backend.hash(cache, inputs);
        stats.hashed(index, inputs.length);
        BigInteger bound = CreditBound.of(job);
        for (int i = 0; i < results.length; i++) {
            if (Difficulty.hashToBig(results[i]).compareTo(bound) <= 0) {
                checker.found(new FoundShare(job, block.nonce(i), inputs[i], Bytes32.of(results[i]), index));
            }
        }
    }
}
