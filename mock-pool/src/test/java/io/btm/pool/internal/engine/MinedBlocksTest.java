package io.btm.pool.internal.engine;

import io.btm.core.header.BlockHeader;
import io.btm.core.util.Bytes32;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mock node's accepted blocks: found by height and by id, the oldest dropped past the bound. */
class MinedBlocksTest {
    private static BlockHeader block(long height, long nonce) {
        return new BlockHeader(1, height, Bytes32.ZERO, 1_700_000_000L, Bytes32.ZERO, Bytes32.ZERO, 1, nonce);
    }

    @Test
    void keepsTheMostRecentBlocksOnly() {
        MinedBlocks blocks = new MinedBlocks(2);
        blocks.add(block(10, 1));
        blocks.add(block(11, 2));
        blocks.add(block(12, 3));

        assertThat(blocks.at(10)).isEmpty();
        assertThat(blocks.withId(block(10, 1).hash())).isEmpty();
        assertThat(blocks.at(11)).contains(block(11, 2));
        assertThat(blocks.withId(block(12, 3).hash())).contains(block(12, 3));
    }

    @Test
    void aLaterBlockAtAHeightReplacesTheEarlierAndIsKeptAsTheNewest() {
        MinedBlocks blocks = new MinedBlocks(2);
        blocks.add(block(10, 1));
        blocks.add(block(11, 2));
        blocks.add(block(10, 9));
        blocks.add(block(12, 3));

        assertThat(blocks.at(10)).contains(block(10, 9));
        assertThat(blocks.withId(block(10, 1).hash())).isEmpty();
        assertThat(blocks.at(11)).isEmpty();
    }
}
