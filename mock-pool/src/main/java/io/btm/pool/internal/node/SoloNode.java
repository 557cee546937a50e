package io.btm.pool.internal.node;

import io.btm.core.header.BlockHeader;
import io.btm.core.node.NodeWork;
import io.btm.core.util.Bytes32;

import java.util.Optional;
import java.util.function.Consumer;

/** What the mock node's HTTP API needs from the pool. */
public interface SoloNode {

    /** The work get-work hands out: the current template, nonce 0. */
    NodeWork work();

    /**
     * Judges a solved header like a share whose target is the network bits; a block moves the
     * chain on.
     *
     * @param answer gets the node's answer, on whichever thread reached it
     */
    void submitWork(BlockHeader solved, Consumer<NodeAnswer> answer);

    /** Records a submit-work whose body could not be read, then runs the answer. */
    void rejectWork(String detail, Runnable answer);

    /** The block this node accepted at a height, while it is among the recent ones kept. */
    Optional<BlockHeader> block(long height);

    /** The block this node accepted with this id, while it is among the recent ones kept. */
    Optional<BlockHeader> block(Bytes32 id);
}
