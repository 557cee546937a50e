package io.btm.core.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads for the executors that must not keep a JVM alive on their own. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Threads named {@code name}, then {@code name-2}, {@code name-3}… */
    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            int n = count.incrementAndGet();
            Thread thread = new Thread(runnable, n == 1 ? name : name + "-" + n);
            thread.setDaemon(true);
            return thread;
        };
    }
}
