package io.btm.pool.internal.engine;

import io.btm.core.util.DaemonThreads;
import io.btm.pool.internal.json.PoolJson;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every submit and its verdict: counted, kept in memory for the control API and the test API,
 * and appended to a JSON-lines share log when one is given. Verdicts arrive from validation
 * workers and event loops at once, so the list is guarded by this book's lock, the counters are
 * atomic and the take queue is a concurrent queue; the file is written by a thread of its own,
 * because rejections are recorded on the event loops, which must never wait for a disk.
 */
public final class ShareBook implements AutoCloseable {
    private final Map<Verdict, AtomicLong> counts = new EnumMap<>(Verdict.class);
    private final Map<ShareFlag, AtomicLong> flagged = new EnumMap<>(ShareFlag.class);
    private final List<ShareRecord> records = new ArrayList<>();
    private final BlockingQueue<ShareRecord> untaken = new LinkedBlockingQueue<>();
    private final BufferedWriter log;
    private final ExecutorService writer;

    public ShareBook(Path logFile) {
        for (Verdict v : Verdict.values()) {
            counts.put(v, new AtomicLong());
        }
        for (ShareFlag f : ShareFlag.values()) {
            flagged.put(f, new AtomicLong());
        }
        try {
            this.log = logFile == null ? null : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalArgumentException("share log " + logFile + ": cannot open (" + e + ")");
        }
        this.writer = log == null ? null : Executors.newSingleThreadExecutor(DaemonThreads.named("share-log"));
    }

    public void add(ShareRecord record) {
        counts.get(record.verdict()).incrementAndGet();
        record.flags().forEach(flag -> flagged.get(flag).incrementAndGet());
        synchronized (this) {
            records.add(record);
        }
        untaken.add(record);
        if (writer != null) {
            writer.execute(() -> append(record));
        }
    }

    /** On the writer thread only. Flushed per line: a killed pool loses nothing it wrote down. */
    private void append(ShareRecord record) {
        try {
            log.write(PoolJson.record(record).toString());
            log.newLine();
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count(Verdict verdict) {
        return counts.get(verdict).get();
    }

    public long count(ShareFlag flag) {
        return flagged.get(flag).get();
    }

    public synchronized List<ShareRecord> records() {
        return List.copyOf(records);
    }

    /** The oldest record no take has returned yet, waiting up to {@code timeout}; null if none came. */
    public ShareRecord take(Duration timeout) throws InterruptedException {
        return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Takes records until {@code n} of them match, waiting up to {@code timeout} in all; those that
     * do not match are taken and passed over. Fails, saying how many matched, when time runs out.
     */
    public List<ShareRecord> await(Predicate<ShareRecord> matching, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ShareRecord> matched = new ArrayList<>();
        while (matched.size() < n) {
            ShareRecord next = untaken.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + n + " matching share records, got "
                        + matched.size());
            }
            if (matching.test(next)) {
                matched.add(next);
            }
        }
        return matched;
    }

    /** Writes out every record still queued for the log, then closes it. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
