package io.btm.pool.internal.dialect;

import io.btm.core.stratum.Job;
import io.btm.pool.model.PoolJob;

import java.math.BigInteger;

/**
 * A job as one session received it: the pool's job, the job with the session's id, nonce and
 * target as sent, the bound its shares are judged by, and when it was assigned ({@link System#nanoTime()}).
 * Immutable.
 */
public record SentJob(PoolJob poolJob, Job job, BigInteger judged, long assignedNanos) {

    public String wireId() {
        return job.jobId();
    }
}
