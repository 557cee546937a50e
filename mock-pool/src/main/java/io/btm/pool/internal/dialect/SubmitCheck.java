package io.btm.pool.internal.dialect;

import io.btm.pool.model.Verdict;

/** The outcome of a dialect's cheap checks of a submit: refused at once, or a share to hash. */
public sealed interface SubmitCheck {

    /**
     * Refused before hashing.
     *
     * @param jobId              the job id as sent, or null where it could not be read
     * @param nonce              the nonce as sent, or null
     * @param countsAgainstWorker whether the pool counts it as an error toward a ban
     */
    record Refused(Verdict verdict, Reaction reaction, String detail, String jobId, String nonce,
                   boolean countsAgainstWorker) implements SubmitCheck {
    }

    /** Passed the cheap checks: hash it. */
    record ToJudge(SentJob job, long nonce, String nonceText, String claimedResult) implements SubmitCheck {
    }
}
