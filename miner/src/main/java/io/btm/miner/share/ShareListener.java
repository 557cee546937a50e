package io.btm.miner.share;

/** Who counts what becomes of shares: the miner's stats. Called from the share checker's threads. */
public interface ShareListener {

    /** A share the checker could not take in time: found faster than the CPU can re-hash. */
    void dropped();

    /** A device result that differs from the CPU reference's. */
    void computeError();

    /** A share whose result also meets the network bits. */
    void block();

    /** What the pool made of a share sent, or why it was not sent. */
    void submitted(SubmitResult result);

    long accepted();

    long rejected();
}
