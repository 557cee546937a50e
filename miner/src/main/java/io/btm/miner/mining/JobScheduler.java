package io.btm.miner.mining;

import io.btm.core.stratum.Job;

import java.util.concurrent.TimeUnit;

/**
 * Hands devices disjoint blocks of nonces of the newest job. Nonces walk up from the job's
 * {@code nonce} (the first of the miner's range) and never leave the range, whose size is
 * {@link #RANGE}: the smallest range real pools give (btc.com: {@code sessionId << 32}), and more
 * than any device hashes before the next job. A new job takes effect at each device's next
 * {@link #next} call. Thread-safe: the job and its cursor are guarded by this scheduler's lock,
 * which devices hold only to claim a block, and wait on when there is nothing to claim.
 */
public final class JobScheduler {
    public static final long RANGE = 1L << 32;

    private Job job;
    private long nextNonce;
    private long remaining;
    private boolean stopped;

    /**
     * The newest job. The same work under a new id or target (btmcpool pushes the login's job once
     * more; a pool re-issues a job to change a target) goes on where the cursor is, so no nonce is
     * hashed and submitted twice; other work starts at its own first nonce.
     */
    public synchronized void newJob(Job newJob) {
        boolean sameWork = job != null && job.template().equals(newJob.template()) && job.seed().equals(newJob.seed());
        job = newJob;
        notifyAll();
        if (sameWork) {
            return;
        }
        long start = newJob.startNonce();
        nextNonce = start;
        // A range at the top of the 64-bit space ends there rather than wrapping to nonce 0.
        remaining = start == 0 || Long.compareUnsigned(-start, RANGE) >= 0 ? RANGE : -start;
    }

    public synchronized boolean isStopped() {
        return stopped;
    }

    /**
     * The next block of up to {@code count} nonces of the newest job; waits while there is no job
     * or its range is used up. Null once stopped, or when the wait times out.
     */
    public synchronized NonceBlock next(int count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!stopped) {
            if (job != null && remaining > 0) {
                int n = (int) Math.min(count, remaining);
                NonceBlock block = new NonceBlock(job, nextNonce, n);
                nextNonce += n;
                remaining -= n;
                return block;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return null;
    }

    /** Wakes every waiting device; {@link #next} returns null from now on. */
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }
}
