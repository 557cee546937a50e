package io.btm.pool.internal.engine;

import io.btm.core.header.BlockHeader;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The work submitted per block template: which job id each nonce of a template was first submitted
 * under, so that the same header and nonce under another id (a re-issued job) is noticed, whatever
 * the dialect answers. Kept only for the templates the pool still knows. Thread-safe: guarded by
 * this log's lock, held briefly by event loops and the job timer.
 */
final class WorkLog {
    private final Map<BlockHeader, Map<Long, String>> byTemplate = new HashMap<>();

    /** The job id this work was first submitted under, recording {@code jobId} if it is new. */
    synchronized String firstSubmittedUnder(BlockHeader template, long nonce, String jobId) {
        return byTemplate.computeIfAbsent(template, t -> new HashMap<>()).putIfAbsent(nonce, jobId);
    }

    /** Forgets the templates the pool no longer knows. */
    synchronized void retain(Collection<BlockHeader> templates) {
        Set<BlockHeader> live = new HashSet<>(templates);
        byTemplate.keySet().retainAll(live);
    }
}
