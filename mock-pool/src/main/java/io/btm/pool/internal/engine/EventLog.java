package io.btm.pool.internal.engine;

import io.btm.pool.model.ProtocolEvent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What sessions did besides submitting: the newest events kept in memory, every one counted by
 * kind. Thread-safe: events arrive from every event loop; the list is guarded by this log's lock.
 */
final class EventLog {
    private final int kept;
    private final Map<ProtocolEvent.Kind, AtomicLong> counts = new EnumMap<>(ProtocolEvent.Kind.class);
    private final Deque<ProtocolEvent> events = new ArrayDeque<>();

    EventLog(int kept) {
        this.kept = kept;
        for (ProtocolEvent.Kind kind : ProtocolEvent.Kind.values()) {
            counts.put(kind, new AtomicLong());
        }
    }

    void add(ProtocolEvent event) {
        counts.get(event.kind()).incrementAndGet();
        synchronized (this) {
            events.addLast(event);
            if (events.size() > kept) {
                events.removeFirst();
            }
            notifyAll();
        }
    }

    /** The first kept event that matches, waiting up to {@code timeout} for one; null if none came. */
    synchronized ProtocolEvent await(Predicate<ProtocolEvent> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ProtocolEvent event : events) {
                if (matching.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized List<ProtocolEvent> events() {
        return List.copyOf(events);
    }

    /** At most the {@code n} newest events, oldest first. */
    synchronized List<ProtocolEvent> newest(int n) {
        return Newest.of(events, n);
    }

    long count(ProtocolEvent.Kind kind) {
        return counts.get(kind).get();
    }
}
