package io.btm.pool.internal.engine;

import io.btm.core.header.BlockHeader;
import io.btm.core.util.Bytes32;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The blocks the mock node accepted, by height, for {@code /get-block-header}: the most recent
 * {@code kept} only, so a long run holds bounded memory. A later block at a height it already
 * holds (the chain set back through the control API) replaces the earlier one, as the node's
 * main chain would. Thread-safe: its lock is held only for a map operation.
 */
final class MinedBlocks {
    private final int kept;
    // Insertion-ordered, so the eldest is the one dropped once more than kept are held.
    private final Map<Long, Mined> byHeight = new LinkedHashMap<>();

    /** A block with its id, hashed once when accepted rather than at every look-up by hash. */
    private record Mined(BlockHeader header, Bytes32 id) {
    }

    MinedBlocks(int kept) {
        this.kept = kept;
    }

    void add(BlockHeader block) {
        Mined mined = new Mined(block, block.hash());
        synchronized (this) {
            byHeight.remove(block.height());
            byHeight.put(block.height(), mined);
            if (byHeight.size() > kept) {
                byHeight.remove(byHeight.keySet().iterator().next());
            }
        }
    }

    synchronized Optional<BlockHeader> at(long height) {
        return Optional.ofNullable(byHeight.get(height)).map(Mined::header);
    }

    /** A scan of at most {@code kept} ids: cheap at the sizes kept, and no second map to keep in step. */
    synchronized Optional<BlockHeader> withId(Bytes32 id) {
        return byHeight.values().stream().filter(block -> block.id().equals(id)).map(Mined::header).findFirst();
    }
}
