package io.btm.core.tensority;

import io.btm.core.util.Bytes32;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Matrix caches keyed by seed, the few most recent kept (a pool may hold two seeds around a seed
 * switch, every 256 blocks). Thread-safe: concurrent requests for one seed share a single build,
 * done by the first requester outside the lock so other seeds are served meanwhile.
 */
public final class MatrixCacheStore {
    private final int capacity;
    // Guarded by this: access-ordered, so the least recently used seed is evicted first.
    private final Map<Bytes32, CompletableFuture<MatrixCache>> caches;

    public MatrixCacheStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.caches = new LinkedHashMap<>(capacity + 1, 0.75f, true);
    }

    public MatrixCache get(Bytes32 seed) {
        CompletableFuture<MatrixCache> future;
        boolean builder = false;
        synchronized (this) {
            future = caches.get(seed);
            if (future == null) {
                future = new CompletableFuture<>();
                caches.put(seed, future);
                builder = true;
                while (caches.size() > capacity) {
                    caches.remove(caches.keySet().iterator().next());
                }
            }
        }
        if (builder) {
            try {
                future.complete(MatrixCache.build(seed.toArray()));
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    caches.remove(seed, future);
                }
                future.completeExceptionally(e);
            }
        }
        return future.join();
    }
}
