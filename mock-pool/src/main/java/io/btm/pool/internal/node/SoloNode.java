package io.btm.pool.internal.node;

import io.btm.core.header.BlockHeader;
import io.btm.core.node.NodeWork;
import io.btm.pool.model.Verdict;

import java.util.function.BiConsumer;

/** What the mock node's HTTP API needs from the pool. */
public interface SoloNode {

    /** The work get-work hands out: the current template, nonce 0. */
    NodeWork work();

    /**
     * Judges a solved header like a share whose target is the network bits.
     *
     * @param answer gets the verdict and its detail, on whichever thread reached it
     */
    void submitWork(BlockHeader solved, BiConsumer<Verdict, String> answer);

    /** Records a submit-work whose body could not be read. */
    void rejectWork(String detail, BiConsumer<Verdict, String> answer);
}
