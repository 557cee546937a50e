package io.btm.pool.internal.engine;

import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.util.Bytes32;
import io.btm.core.util.DaemonThreads;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Judges shares that passed the cheap checks: the duplicate check here, the hashing on a bounded
 * pool of validation workers (a full queue answers busy rather than block an event loop), then the
 * record and the answer. Thread-safe.
 */
final class ShareJudge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShareJudge.class);

    private final ShareValidator validator = new ShareValidator(new MatrixCacheStore(2));
    private final ThreadPoolExecutor validation;
    private final Set<String> seenShares = ConcurrentHashMap.newKeySet();
    private final ShareBook book;

    /** Who sent a share, and how its verdict goes back: a stratum reply, or the mock node's HTTP answer. */
    record Submitter(long session, String worker, BiConsumer<Verdict, String> answer) {
    }

    ShareJudge(int threads, int queue, ShareBook book) {
        this.book = book;
        this.validation = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                DaemonThreads.named("share-validation"));
    }

    /** Checks for a duplicate, then hashes on a validation worker and answers from there. */
    void judge(Submitter from, Job job, long nonce, String nonceText, Bytes32 claimed, long arrivalNanos) {
        String key = job.jobId() + ":" + nonce;
        if (!seenShares.add(key)) {
            finish(from, job.jobId(), nonceText, Verdict.DUPLICATE, null,
                    "job " + job.jobId() + " nonce " + nonceText + " already submitted", arrivalNanos);
            return;
        }
        try {
            validation.execute(() -> {
                ShareValidator.Outcome outcome = validator.validate(job, nonce, claimed);
                finish(from, job.jobId(), nonceText, outcome.verdict(), outcome.result().hex(), "", arrivalNanos);
            });
        } catch (RejectedExecutionException e) {
            seenShares.remove(key);
            finish(from, job.jobId(), nonceText, Verdict.BUSY, null, "validation queue full", arrivalNanos);
        }
    }

    /** Records a verdict and answers it. */
    void finish(Submitter from, String jobId, String nonce, Verdict verdict, String result, String detail, long arrivalNanos) {
        long micros = (System.nanoTime() - arrivalNanos) / 1000;
        book.add(new ShareRecord(Instant.now(), from.session(), from.worker(), jobId, nonce, result, verdict, detail, micros));
        from.answer().accept(verdict, detail);
        if (verdict == Verdict.BLOCK) {
            LOG.info("block found by session {} ({}): job {} nonce {}", from.session(), from.worker(), jobId, nonce);
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
