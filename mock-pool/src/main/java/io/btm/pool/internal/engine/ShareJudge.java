package io.btm.pool.internal.engine;

import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.util.Bytes32;
import io.btm.core.util.DaemonThreads;

import java.math.BigInteger;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hashes shares on a bounded pool of validation workers, never on an event loop; a full queue
 * answers at once, rather than block the loop that asked. Thread-safe.
 */
final class ShareJudge implements AutoCloseable {
    private final ShareValidator validator = new ShareValidator(new MatrixCacheStore(2));
    private final ThreadPoolExecutor validation;

    ShareJudge(int threads, int queue) {
        this.validation = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                DaemonThreads.named("share-validation"));
    }

    /**
     * Hashes the share on a validation worker and hands the outcome to {@code then} there; returns
     * false at once, without calling {@code then}, when the queue is full.
     */
    boolean judge(Job job, BigInteger judged, BigInteger blockBound, long nonce, Bytes32 claimed, Consumer<ShareValidator.Outcome> then) {
        try {
            validation.execute(() -> then.accept(validator.validate(job, judged, blockBound, nonce, claimed)));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        validation.shutdown();
        try {
            validation.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
