package io.btm.pool.internal.node;

/**
 * The coinbase reward of a block, which {@code /get-block-header} reports as {@code reward}: the
 * subsidy of bytomd v1.1.1's {@code consensus.BlockSubsidy} ({@code consensus/general.go:21-23, 65-71}).
 * The node adds the block's fees (mining/mining.go:27-28, createCoinbaseTx); the mock's blocks carry no
 * transactions, so the subsidy is the whole reward.
 */
final class BlockSubsidy {
    private static final long INITIAL = 140_700_041_250_000_000L;
    private static final long BASE = 41_250_000_000L;
    private static final long REDUCTION_INTERVAL = 840_000L;

    private BlockSubsidy() {
    }

    /** In neu (10^-8 BTM), for an unsigned height. */
    static long at(long height) {
        if (height == 0) {
            return INITIAL;
        }
        long halvings = Long.divideUnsigned(height, REDUCTION_INTERVAL);
        // Go's shift of a uint64 by 64 or more is 0; Java's would wrap the count.
        return halvings >= Long.SIZE ? 0 : BASE >>> halvings;
    }
}
