package io.btm.miner.pool;

import io.btm.core.stratum.Job;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;

import java.util.concurrent.CompletableFuture;

/**
 * One connection to one pool or node, made and used by {@link PoolManager} on its client event
 * loop only: every method here is called on that loop, and implementations keep their state
 * confined to it.
 */
interface PoolConnection {

    PoolEndpoint endpoint();

    /** Connects and logs in; completes once the first job has arrived, or fails saying why. */
    CompletableFuture<Void> open();

    /** The newest job from this connection, or null before the first. */
    Job currentJob();

    /** Sends a share, or completes {@code reply} at once where it is stale or cannot be sent. */
    void submit(FoundShare share, CompletableFuture<SubmitResult> reply);

    /** Closes without reporting a loss; pending submits complete as lost. */
    void close();

    /** What a connection reports to its manager, on the client event loop. */
    interface Events {
        void job(PoolConnection from, Job job);

        /** The connection ended after {@link #open} succeeded, and not by {@link #close}. */
        void lost(PoolConnection from, String why);
    }
}
