package io.btm.miner.net;

import io.btm.core.stratum.Job;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;
import io.netty.channel.EventLoop;

import java.util.concurrent.CompletableFuture;

/**
 * One connection to one pool or node, made and used by {@link PoolClient} on its client event
 * loop only: every method here is called on that loop, and subclasses keep their state confined
 * to it.
 */
abstract class PoolConnection {
    final PoolEndpoint endpoint;
    final ClientSettings settings;
    final EventLoop loop;
    final Events events;
    /** Completes once the first job has arrived, or fails saying why there is none. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    private Job job;

    /** What a connection reports to its manager, on the client event loop. */
    interface Events {
        void job(PoolConnection from, Job job);

        /** The connection ended after {@link #open} succeeded, and not by {@link #close}. */
        void lost(PoolConnection from, String why);
    }

    PoolConnection(PoolEndpoint endpoint, ClientSettings settings, EventLoop loop, Events events) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.loop = loop;
        this.events = events;
    }

    final PoolEndpoint endpoint() {
        return endpoint;
    }

    /** The newest job from this connection, or null before the first. */
    final Job currentJob() {
        return job;
    }

    /** A job from the pool: the newest from now on; the first one makes the connection ready. */
    final void jobArrived(Job newJob) {
        job = newJob;
        ready.complete(null);
        events.job(this, newJob);
    }

    /** Connects and logs in; returns {@link #ready}. */
    abstract CompletableFuture<Void> open();

    /** Sends a share of the current job (the manager drops stale ones), or completes {@code reply} at once where it cannot. */
    abstract void submit(FoundShare share, CompletableFuture<SubmitResult> reply);

    /** Closes without reporting a loss; pending submits complete as lost. */
    abstract void close();
}
