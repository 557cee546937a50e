package io.btm.pool.trace;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw trace: every line in and out of every session, as sent, with the time and the session,
 * one JSON object per line: {@code {"time":…,"session":N,"dir":"in"|"out","data":"…"}}. {@code data}
 * is the text exactly, a trailing newline included where one was sent; an incoming line is given
 * without the newline that ended it. Written by a thread of its own (event loops never wait for a
 * disk), behind a bounded queue: a trace that cannot keep up drops lines and says how many.
 */
public final class TraceLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceLog.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int QUEUE = 64 * 1024;

    private final Path file;
    private final BufferedWriter out;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();

    public TraceLog(Path file) {
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalArgumentException("trace log " + file + ": cannot open (" + e.getMessage() + ")");
        }
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), DaemonThreads.named("trace-log"));
    }

    /** Appends one line of traffic; never blocks. */
    public void record(long session, boolean incoming, String data) {
        ObjectNode line = NODES.objectNode().put("time", Instant.now().toString()).put("session", session)
                .put("dir", incoming ? "in" : "out").put("data", data);
        try {
            writer.execute(() -> write(line.toString()));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
        }
    }

    private void write(String line) {
        try {
            out.write(line);
            out.newLine();
            if (writer.getQueue().isEmpty()) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes out what is queued, then closes the file. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("trace log {}: {}", file, e.getMessage());
        }
        if (dropped.get() > 0) {
            LOG.warn("trace log {}: {} lines dropped, written slower than the traffic came", file, dropped.get());
        }
    }
}
