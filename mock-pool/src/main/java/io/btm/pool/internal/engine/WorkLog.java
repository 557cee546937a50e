package io.btm.pool.internal.engine;

import io.btm.core.header.BlockHeader;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The work submitted per block template: which job id each nonce of a template was first submitted
 * under, so that the same header and nonce under another id (a re-issued job) is noticed, whatever
 * the dialect answers. Kept only for the templates the pool still knows, and for at most
 * {@link #KEPT} nonces in all: past that the oldest templates are forgotten first, and a single
 * template that alone fills it records no more. Thread-safe: guarded by this log's lock, held
 * briefly by event loops and the job timer.
 */
final class WorkLog {
    /** Nonces remembered across templates: about 100 bytes each. */
    static final int KEPT = 250_000;

    private final int kept;
    /** Oldest template first. */
    private final Map<BlockHeader, Map<Long, String>> byTemplate = new LinkedHashMap<>();
    private int size;

    WorkLog() {
        this(KEPT);
    }

    WorkLog(int kept) {
        this.kept = kept;
    }

    /** The job id this work was first submitted under, recording {@code jobId} if it is new. */
    synchronized String firstSubmittedUnder(BlockHeader template, long nonce, String jobId) {
        Map<Long, String> nonces = byTemplate.computeIfAbsent(template, t -> new HashMap<>());
        String first = nonces.get(nonce);
        if (first != null || !makeRoom(nonces)) {
            return first;
        }
        nonces.put(nonce, jobId);
        size++;
        return null;
    }

    /** Forgets the oldest other templates until one more nonce fits; false if {@code keeping} alone fills the log. */
    private boolean makeRoom(Map<Long, String> keeping) {
        Iterator<Map<Long, String>> oldestFirst = byTemplate.values().iterator();
        while (size >= kept && oldestFirst.hasNext()) {
            Map<Long, String> nonces = oldestFirst.next();
            if (nonces != keeping) {
                size -= nonces.size();
                oldestFirst.remove();
            }
        }
        return size < kept;
    }

    /** Forgets the templates the pool no longer knows. */
    synchronized void retain(Collection<BlockHeader> templates) {
        Set<BlockHeader> live = new HashSet<>(templates);
        byTemplate.entrySet().removeIf(entry -> {
            boolean gone = !live.contains(entry.getKey());
            if (gone) {
                size -= entry.getValue().size();
            }
            return gone;
        });
    }

    synchronized int size() {
        return size;
    }
}
