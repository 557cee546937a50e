package io.btm.pool.internal.engine;

import io.btm.core.header.BlockHeader;
import io.btm.core.util.Bytes;
import io.btm.core.util.Bytes32;
import io.btm.core.util.Sha3;
import io.btm.pool.model.PoolJob;


import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The pool's jobs: deterministic synthetic templates, the current one and the recent ones a
 * share may still name. The seed follows the chain's rule: it changes when the height crosses a
 * multiple of 256. Thread-safe: all state is guarded by this board's lock, taken briefly by the
 * event loops (issuing, looking up) and by validation workers.
 */
public final class JobBoard {
    public static final int EPOCH = 256;
    private static final int KEPT = 32;
    private static final long BASE_TIMESTAMP = 1_700_000_000L;

    private final Bytes32 firstSeed;
    private final long firstEpoch;
    private final LongFunction<String> ids;
    private long bits;
    private long issued;
    private PoolJob current;
    // Insertion-ordered, bounded: jobs older than the last KEPT are unknown to the pool.
    private final Map<String, PoolJob> recent = new LinkedHashMap<>();

    /** @param ids the id of the n-th job issued, in the style of the pool imitated */
    public JobBoard(Bytes32 seed, long bits, long startHeight, LongFunction<String> ids) {
        this.ids = ids;
        this.firstSeed = seed;
        this.firstEpoch = startHeight / EPOCH;
        this.bits = bits;
        this.current = issue(startHeight, seedFor(startHeight));
    }

    public synchronized PoolJob current() {
        return current;
    }

    public synchronized Optional<PoolJob> find(String id) {
        return Optional.ofNullable(recent.get(id));
    }

    /** The newest job issued with this template (nonce 0), e.g. for a header the mock node gets back. */
    public synchronized Optional<PoolJob> findTemplate(BlockHeader template) {
        PoolJob found = null;
        for (PoolJob job : recent.values()) {
            if (job.template().equals(template)) {
                found = job;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A job replaced by one of a newer height is stale. */
    public synchronized boolean isStale(PoolJob job) {
        return job.height() < current.height();
    }

    /** The next block: height + 1 unless given, the epoch's seed unless given, the pool's bits unless given. */
    public synchronized PoolJob next(Long height, Bytes32 seed, Long newBits) {
        if (height == null && current.height() == Long.MAX_VALUE) {
            throw new IllegalArgumentException("height: the chain is at " + Long.MAX_VALUE + ", the last height a job can have");
        }
        long h = height == null ? current.height() + 1 : height;
        if (newBits != null) {
            bits = newBits;
        }
        current = issue(h, seed == null ? seedFor(h) : seed);
        return current;
    }

    /** The current template again under a new id, e.g. to carry a new share target. */
    public synchronized PoolJob reissue() {
        current = register(current.template(), current.seed());
        return current;
    }

    /** The templates of the jobs a share may still name. */
    public synchronized List<BlockHeader> templates() {
        return recent.values().stream().map(PoolJob::template).toList();
    }

    /** The job before the current one, for the resend-an-old-job fault. */
    public synchronized Optional<PoolJob> previous() {
        PoolJob last = null;
        for (PoolJob job : recent.values()) {
            if (job == current) {
                break;
            }
            last = job;
        }
        return Optional.ofNullable(last);
    }

    private Bytes32 seedFor(long height) {
        long epoch = height / EPOCH;
        if (epoch == firstEpoch) {
            return firstSeed;
        }
        byte[] input = new byte[40];
        firstSeed.copyTo(input, 0);
        Bytes.putLongLE(input, 32, epoch);
        return Bytes32.of(Sha3.sha256(input));
    }

    private PoolJob issue(long height, Bytes32 seed) {
        BlockHeader template = new BlockHeader(1, height, hash("previous", height - 1, 0), BASE_TIMESTAMP + 150 * height,
                hash("transactions", height, issued), hash("status", height, issued), bits, 0);
        return register(template, seed);
    }

    private PoolJob register(BlockHeader template, Bytes32 seed) {
        issued++;
        PoolJob job = new PoolJob(ids.apply(issued), template, seed);
        recent.put(job.id(), job);
        while (recent.size() > KEPT) {
            recent.remove(recent.keySet().iterator().next());
        }
        return job;
    }

    private static Bytes32 hash(String label, long height, long salt) {
        byte[] prefix = label.getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[prefix.length + 16];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        Bytes.putLongLE(input, prefix.length, height);
        Bytes.putLongLE(input, prefix.length + 8, salt);
        return Bytes32.of(Sha3.sha256(input));
    }
}
