package io.btm.miner.share;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.DaemonThreads;
import io.btm.core.util.Hex;
import io.btm.core.util.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The gate between devices and the pool: every share a device reports is hashed again with the
 * CPU reference, on a thread of its own so devices never wait. A result that differs is a compute
 * error, logged and never sent; the rest go to the pool and their outcome is counted and logged.
 */
public final class ShareChecker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShareChecker.class);
    private static final int QUEUE = 64;

    private final MatrixCacheStore caches;
    private final Function<FoundShare, CompletableFuture<SubmitResult>> pool;
    private final ShareListener stats;
    private final ThreadPoolExecutor cpu;
    private final AtomicInteger unanswered = new AtomicInteger();

    public ShareChecker(MatrixCacheStore caches, Function<FoundShare, CompletableFuture<SubmitResult>> pool, ShareListener stats) {
        this.caches = caches;
        this.pool = pool;
        this.stats = stats;
        this.cpu = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), DaemonThreads.named("share-check"));
    }

    /** Takes a device's share; drops it, counted, when shares come faster than the CPU can check them. */
    public void found(FoundShare share) {
        try {
            cpu.execute(() -> check(share));
        } catch (RejectedExecutionException e) {
            stats.dropped();
            LOG.warn("share check queue full: dropped job {} nonce {} (raise the difficulty)", Text.printable(share.job().jobId()),
                    Job.formatNonce(share.nonce()));
        }
    }

    private void check(FoundShare share) {
        Job job = share.job();
        byte[] expected = Tensority.hash(share.headerHash(), caches.get(job.seed()));
        if (!Arrays.equals(expected, share.result().toArray())) {
            stats.computeError();
            LOG.error("device {} computed a wrong result for job {} nonce {}: device {}, CPU {}; not submitted",
                    share.device(), Text.printable(job.jobId()), Job.formatNonce(share.nonce()), share.result(),
                    Hex.encode(expected));
            return;
        }
        if (Difficulty.meetsBits(expected, job.template().bits())) {
            stats.block();
            LOG.info("block candidate: job {} height {} nonce {}", Text.printable(job.jobId()), job.height(), Job.formatNonce(share.nonce()));
        }
        unanswered.incrementAndGet();
        pool.apply(share).whenComplete((result, error) -> {
            SubmitResult outcome = error != null ? SubmitResult.lost(error.toString()) : result;
            stats.submitted(outcome);
            log(share, outcome);
            unanswered.decrementAndGet();
        });
    }

    private void log(FoundShare share, SubmitResult result) {
        String counts = "(" + stats.accepted() + "/" + stats.rejected() + ")";
        switch (result.kind()) {
            case ACCEPTED -> LOG.info("accepted {} diff {} ({} ms)", counts, Math.round(share.job().target().displayDifficulty()), result.rttMillis());
            case REJECTED -> LOG.warn("rejected {}: {} ({} ms)", counts, Text.printable(result.reason()), result.rttMillis());
            case STALE -> LOG.info("stale: {}", Text.printable(result.reason()));
            case LOST -> LOG.warn("share lost: {}", Text.printable(result.reason()));
        }
    }

    /** Checks what is queued and waits, up to {@code wait}, for the pool's answers to what was sent. */
    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }

    public void close(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        cpu.shutdown();
        try {
            cpu.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            while (unanswered.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cpu.shutdownNow();
    }
}
