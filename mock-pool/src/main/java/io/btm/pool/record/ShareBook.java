package io.btm.pool.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.pool.validation.Verdict;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every submit and its verdict: counted, kept in memory for the control API, and appended to a
 * JSON-lines share log when one is given. Verdicts arrive from validation workers and event loops
 * at once, so the list is guarded by this book's lock and the counters are atomic; the file is
 * written by a thread of its own, because rejections are recorded on the event loops, which must
 * never wait for a disk.
 */
public final class ShareBook implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Verdict, AtomicLong> counts = new EnumMap<>(Verdict.class);
    private final List<ShareRecord> records = new ArrayList<>();
    private final BufferedWriter log;
    private final ExecutorService writer;

    public ShareBook(Path logFile) {
        for (Verdict v : Verdict.values()) {
            counts.put(v, new AtomicLong());
        }
        try {
            this.log = logFile == null ? null : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalArgumentException("share log " + logFile + ": cannot open (" + e + ")");
        }
        this.writer = log == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "share-log");
            t.setDaemon(true);
            return t;
        });
    }

    public void add(ShareRecord record) {
        counts.get(record.verdict()).incrementAndGet();
        synchronized (this) {
            records.add(record);
        }
        if (writer != null) {
            writer.execute(() -> append(record));
        }
    }

    /** On the writer thread only. Flushed per line: a killed pool loses nothing it wrote down. */
    private void append(ShareRecord record) {
        try {
            log.write(toJson(record).toString());
            log.newLine();
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count(Verdict verdict) {
        return counts.get(verdict).get();
    }

    public synchronized List<ShareRecord> records() {
        return List.copyOf(records);
    }

    public static ObjectNode toJson(ShareRecord r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", r.time().toString());
        node.put("session", r.session());
        node.put("worker", r.worker());
        node.put("job_id", r.jobId());
        node.put("nonce", r.nonce());
        node.put("result", r.result());
        node.put("verdict", r.verdict().reason());
        node.put("detail", r.detail());
        node.put("micros", r.micros());
        return node;
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
