package io.btm.pool.internal.engine;

import io.btm.core.util.DaemonThreads;
import io.btm.pool.internal.json.PoolJson;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every submit and its verdict: counted, the newest kept in memory for the control API and the
 * test API, and appended to a JSON-lines share log when one is given, which is the full record.
 *
 * <p>What a miner is told is written down first: {@link #add} runs the answer only once the
 * record's line is written and flushed to the operating system, so a pool killed with
 * {@code kill -9} has logged every verdict any miner received. The log is written in batches by a
 * thread of its own (event loops must never wait for a disk); a full disk is counted, and the
 * answers go out all the same.
 *
 * <p>Thread-safe: verdicts arrive from validation workers and event loops at once; the kept list
 * is guarded by this book's lock, the counters are atomic, the queues concurrent.
 */
public final class ShareBook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShareBook.class);
    /** Records waiting for the disk; beyond this the log falls behind by dropping, and says so. */
    private static final int LOG_QUEUE = 64 * 1024;
    private static final int BATCH = 1024;

    private final int kept;
    private final Map<Verdict, AtomicLong> counts = new EnumMap<>(Verdict.class);
    private final Map<ShareFlag, AtomicLong> flagged = new EnumMap<>(ShareFlag.class);
    private final Deque<ShareRecord> records = new ArrayDeque<>();
    private final BlockingQueue<ShareRecord> untaken;
    private final AtomicLong untakenDropped = new AtomicLong();
    private final Path logFile;
    private final BufferedWriter log;
    private final BlockingQueue<Pending> toWrite;
    private final Thread writer;
    private final AtomicLong logErrors = new AtomicLong();
    private final AtomicLong logDropped = new AtomicLong();
    private volatile boolean closing;

    /** A record on its way to the disk, and what to do once it is there. */
    private record Pending(ShareRecord record, Runnable then) {
    }

    /**
     * @param logFile the share log, or null for none
     * @param kept    how many of the newest records to keep in memory and to hold for takes
     */
    public ShareBook(Path logFile, int kept) {
        this.kept = kept;
        this.untaken = new ArrayBlockingQueue<>(kept);
        for (Verdict v : Verdict.values()) {
            counts.put(v, new AtomicLong());
        }
        for (ShareFlag f : ShareFlag.values()) {
            flagged.put(f, new AtomicLong());
        }
        this.logFile = logFile;
        try {
            this.log = logFile == null ? null : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalArgumentException("share log " + logFile + ": cannot open (" + e.getMessage() + ")");
        }
        this.toWrite = log == null ? null : new ArrayBlockingQueue<>(LOG_QUEUE);
        this.writer = log == null ? null : DaemonThreads.named("share-log").newThread(this::writeLoop);
        if (writer != null) {
            writer.start();
        }
    }

    /** Counts and keeps a record, and runs {@code then} (the answer to the miner) once it is logged. */
    public void add(ShareRecord record, Runnable then) {
        counts.get(record.verdict()).incrementAndGet();
        record.flags().forEach(flag -> flagged.get(flag).incrementAndGet());
        synchronized (this) {
            records.addLast(record);
            if (records.size() > kept) {
                records.removeFirst();
            }
        }
        while (!untaken.offer(record)) {
            if (untaken.poll() != null) {
                untakenDropped.incrementAndGet(); // nobody takes: the oldest untaken record goes
            }
        }
        if (toWrite == null || closing) {
            then.run();
        } else if (!toWrite.offer(new Pending(record, then))) {
            logDropped.incrementAndGet();
            then.run();
        }
    }

    /** The writer thread: a batch of records to the disk, flushed, then their answers. */
    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                Pending first = toWrite.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                toWrite.drainTo(batch, BATCH - 1);
                write(batch);
                batch.forEach(pending -> pending.then().run());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            for (Pending pending : batch) {
                log.write(PoolJson.record(pending.record()).toString());
                log.newLine();
            }
            log.flush();
        } catch (IOException e) {
            if (logErrors.getAndAdd(batch.size()) == 0) {
                LOG.error("share log {}: cannot write ({}); counting failed records in the stats", logFile, e.getMessage());
            }
        }
    }

    public long count(Verdict verdict) {
        return counts.get(verdict).get();
    }

    public long count(ShareFlag flag) {
        return flagged.get(flag).get();
    }

    /** Records the share log could not write: a full disk, a broken file, a log that fell behind. */
    public long logFailures() {
        return logErrors.get() + logDropped.get();
    }

    /** The newest records, at most as many as kept, oldest first. */
    public synchronized List<ShareRecord> records() {
        return List.copyOf(records);
    }

    /** At most the {@code n} newest records, oldest first: what a page shows, without copying the whole book. */
    public synchronized List<ShareRecord> newest(int n) {
        return Newest.of(records, n);
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
                        + matched.size() + (untakenDropped.get() > 0 ? "; " + untakenDropped.get() + " untaken records were dropped" : ""));
            }
            if (matching.test(next)) {
                matched.add(next);
            }
        }
        return matched;
    }

    /** Writes out every record still queued for the log, runs their answers, then closes the log. */
    @Override
    public void close() {
        closing = true;
        if (writer == null) {
            return;
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> late = new ArrayList<>(); // added while the writer was finishing
        toWrite.drainTo(late);
        write(late);
        late.forEach(pending -> pending.then().run());
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("share log {}: {}", logFile, e.getMessage());
        }
    }
}
