package io.btm.pool.internal.node;

/**
 * How a Bytom node answers a submit-work, as bytomd v1.1.1 does (docs/bytom-node.md): every
 * failure is {@code {"status":"fail","code":"BTM000","msg":"Bytom API Error","error_detail":…}}.
 */
public enum NodeAnswer {
    /** {@code {"status":"success","data":true}}. */
    ACCEPTED(null),
    /** The node's pending block is no longer this header's: another solution was accepted, or the chain moved on. */
    BLOCK_CHANGED("pending mining block has been changed"),
    /** The proof of work misses the bits. */
    MISSES_TARGET("invalid difficulty proof of work: invalid block"),
    /** The mock's validation queue is full (a real node would only be slow). */
    BUSY("mock node busy: validation queue full");

    private final String errorDetail;

    NodeAnswer(String errorDetail) {
        this.errorDetail = errorDetail;
    }

    /** The node's {@code error_detail}, or null for success. */
    public String errorDetail() {
        return errorDetail;
    }
}
