package io.btm.pool.internal.dialect;

import io.btm.core.stratum.Job;
import io.btm.pool.model.PoolJob;

import java.math.BigInteger;

/**
 * A job as one session received it: the pool's job, the job with the session's id, nonce and
 * target as sent, and the bound its shares are judged by. Immutable.
 */
public record SentJob(PoolJob poolJob, Job job, BigInteger judged) {

    public String wireId() {
        return job.jobId();
    }
}
